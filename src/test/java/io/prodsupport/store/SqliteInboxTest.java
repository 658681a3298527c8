package io.prodsupport.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.prodsupport.inbox.Accepted;
import io.prodsupport.inbox.Inbox;
import io.prodsupport.inbox.StoredEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The inbox contract on a real SQLite file. */
class SqliteInboxTest extends InboxContract {

    @TempDir
    Path dir;

    private String url() {
        return "jdbc:sqlite:" + dir.resolve("inbox.db");
    }

    @Override
    Inbox open() {
        return Stores.open(url(), null, null);
    }

    @Test
    void the_file_is_in_write_ahead_log_mode_so_readers_never_block_the_intake() throws SQLException {
        try (Connection c = DriverManager.getConnection(url());
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("PRAGMA journal_mode")) {
            r.next();
            assertThat(r.getString(1)).isEqualToIgnoringCase("wal");
        }
    }

    @Test
    void deliveries_arriving_together_share_commits_and_each_is_answered_for_itself() throws Exception {
        // 32 senders, 40 deliveries each; every delivery is sent twice by two different senders (a Jira retry racing
        // its original), so each id must come back NEW exactly once and DUPLICATE exactly once
        int senders = 32;
        int perSender = 40;
        Map<String, List<Accepted>> answers = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int s = 0; s < senders; s++) {
                int sender = s;
                sent.add(pool.submit(() -> {
                    for (int i = 0; i < perSender; i++) {
                        // senders s and s^1 send the same ids
                        String id = "d-" + (sender / 2) + "-" + i;
                        Accepted a = inbox.accept(event(id, "OPS-" + (i % 5)));
                        answers.computeIfAbsent(id, k -> new java.util.concurrent.CopyOnWriteArrayList<>())
                                .add(a);
                    }
                }));
            }
            for (Future<?> f : sent) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }

        assertThat(answers).hasSize(senders / 2 * perSender);
        assertThat(answers.values())
                .allSatisfy(a -> assertThat(a).containsExactlyInAnyOrder(Accepted.NEW, Accepted.DUPLICATE));
        AtomicInteger stored = new AtomicInteger();
        for (List<StoredEvent> batch; !(batch = inbox.claim("w", T0, Duration.ofMinutes(1), 100)).isEmpty(); ) {
            for (StoredEvent e : batch) {
                assertThat(new String(e.body(), java.nio.charset.StandardCharsets.UTF_8))
                        .contains(e.deliveryId());
                inbox.complete(e, "w", T0);
                stored.incrementAndGet();
            }
        }
        assertThat(stored).hasValue(senders / 2 * perSender);
    }

    @Test
    void a_body_stored_before_bodies_were_deflated_comes_back_as_it_was() throws SQLException {
        try (Connection c = DriverManager.getConnection(url());
                Statement s = c.createStatement()) {
            // what a row written by an earlier build looks like: raw bytes, the column's default encoding
            s.executeUpdate(
                    "INSERT INTO inbox_event (delivery_id, ordering_key, webhook_event, body, received_at, state,"
                            + " attempt, available_at) VALUES ('old-1', 'OPS-1', 'jira:issue_created', X'7B2261223A317D', 0,"
                            + " 'PENDING', 0, 0)");
        }

        StoredEvent claimed = inbox.claim("w", T0, LEASE, 1).get(0);

        assertThat(new String(claimed.body(), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("{\"a\":1}");
    }

    @Test
    void a_body_deflated_by_the_previous_build_comes_back_as_it_was() throws SQLException {
        byte[] body = "{\"webhookEvent\":\"jira:issue_updated\",\"n\":1}".getBytes(StandardCharsets.UTF_8);
        try (Connection c = DriverManager.getConnection(url());
                java.sql.PreparedStatement p = c.prepareStatement(
                        "INSERT INTO inbox_event (delivery_id, ordering_key, webhook_event, body, body_encoding,"
                                + " received_at, state, attempt, available_at)"
                                + " VALUES ('old-2', 'OPS-1', 'jira:issue_updated', ?, 'deflate', 0, 'PENDING', 0, 0)")) {
            p.setBytes(1, BodyCodec.DEFLATE.encode(body));
            p.executeUpdate();
        }

        assertThat(inbox.claim("w", T0, LEASE, 1).get(0).body()).isEqualTo(body);
    }

    @Test
    void new_bodies_are_stored_compressed_and_smaller() throws SQLException {
        byte[] body = ("{\"webhookEvent\":\"jira:issue_updated\",\"text\":\"" + "x".repeat(6000) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        inbox.accept(new io.prodsupport.inbox.InboundEvent("d-big", "OPS-1", "jira:issue_updated", T0, body));

        try (Connection c = DriverManager.getConnection(url());
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT body_encoding, length(body) FROM inbox_event")) {
            r.next();
            assertThat(r.getString(1)).isEqualTo("lz4");
            assertThat(r.getInt(2)).isLessThan(body.length / 4);
        }
        assertThat(inbox.claim("w", T0, LEASE, 1).get(0).body()).isEqualTo(body);
    }

    @Test
    void a_compressed_body_whose_bytes_changed_on_disk_is_noticed_by_its_checksum() throws SQLException {
        byte[] body = ("{\"webhookEvent\":\"jira:issue_updated\",\"text\":\"" + "abc".repeat(100) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        inbox.accept(new io.prodsupport.inbox.InboundEvent("d-flipped", "OPS-1", "jira:issue_updated", T0, body));
        try (Connection c = DriverManager.getConnection(url());
                Statement s = c.createStatement()) {
            // the "w" of "webhookEvent", a literal in the LZ4 block, becomes "W": the block still decompresses, to
            // the wrong bytes
            s.executeUpdate(
                    "UPDATE inbox_event SET body = substr(body, 1, instr(body, CAST('webhookEvent' AS BLOB)) - 1)"
                            + " || X'57' || substr(body, instr(body, CAST('webhookEvent' AS BLOB)) + 1)");
        }

        assertThat(inbox.claim("w", T0, LEASE, 10)).isEmpty();
        assertThat(inbox.deadLetters())
                .singleElement()
                .satisfies(d -> assertThat(d.lastError()).contains("does not match its checksum"));
    }

    @Test
    void a_body_that_cannot_be_read_back_becomes_a_dead_letter_and_holds_up_nothing() throws SQLException {
        inbox.accept(event("d-damaged", "OPS-1"));
        inbox.accept(event("d-fine", "OPS-2"));
        try (Connection c = DriverManager.getConnection(url());
                Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE inbox_event SET body = X'789C0102' WHERE delivery_id = 'd-damaged'");
        }

        assertThat(inbox.claim("w", T0, LEASE, 10))
                .extracting(StoredEvent::deliveryId)
                .containsExactly("d-fine");
        assertThat(inbox.deadLetters()).singleElement().satisfies(d -> {
            assertThat(d.deliveryId()).isEqualTo("d-damaged");
            assertThat(d.lastError()).contains("stored body");
        });
    }

    @Test
    void an_empty_body_comes_back_empty() {
        inbox.accept(new io.prodsupport.inbox.InboundEvent("d-empty", "OPS-1", "prodsupport:sweep", T0, new byte[0]));

        assertThat(inbox.claim("w", T0, LEASE, 1).get(0).body()).isEmpty();
        assertThat(inbox.deadLetters()).isEmpty();
    }
}
