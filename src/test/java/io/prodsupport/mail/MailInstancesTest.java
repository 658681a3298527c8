package io.prodsupport.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.prodsupport.jirasim.Flavour;
import io.prodsupport.jirasim.SimComment;
import io.prodsupport.testing.PostgresServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Three instances of prodsupport reading the same mailbox at the same time, with one PostgreSQL store between them (as
 * several instances share it in production): every message becomes exactly one comment, and every message ends in the
 * done folder.
 */
class MailInstancesTest {

    private static final int MESSAGES = 12;
    private static final int INSTANCES = 3;

    private MailSite site;

    @AfterEach
    void close() throws Exception {
        if (site != null) {
            site.close();
        }
    }

    @Test
    void instances_polling_one_mailbox_together_post_each_message_once() throws Exception {
        site = new MailSite(Flavour.CLOUD, PostgresServer.freshDatabase("mailboxes"));
        String first = site.incident("Checkout is down");
        String second = site.incident("Search is slow");
        for (int i = 0; i < MESSAGES; i++) {
            String key = i % 2 == 0 ? first : second;
            site.send(site.letter("<m" + i + "@mail.example.com>", "[" + key + "] update " + i, "Update number " + i));
        }
        List<Callable<Void>> instances = new ArrayList<>();
        for (int n = 0; n < INSTANCES; n++) {
            MailIntake intake = site.intake(site.jira.bot(), site.ledger(), false);
            Mailbox mailbox = site.mailbox();
            instances.add(() -> {
                for (int round = 0; round < 5; round++) {
                    site.poll(intake, mailbox);
                }
                return null;
            });
        }

        ExecutorService pool = Executors.newFixedThreadPool(INSTANCES);
        try {
            for (Future<Void> done : pool.invokeAll(instances)) {
                done.get();
            }
        } finally {
            pool.shutdownNow();
        }
        site.poll(site.intake()); // whatever a lost race left in the inbox

        List<String> bodies = new ArrayList<>();
        for (String key : List.of(first, second)) {
            site.comments(key).stream().map(SimComment::body).forEach(bodies::add);
        }
        assertThat(bodies).hasSize(MESSAGES);
        for (int i = 0; i < MESSAGES; i++) {
            int n = i;
            assertThat(bodies)
                    .filteredOn(b -> b.contains("Update number " + n + "\n"))
                    .hasSize(1);
        }
        assertThat(site.subjectsIn("INBOX")).isEmpty();
        assertThat(site.subjectsIn(MailSite.DONE)).hasSize(MESSAGES);
    }
}
