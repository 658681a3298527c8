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
    void delivered_messages_older_than_the_window_are_pruned_and_waiting_ones_never() {
        outbox.enqueue(message("OPS-1"), List.of("slack"), T0, T0);
        outbox.enqueue(message("OPS-2"), List.of("slack"), T0, T0);
        outbox.enqueue(message("OPS-3"), List.of("slack", "teams"), T0, T0);
        for (OutboxEntry e : outbox.claim("slack", T0, LEASE, "w1", 10)) {
            if (!e.message().incident().key().equals("OPS-3")) {
                outbox.delivered(e, T0.plusSeconds(1));
            } else {
                outbox.release(e);
            }
        }

        assertThat(outbox.prune(T0)).as("delivered after the cut-off: kept").isZero();
        assertThat(outbox.prune(T0.plus(Duration.ofDays(1)))).isEqualTo(2);

        assertThat(outbox.claim("slack", T0, LEASE, "w1", 10))
                .extracting(e -> e.message().incident().key())
                .containsExactly("OPS-3");
        assertThat(outbox.claim("teams", T0, LEASE, "w1", 10)).hasSize(1);
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

    static ChannelMessage change(int seq, String from, String to) {
        return ChannelMessage.progress(
                "progress:OPS-1:" + seq,
                message("OPS-1").incident(),
                List.of(new ChannelMessage.Change(ChannelMessage.STATUS, from, to)),
                List.of());
    }

    @Test
    void a_change_folds_into_the_waiting_message_keeping_its_due_time_and_a_change_back_removes_it() {
        Instant due = T0.plusSeconds(60);
        outbox.enqueue(change(1, "To Do", "In Progress"), List.of("slack"), T0, due);
        outbox.enqueue(change(2, "In Progress", "Done"), List.of("slack"), T0.plusSeconds(1), T0.plusSeconds(61));

        assertThat(outbox.claim("slack", due.minusMillis(1), LEASE, "w1", 10)).isEmpty();
        List<OutboxEntry> folded = outbox.claim("slack", due, LEASE, "w1", 10);
        assertThat(folded)
                .singleElement()
                .satisfies(e -> assertThat(e.message().changes())
                        .containsExactly(new ChannelMessage.Change(ChannelMessage.STATUS, "To Do", "Done")));
        outbox.release(folded.get(0));

        outbox.enqueue(change(3, "Done", "To Do"), List.of("slack"), T0.plusSeconds(2), T0.plusSeconds(62));
        assertThat(outbox.backlog()).as("back where it began: nothing to say").isEmpty();
    }

    @Test
    void a_change_never_folds_into_a_message_already_tried_or_held_by_a_worker() {
        outbox.enqueue(change(1, "To Do", "In Progress"), List.of("slack"), T0, T0);
        OutboxEntry held = outbox.claim("slack", T0, LEASE, "w1", 10).get(0);

        outbox.enqueue(change(2, "In Progress", "Done"), List.of("slack"), T0.plusSeconds(1), T0.plusSeconds(1));
        outbox.failed(held, "slack: answered HTTP 500", T0.plusSeconds(2));
        outbox.enqueue(change(3, "Done", "To Do"), List.of("slack"), T0.plusSeconds(3), T0.plusSeconds(3));

        assertThat(outbox.claim("slack", T0.plusSeconds(5), LEASE, "w1", 10))
                .extracting(e -> e.message().changes().get(0).to())
                .as("the one being sent stays as it was; the later two fold into one of their own")
                .containsExactly("In Progress", "To Do");
    }

    @Test
    void of_two_instances_one_takes_each_turn_of_a_timer() {
        Duration every = Duration.ofMinutes(1);
        assertThat(outbox.takeTurn("reminders", "a", T0, every)).isTrue();
        assertThat(outbox.takeTurn("reminders", "b", T0, every)).isFalse();
        assertThat(outbox.takeTurn("reminders", "b", T0.plusSeconds(30), every)).isFalse();
        assertThat(outbox.takeTurn("reminders", "b", T0.plus(every), every)).isTrue();
        assertThat(outbox.takeTurn("reminders", "a", T0.plus(every), every)).isFalse();
        assertThat(outbox.takeTurn("other", "a", T0, every))
                .as("each timer has its own turns")
                .isTrue();
    }
}
