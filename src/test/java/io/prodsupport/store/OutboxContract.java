package io.prodsupport.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.prodsupport.notify.ChannelBacklog;
import io.prodsupport.notify.ChannelMessage;
import io.prodsupport.notify.IncidentNotice;
import io.prodsupport.notify.OutboxEntry;
import io.prodsupport.notify.OutboxStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every outbox back end must do: {@link SqliteOutboxTest} and {@link PostgresOutboxTest} run it. */
abstract class OutboxContract {

    static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");
    static final Duration LEASE = Duration.ofMinutes(5);

    OutboxStore outbox;

    abstract OutboxStore open();

    @BeforeEach
    void openOutbox() {
        outbox = open();
    }

    @AfterEach
    void closeOutbox() {
        outbox.close();
    }

    static ChannelMessage message(String key) {
        return ChannelMessage.newIncident(new IncidentNotice(
                key, "Checkout <down>", "https://jira.example.com/browse/" + key, "OPS", "High", "Carol", null));
    }

    @Test
    void a_message_queued_again_is_one_row_per_channel_and_reads_back_as_written() {
        outbox.enqueue(message("OPS-1"), List.of("slack", "teams"), T0, T0);
        outbox.enqueue(message("OPS-1"), List.of("slack"), T0.plusSeconds(5), T0.plusSeconds(5)); // the event's retry

        List<OutboxEntry> slack = outbox.claim("slack", T0, LEASE, "w1", 10);
        assertThat(slack).singleElement().satisfies(e -> {
            assertThat(e.message()).isEqualTo(message("OPS-1"));
            assertThat(e.queuedAt()).isEqualTo(T0);
            assertThat(e.attempts()).isZero();
        });
        assertThat(outbox.claim("teams", T0, LEASE, "w1", 10)).hasSize(1);
    }

    @Test
    void a_delivered_message_is_never_claimed_again_nor_queued_again() {
        outbox.enqueue(message("OPS-1"), List.of("slack"), T0, T0);
        OutboxEntry entry = outbox.claim("slack", T0, LEASE, "w1", 10).get(0);
        outbox.delivered(entry, T0.plusSeconds(1));

        outbox.enqueue(message("OPS-1"), List.of("slack"), T0.plusSeconds(2), T0.plusSeconds(2));

        assertThat(outbox.claim("slack", T0.plus(Duration.ofDays(1)), LEASE, "w1", 10))
                .isEmpty();
        assertThat(outbox.backlog()).isEmpty();
    }

    @Test
    void a_claim_keeps_other_workers_off_until_its_lease_runs_out() {
        outbox.enqueue(message("OPS-1"), List.of("slack"), T0, T0);
        assertThat(outbox.claim("slack", T0, LEASE, "w1", 10)).hasSize(1);

        assertThat(outbox.claim("slack", T0.plusSeconds(60), LEASE, "w2", 10)).isEmpty();
        assertThat(outbox.claim("slack", T0.plus(LEASE), LEASE, "w2", 10))
                .as("the first worker died: its claim ran out")
                .hasSize(1);
    }

    @Test
    void a_failure_counts_waits_until_its_time_and_shows_in_the_backlog_oldest_first() {
        outbox.enqueue(message("OPS-1"), List.of("slack"), T0, T0);
        outbox.enqueue(message("OPS-2"), List.of("slack"), T0.plusSeconds(1), T0.plusSeconds(1));
        List<OutboxEntry> due = outbox.claim("slack", T0.plusSeconds(2), LEASE, "w1", 10);
        assertThat(due).extracting(e -> e.message().incident().key()).containsExactly("OPS-1", "OPS-2");
        outbox.failed(due.get(0), "slack: answered HTTP 500", T0.plusSeconds(30));
        outbox.release(due.get(1));

        assertThat(outbox.claim("slack", T0.plusSeconds(3), LEASE, "w1", 10))
                .extracting(e -> e.message().incident().key())
                .containsExactly("OPS-2");
        assertThat(outbox.backlog())
                .containsExactly(
                        new ChannelBacklog("slack", 2, 1, Optional.of(T0), Optional.of("slack: answered HTTP 500")));
        List<OutboxEntry> retried = outbox.claim("slack", T0.plusSeconds(30), LEASE, "w1", 10);
        assertThat(retried)
                .singleElement()
                .satisfies(e -> assertThat(e.attempts()).isEqualTo(1));
    }
}
