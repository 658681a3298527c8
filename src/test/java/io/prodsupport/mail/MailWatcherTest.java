package io.prodsupport.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.prodsupport.jirasim.Flavour;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watcher on its own thread against a real IMAP server that offers IDLE (GreenMail). */
class MailWatcherTest {

    @TempDir
    Path dir;

    private MailSite site;
    private MailWatcher watcher;

    @AfterEach
    void close() throws Exception {
        if (watcher != null) {
            watcher.close();
        }
        if (site != null) {
            site.close();
        }
    }

    @Test
    void new_mail_is_taken_as_it_arrives_through_idle_without_waiting_for_a_poll() throws Exception {
        site = new MailSite(Flavour.CLOUD, dir);
        String key = site.incident("Checkout is down");
        // neither the IDLE renewal nor the poll interval comes within the test's time: only IDLE can bring the mail
        watcher =
                new MailWatcher(site.mailbox(), site.intake(), Duration.ofHours(1), Duration.ofHours(1), site.metrics);
        watcher.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> site.counted("commented") == 0 && idling());

        site.send(site.letter("<idle@mail.example.com>", "[" + key + "] pool", "Restarted pay-7."));

        await().atMost(Duration.ofSeconds(20)).until(() -> site.comments(key).size() == 1);
        assertThat(site.subjectsIn(MailSite.DONE)).containsExactly("[" + key + "] pool");
        assertThat(site.counted("commented")).isEqualTo(1);
    }

    @Test
    void close_ends_the_idle_at_once_and_logs_out() throws Exception {
        site = new MailSite(Flavour.CLOUD, dir);
        watcher =
                new MailWatcher(site.mailbox(), site.intake(), Duration.ofHours(1), Duration.ofHours(1), site.metrics);
        watcher.start();
        await().atMost(Duration.ofSeconds(20)).until(this::idling);

        watcher.close();

        assertThat(watcherThreadAlive()).isFalse();
        watcher = null;
    }

    @Test
    void a_mailbox_that_refuses_the_password_is_retried_and_counted_not_fatal() throws Exception {
        site = new MailSite(Flavour.CLOUD, dir);
        MailboxSettings wrong = new MailboxSettings(
                "127.0.0.1",
                site.mail.getImap().getPort(),
                false,
                MailSite.MAILBOX,
                "not-the-password",
                "INBOX",
                java.util.Optional.empty(),
                java.util.Optional.empty(),
                false);
        watcher = new MailWatcher(
                site.mailbox(wrong), site.intake(), Duration.ofHours(1), Duration.ofHours(1), site.metrics);

        watcher.start();

        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        site.metrics.counter("prodsupport.mail.polls.failed").count() >= 1);
        assertThat(watcherThreadAlive()).isTrue();
    }

    /** The watcher's thread waits in an IDLE command the server has accepted. */
    private boolean idling() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("mail-watcher"))
                .anyMatch(t -> java.util.Arrays.stream(t.getStackTrace())
                        .anyMatch(f -> f.getMethodName().equals("readIdleResponse")));
    }

    private static boolean watcherThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("mail-watcher") && t.isAlive());
    }
}
