package io.prodsupport.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.prodsupport.incident.FollowUpLedger;
import io.prodsupport.incident.FollowUpLedger.Claim;
import io.prodsupport.incident.FollowUpRecord;
import io.prodsupport.incident.FollowUpRecord.State;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every follow-up ledger back end must do, written once: {@link SqliteFollowUpLedgerTest} and
 * {@link PostgresFollowUpLedgerTest} run it. Time is passed in, so lease expiry is exact.
 */
abstract class FollowUpLedgerContract {

    static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    static final Instant LEASE_END = T0.plus(Duration.ofMinutes(2));

    FollowUpLedger ledger;

    /** A new connection to this test's database; every call reaches the same data. */
    abstract FollowUpLedger open();

    @BeforeEach
    void openLedger() {
        ledger = open();
    }

    @AfterEach
    void closeLedger() {
        ledger.close();
    }

    private static List<State> states(List<FollowUpRecord> records) {
        return records.stream().map(FollowUpRecord::state).toList();
    }

    @Test
    void an_intent_is_claimed_once_and_a_second_creator_is_refused_while_the_lease_runs() {
        assertThat(ledger.claim("OPS-12", "a1", "Add an alert", "first", T0, LEASE_END))
                .isEqualTo(Claim.NEW);

        assertThat(ledger.claim("OPS-12", "a1", "Add an alert", "second", T0.plusSeconds(60), LEASE_END))
                .isEqualTo(Claim.REFUSED);
        assertThat(ledger.records("OPS-12")).singleElement().satisfies(r -> {
            assertThat(r.state()).isEqualTo(State.CLAIMED);
            assertThat(r.claimedBy()).isEqualTo("first");
            assertThat(r.followUpKey()).isNull();
            assertThat(r.summary()).isEqualTo("Add an alert");
        });
    }

    @Test
    void the_holder_renews_its_own_claim_and_anyone_takes_over_an_expired_one() {
        ledger.claim("OPS-12", "a1", "s", "first", T0, LEASE_END);

        assertThat(ledger.claim("OPS-12", "a1", "s", "first", T0.plusSeconds(10), LEASE_END.plusSeconds(10)))
                .isEqualTo(Claim.RESUMED);
        assertThat(ledger.claim("OPS-12", "a1", "s", "second", LEASE_END.plusSeconds(10), LEASE_END.plusSeconds(200)))
                .isEqualTo(Claim.RESUMED);
        assertThat(ledger.records("OPS-12").get(0).claimedBy()).isEqualTo("second");
    }

    @Test
    void a_row_moves_through_created_linked_commented_and_a_finished_row_cannot_be_claimed_again() {
        ledger.claim("OPS-12", "a1", "s", "me", T0, LEASE_END);

        assertThat(ledger.created("OPS-12", "a1", "SUP-7", "me", T0)).isTrue();
        assertThat(ledger.linked("OPS-12", "a1", "me", T0)).isTrue();
        assertThat(ledger.commented("OPS-12", List.of("a1"), "me", T0)).isEqualTo(1);

        FollowUpRecord done = ledger.records("OPS-12").get(0);
        assertThat(done.state()).isEqualTo(State.COMMENTED);
        assertThat(done.followUpKey()).isEqualTo("SUP-7");
        assertThat(ledger.claim("OPS-12", "a1", "s", "me", LEASE_END.plusSeconds(1), LEASE_END.plusSeconds(99)))
                .isEqualTo(Claim.REFUSED);
    }

    @Test
    void a_creator_whose_lease_was_taken_over_cannot_record_anything() {
        ledger.claim("OPS-12", "a1", "s", "slow", T0, LEASE_END);
        ledger.claim("OPS-12", "a1", "s", "fast", LEASE_END, LEASE_END.plusSeconds(120));

        assertThat(ledger.created("OPS-12", "a1", "SUP-8", "slow", LEASE_END)).isFalse();
        assertThat(ledger.created("OPS-12", "a1", "SUP-9", "fast", LEASE_END)).isTrue();
        assertThat(ledger.linked("OPS-12", "a1", "slow", LEASE_END)).isFalse();
        assertThat(ledger.commented("OPS-12", List.of("a1"), "slow", LEASE_END)).isZero();
        assertThat(ledger.records("OPS-12").get(0).followUpKey()).isEqualTo("SUP-9");
    }

    @Test
    void steps_only_move_forward() {
        ledger.claim("OPS-12", "a1", "s", "me", T0, LEASE_END);

        assertThat(ledger.linked("OPS-12", "a1", "me", T0))
                .as("link before create")
                .isFalse();
        assertThat(ledger.commented("OPS-12", List.of("a1"), "me", T0))
                .as("comment before link")
                .isZero();
        ledger.created("OPS-12", "a1", "SUP-1", "me", T0);
        assertThat(ledger.created("OPS-12", "a1", "SUP-2", "me", T0))
                .as("a second key")
                .isFalse();
        assertThat(ledger.records("OPS-12").get(0).followUpKey()).isEqualTo("SUP-1");
    }

    @Test
    void a_released_claim_can_be_taken_at_once() {
        ledger.claim("OPS-12", "a1", "s", "crashed", T0, LEASE_END);
        ledger.claim("OPS-12", "a2", "s", "crashed", T0, LEASE_END);

        ledger.release("OPS-12", List.of("a1", "a2"), "crashed");

        assertThat(ledger.claim("OPS-12", "a1", "s", "retry", T0.plusSeconds(1), LEASE_END))
                .isEqualTo(Claim.RESUMED);
        assertThat(ledger.claim("OPS-12", "a2", "s", "retry", T0.plusSeconds(1), LEASE_END))
                .isEqualTo(Claim.RESUMED);
    }

    @Test
    void a_forgotten_intent_is_gone_and_only_its_holder_may_forget_it() {
        ledger.claim("OPS-12", "a1", "s", "me", T0, LEASE_END);
        ledger.forget("OPS-12", "a1", "someone else");
        assertThat(ledger.records("OPS-12")).hasSize(1);

        ledger.forget("OPS-12", "a1", "me");

        assertThat(ledger.records("OPS-12")).isEmpty();
    }

    @Test
    void records_come_in_the_order_first_claimed_and_only_for_their_incident() {
        for (String action : List.of("zz", "aa", "mm")) {
            ledger.claim("OPS-12", action, "s", "me", T0, LEASE_END);
        }
        ledger.claim("OPS-13", "bb", "s", "me", T0, LEASE_END);
        ledger.claim("OPS-12", "zz", "s", "me", T0.plusSeconds(5), LEASE_END);

        assertThat(ledger.records("OPS-12"))
                .extracting(FollowUpRecord::actionId)
                .containsExactly("zz", "aa", "mm");
        assertThat(states(ledger.records("OPS-13"))).containsExactly(State.CLAIMED);
    }

    @Test
    void of_eight_creators_racing_for_one_action_exactly_one_wins() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Claim>> racers = IntStream.range(0, 8)
                    .<Callable<Claim>>mapToObj(
                            i -> () -> ledger.claim("OPS-12", "a1", "s", "racer-" + i, T0, LEASE_END))
                    .toList();
            long winners = 0;
            for (Future<Claim> result : pool.invokeAll(racers)) {
                winners += result.get().held() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
