package io.prodsupport.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prodsupport.inbox.Accepted;
import io.prodsupport.inbox.DeadLetter;
import io.prodsupport.inbox.InboundEvent;
import io.prodsupport.inbox.Inbox;
import io.prodsupport.inbox.StoreUnavailableException;
import io.prodsupport.inbox.StoredEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every inbox back end must do, written once: {@link SqliteInboxTest} and {@link PostgresInboxTest} run it.
 * Time is passed in, never read, so lease expiry and backoff are exact.
 */
abstract class InboxContract {

    static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    static final Duration LEASE = Duration.ofSeconds(60);

    Inbox inbox;

    /** A new connection to this test's database; every call reaches the same data. */
    abstract Inbox open();

    @BeforeEach
    void openInbox() {
        inbox = open();
    }

    @AfterEach
    void closeInbox() {
        inbox.close();
    }

    static InboundEvent event(String deliveryId, String key) {
        return new InboundEvent(
                deliveryId,
                key,
                "jira:issue_updated",
                T0,
                ("{\"webhookEvent\":\"jira:issue_updated\",\"d\":\"" + deliveryId + "\"}")
                        .getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void a_new_delivery_is_stored_once_and_its_repeat_is_a_duplicate() {
        assertThat(inbox.accept(event("d-1", "OPS-1"))).isEqualTo(Accepted.NEW);
        assertThat(inbox.accept(event("d-1", "OPS-1"))).isEqualTo(Accepted.DUPLICATE);

        assertThat(inbox.depth()).isEqualTo(1);
        assertThat(inbox.claim("w", T0, LEASE, 10)).hasSize(1);
    }

    @Test
    void the_oldest_pending_event_is_the_oldest_not_done_and_not_dead() {
        assertThat(inbox.oldestPending()).isEmpty();
        inbox.accept(new InboundEvent("d-old", "OPS-1", "jira:issue_updated", T0, new byte[0]));
        inbox.accept(new InboundEvent("d-mid", "OPS-2", "jira:issue_updated", T0.plusSeconds(60), new byte[0]));
        inbox.accept(new InboundEvent("d-new", "OPS-3", "jira:issue_updated", T0.plusSeconds(120), new byte[0]));
        assertThat(inbox.oldestPending()).contains(T0);

        StoredEvent first = inbox.claim("w", T0, LEASE, 1).get(0);
        assertThat(inbox.oldestPending()).as("in progress still counts").contains(T0);
        inbox.complete(first, "w", T0);
        assertThat(inbox.oldestPending()).contains(T0.plusSeconds(60));
        StoredEvent second = inbox.claim("w", T0.plusSeconds(60), LEASE, 1).get(0);
        assertThat(second.deliveryId()).isEqualTo("d-mid");
        inbox.deadLetter(second, "w", T0.plusSeconds(60), "failed");
        assertThat(inbox.oldestPending()).contains(T0.plusSeconds(120));
    }

    @Test
    void a_delivery_is_still_a_duplicate_after_it_was_handled() {
        inbox.accept(event("d-1", "OPS-1"));
        StoredEvent claimed = inbox.claim("w", T0, LEASE, 1).get(0);
        assertThat(inbox.complete(claimed, "w", T0)).isTrue();

        assertThat(inbox.accept(event("d-1", "OPS-1"))).isEqualTo(Accepted.DUPLICATE);
        assertThat(inbox.depth()).isZero();
    }

    @Test
    void the_body_comes_back_byte_for_byte_with_what_the_intake_recorded() {
        byte[] body = {0, (byte) 0xff, '{', '\n', (byte) 0xc3, (byte) 0xa9};
        inbox.accept(new InboundEvent("d-bin", "id:10013", "comment_created", T0, body));

        StoredEvent claimed = inbox.claim("w", T0, LEASE, 1).get(0);
        assertThat(claimed.body()).isEqualTo(body);
        assertThat(claimed.deliveryId()).isEqualTo("d-bin");
        assertThat(claimed.orderingKey()).isEqualTo("id:10013");
        assertThat(claimed.webhookEvent()).isEqualTo("comment_created");
        assertThat(claimed.receivedAt()).isEqualTo(T0);
        assertThat(claimed.attempt()).isEqualTo(1);
    }

    @Test
    void a_claimed_event_is_not_handed_out_again_until_its_lease_expires() {
        inbox.accept(event("d-1", "OPS-1"));
        inbox.claim("crashed", T0, LEASE, 10);

        assertThat(inbox.claim("other", T0.plus(LEASE).minusMillis(1), LEASE, 10))
                .isEmpty();
        List<StoredEvent> takenOver = inbox.claim("other", T0.plus(LEASE), LEASE, 10);
        assertThat(takenOver).singleElement().extracting(StoredEvent::attempt).isEqualTo(2);
        assertThat(inbox.depth()).isEqualTo(1);
    }

    @Test
    void after_a_restart_the_dead_process_claims_are_claimable_at_once() {
        inbox.accept(event("d-1", "OPS-1"));
        inbox.accept(event("d-2", "OPS-2"));
        inbox.claim("killed", T0, LEASE, 10);

        assertThat(inbox.expireAllClaims(T0.plusSeconds(1))).isEqualTo(2);

        assertThat(inbox.claim("restarted", T0.plusSeconds(1), LEASE, 10)).hasSize(2);
    }

    @Test
    void a_worker_whose_claim_was_taken_over_cannot_finish_it() {
        inbox.accept(event("d-1", "OPS-1"));
        StoredEvent slow = inbox.claim("slow", T0, LEASE, 1).get(0);
        StoredEvent taken = inbox.claim("other", T0.plus(LEASE), LEASE, 1).get(0);

        assertThat(inbox.complete(slow, "slow", T0)).isFalse();
        assertThat(inbox.retryLater(slow, "slow", T0, "late")).isFalse();
        assertThat(inbox.complete(taken, "other", T0.plus(LEASE))).isTrue();
        assertThat(inbox.depth()).isZero();
    }

    @Test
    void renewing_a_lease_keeps_the_claim_past_its_first_expiry() {
        inbox.accept(event("d-1", "OPS-1"));
        StoredEvent claimed = inbox.claim("w", T0, LEASE, 1).get(0);

        assertThat(inbox.renewLeases("w", List.of(claimed.id()), T0.plus(LEASE.multipliedBy(2))))
                .isEqualTo(1);
        assertThat(inbox.renewLeases("someone-else", List.of(claimed.id()), T0.plus(LEASE.multipliedBy(9))))
                .isZero();
        assertThat(inbox.claim("other", T0.plus(LEASE), LEASE, 1)).isEmpty();
        assertThat(inbox.claim("other", T0.plus(LEASE.multipliedBy(2)), LEASE, 1))
                .hasSize(1);
    }

    @Test
    void events_of_one_key_are_handed_out_one_at_a_time_in_arrival_order_and_other_keys_alongside() {
        inbox.accept(event("a-1", "OPS-1"));
        inbox.accept(event("a-2", "OPS-1"));
        inbox.accept(event("b-1", "OPS-2"));

        List<StoredEvent> first = inbox.claim("w", T0, LEASE, 10);
        assertThat(first).extracting(StoredEvent::deliveryId).containsExactly("a-1", "b-1");
        assertThat(inbox.claim("w2", T0, LEASE, 10)).isEmpty();

        inbox.complete(first.get(0), "w", T0);
        assertThat(inbox.claim("w2", T0, LEASE, 10))
                .extracting(StoredEvent::deliveryId)
                .containsExactly("a-2");
    }

    @Test
    void a_failed_event_is_due_again_only_at_its_retry_time_and_holds_back_its_key() {
        inbox.accept(event("a-1", "OPS-1"));
        inbox.accept(event("a-2", "OPS-1"));
        StoredEvent failed = inbox.claim("w", T0, LEASE, 10).get(0);
        Instant due = T0.plusSeconds(4);
        assertThat(inbox.retryLater(failed, "w", due, "Jira answered 502")).isTrue();

        assertThat(inbox.claim("w", due.minusMillis(1), LEASE, 10)).isEmpty();
        assertThat(inbox.claim("w", due, LEASE, 10)).singleElement().satisfies(e -> {
            assertThat(e.deliveryId()).isEqualTo("a-1");
            assertThat(e.attempt()).isEqualTo(2);
        });
    }

    @Test
    void a_dead_letter_keeps_the_last_error_stops_blocking_its_key_and_can_be_replayed() {
        inbox.accept(event("a-1", "OPS-1"));
        inbox.accept(event("a-2", "OPS-1"));
        StoredEvent claimed = inbox.claim("w", T0, LEASE, 1).get(0);
        assertThat(inbox.deadLetter(claimed, "w", T0.plusSeconds(1), "java.io.IOException: Jira is down"))
                .isTrue();

        assertThat(inbox.deadLetters()).singleElement().satisfies(d -> {
            assertThat(d.deliveryId()).isEqualTo("a-1");
            assertThat(d.orderingKey()).isEqualTo("OPS-1");
            assertThat(d.attempts()).isEqualTo(1);
            assertThat(d.lastError()).isEqualTo("java.io.IOException: Jira is down");
            assertThat(d.failedAt()).isEqualTo(T0.plusSeconds(1));
        });
        assertThat(inbox.depth()).isEqualTo(1);
        StoredEvent next = inbox.claim("w", T0.plusSeconds(1), LEASE, 10).get(0);
        assertThat(next.deliveryId()).isEqualTo("a-2");

        assertThat(inbox.replay("a-1")).isTrue();
        assertThat(inbox.replay("a-1")).as("no longer a dead letter").isFalse();
        assertThat(inbox.replay("never-seen")).isFalse();
        assertThat(inbox.deadLetters()).isEmpty();
        assertThat(inbox.claim("w", T0.plusSeconds(1), LEASE, 10))
                .as("a-2 of the same key still runs")
                .isEmpty();
        inbox.complete(next, "w", T0.plusSeconds(2));
        assertThat(inbox.claim("w", T0.plusSeconds(2), LEASE, 10))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.deliveryId()).isEqualTo("a-1");
                    assertThat(e.attempt())
                            .as("a replay starts its attempts afresh")
                            .isEqualTo(1);
                });
    }

    @Test
    void a_released_claim_is_due_at_once_without_counting_the_attempt() {
        inbox.accept(event("a-1", "OPS-1"));
        StoredEvent claimed = inbox.claim("w", T0, LEASE, 1).get(0);

        assertThat(inbox.release(claimed, "w", T0)).isTrue();
        assertThat(inbox.claim("w2", T0, LEASE, 1))
                .singleElement()
                .extracting(StoredEvent::attempt)
                .isEqualTo(1);
    }

    @Test
    void depth_counts_pending_and_claimed_events_but_not_done_or_dead_ones() {
        for (String id : List.of("1", "2", "3", "4")) {
            inbox.accept(event(id, "OPS-" + id));
        }
        List<StoredEvent> claimed = inbox.claim("w", T0, LEASE, 3);
        inbox.complete(claimed.get(0), "w", T0);
        inbox.deadLetter(claimed.get(1), "w", T0, "boom");

        assertThat(inbox.depth()).isEqualTo(2);
    }

    @Test
    void everything_survives_closing_and_reopening_the_store() {
        inbox.accept(event("d-1", "OPS-1"));
        inbox.accept(event("d-2", "OPS-2"));
        inbox.claim("crashed", T0, LEASE, 1);
        inbox.close();

        inbox = open();
        assertThat(inbox.depth()).isEqualTo(2);
        assertThat(inbox.accept(event("d-1", "OPS-1"))).isEqualTo(Accepted.DUPLICATE);
        assertThat(inbox.claim("restarted", T0.plus(LEASE), LEASE, 10))
                .extracting(StoredEvent::deliveryId)
                .containsExactly("d-1", "d-2");
    }

    @Test
    void a_closed_store_says_it_is_unavailable_instead_of_failing_otherwise() {
        inbox.close();

        assertThatThrownBy(() -> inbox.accept(event("d-1", "OPS-1"))).isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> inbox.depth()).isInstanceOf(StoreUnavailableException.class);
    }

    @Test
    void done_events_past_their_retention_are_pruned_in_batches_and_nothing_else_is() {
        for (int i = 0; i < 5; i++) {
            inbox.accept(event("old-" + i, "OPS-" + i));
        }
        inbox.accept(event("dead", "OPS-9"));
        inbox.accept(event("open", "OPS-8"));
        for (StoredEvent e : inbox.claim("w", T0, LEASE, 10)) {
            switch (e.deliveryId()) {
                case "dead" -> inbox.deadLetter(e, "w", T0, "boom");
                case "open" -> inbox.release(e, "w", T0);
                default -> inbox.complete(e, "w", T0);
            }
        }
        inbox.accept(event("recent", "OPS-7"));
        StoredEvent recent = inbox.claim("w", T0, LEASE, 10).stream()
                .filter(e -> e.deliveryId().equals("recent"))
                .findFirst()
                .orElseThrow();
        inbox.complete(recent, "w", T0.plusSeconds(3600));

        Instant cutoff = T0.plusSeconds(60);
        assertThat(inbox.pruneDone(cutoff, 2)).isEqualTo(2);
        assertThat(inbox.pruneDone(cutoff, 2)).isEqualTo(2);
        assertThat(inbox.pruneDone(cutoff, 2)).as("the last of the old ones").isEqualTo(1);
        assertThat(inbox.pruneDone(cutoff, 2)).isZero();

        assertThat(inbox.accept(event("old-0", "OPS-0")))
                .as("a pruned delivery id is forgotten")
                .isEqualTo(Accepted.NEW);
        assertThat(inbox.accept(event("recent", "OPS-7")))
                .as("one inside the retention is still recognised")
                .isEqualTo(Accepted.DUPLICATE);
        assertThat(inbox.deadLetters()).extracting(DeadLetter::deliveryId).containsExactly("dead");
        assertThat(inbox.depth()).as("open and old-0 again").isEqualTo(2);
    }
}
