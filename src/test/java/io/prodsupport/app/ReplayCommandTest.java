package io.prodsupport.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.prodsupport.inbox.InboundEvent;
import io.prodsupport.inbox.Inbox;
import io.prodsupport.inbox.StoredEvent;
import io.prodsupport.store.Stores;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ReplayCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();

    private int run(String... args) {
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(new StringWriter(), true));
        return cli.execute(args);
    }

    private Path config() throws IOException {
        Path token = Files.writeString(dir.resolve("token"), "t");
        return Files.writeString(
                dir.resolve("prodsupport.yml"),
                "jira:\n  baseUrl: https://acme.atlassian.net\n"
                        + "  email: bot@acme.test\n  apiToken: file:" + token + "\n"
                        + "webhook:\n  allowUnsigned: true\n"
                        + "store:\n  url: jdbc:sqlite:" + dir.resolve("prodsupport.db") + "\n"
                        + "incidents:\n  projects: [OPS]\n");
    }

    private void deadLetter(String deliveryId) {
        try (Inbox inbox = Stores.open("jdbc:sqlite:" + dir.resolve("prodsupport.db"), null, null)) {
            Instant now = Instant.now();
            inbox.accept(new InboundEvent(
                    deliveryId, "OPS-1", "jira:issue_created", now, "{}".getBytes(StandardCharsets.UTF_8)));
            StoredEvent claimed =
                    inbox.claim("w", now, Duration.ofMinutes(1), 1).get(0);
            inbox.deadLetter(claimed, "w", now, "JiraException: issue OPS-1 not found");
        }
    }

    @Test
    void dead_letters_are_listed_with_their_last_error() throws IOException {
        Path config = config();
        deadLetter("d-1");

        assertThat(run("replay", "--config", config.toString())).isZero();
        assertThat(out.toString())
                .contains("1 dead letter(s):")
                .contains("d-1  jira:issue_created OPS-1  1 attempts")
                .contains("issue OPS-1 not found");
    }

    @Test
    void a_replayed_dead_letter_is_queued_again_and_an_unknown_id_is_named() throws IOException {
        Path config = config();
        deadLetter("d-1");

        assertThat(run("replay", "--config", config.toString(), "d-1", "d-9")).isEqualTo(1);
        assertThat(out.toString()).contains("✓ d-1 is queued again").contains("✗ d-9 is not a dead letter");
        try (Inbox inbox = Stores.open("jdbc:sqlite:" + dir.resolve("prodsupport.db"), null, null)) {
            assertThat(inbox.deadLetters()).isEmpty();
            assertThat(inbox.depth()).isEqualTo(1);
        }
    }

    @Test
    void with_no_dead_letters_it_says_so() throws IOException {
        assertThat(run("replay", "--config", config().toString())).isZero();
        assertThat(out.toString()).contains("no dead letters");
    }
}
