package io.prodsupport.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.prodsupport.mail.MailLedger;
import io.prodsupport.mail.MailLedger.Claim;
import io.prodsupport.mail.MailRecord;
import io.prodsupport.mail.MailRecord.State;
import io.prodsupport.mail.MessageKey;
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
 * What every mail ledger back end must do, written once: {@link SqliteMailLedgerTest} and {@link PostgresMailLedgerTest}
 * run it. Time is passed in, so lease expiry is exact.
 */
abstract class MailLedgerContract {

    static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    static final Instant LEASE_END = T0.plus(Duration.ofMinutes(5));
    static final String ID = "<CAF+reply-1@mail.example.com>";
    static final String KEY = MessageKey.of(ID);

    MailLedger ledger;

    /** A new connection to this test's database; every call reaches the same data. */
    abstract MailLedger open();

    @BeforeEach
    void openLedger() {
        ledger = open();
    }

    @AfterEach
    void closeLedger() {
        ledger.close();
    }

    @Test
    void a_message_is_claimed_once_and_a_second_instance_is_told_it_is_busy_while_the_lease_runs() {
        assertThat(ledger.claim(KEY, ID, "first", T0, LEASE_END)).isEqualTo(Claim.NEW);

        assertThat(ledger.claim(KEY, ID, "second", T0.plusSeconds(60), LEASE_END))
                .isEqualTo(Claim.BUSY);
        assertThat(ledger.record(KEY)).hasValueSatisfying(r -> {
            assertThat(r.state()).isEqualTo(State.CLAIMED);
            assertThat(r.messageId()).isEqualTo(ID);
            assertThat(r.claimedBy()).isEqualTo("first");
            assertThat(r.leaseUntil()).isEqualTo(LEASE_END);
        });
    }

    @Test
    void the_holder_renews_its_claim_and_anyone_takes_over_an_expired_one() {
        ledger.claim(KEY, ID, "first", T0, LEASE_END);

        assertThat(ledger.claim(KEY, ID, "first", T0.plusSeconds(1), LEASE_END.plusSeconds(1)))
                .isEqualTo(Claim.RESUMED);
        assertThat(ledger.claim(KEY, ID, "second", LEASE_END.plusSeconds(1), LEASE_END.plusSeconds(300)))
                .isEqualTo(Claim.RESUMED);
        assertThat(ledger.record(KEY).orElseThrow().claimedBy()).isEqualTo("second");
    }

    @Test
    void a_finished_message_is_finished_for_everyone_and_keeps_its_comment() {
        ledger.claim(KEY, ID, "me", T0, LEASE_END);

        assertThat(ledger.finish(KEY, State.COMMENTED, "OPS-12", "10042", "me", T0))
                .isTrue();

        assertThat(ledger.claim(KEY, ID, "me", T0.plusSeconds(1), LEASE_END)).isEqualTo(Claim.FINISHED);
        assertThat(ledger.claim(KEY, ID, "other", LEASE_END.plusSeconds(1), LEASE_END.plusSeconds(9)))
                .isEqualTo(Claim.FINISHED);
        MailRecord done = ledger.record(KEY).orElseThrow();
        assertThat(done.state()).isEqualTo(State.COMMENTED);
        assertThat(done.issueKey()).isEqualTo("OPS-12");
        assertThat(done.commentId()).isEqualTo("10042");
        assertThat(ledger.finish(KEY, State.UNMATCHED, null, null, "me", T0))
                .as("finished once")
                .isFalse();
    }

    @Test
    void an_instance_whose_lease_was_taken_over_cannot_finish_or_release() {
        ledger.claim(KEY, ID, "slow", T0, LEASE_END);
        ledger.claim(KEY, ID, "fast", LEASE_END, LEASE_END.plusSeconds(300));

        assertThat(ledger.finish(KEY, State.COMMENTED, "OPS-1", "1", "slow", LEASE_END))
                .isFalse();
        ledger.release(KEY, "slow");
        assertThat(ledger.claim(KEY, ID, "third", LEASE_END.plusSeconds(1), LEASE_END.plusSeconds(9)))
                .isEqualTo(Claim.BUSY);
        assertThat(ledger.finish(KEY, State.UNMATCHED, null, null, "fast", LEASE_END))
                .isTrue();
        assertThat(ledger.record(KEY).orElseThrow().state()).isEqualTo(State.UNMATCHED);
    }

    @Test
    void a_released_claim_can_be_taken_at_once() {
        ledger.claim(KEY, ID, "failed", T0, LEASE_END);

        ledger.release(KEY, "failed");

        assertThat(ledger.claim(KEY, ID, "retry", T0.plusSeconds(1), LEASE_END)).isEqualTo(Claim.RESUMED);
    }

    @Test
    void releasing_all_frees_the_claims_of_a_killed_process_and_leaves_finished_rows_alone() {
        String other = MessageKey.of("<other@example.com>");
        ledger.claim(KEY, ID, "killed", T0, LEASE_END);
        ledger.claim(other, "<other@example.com>", "killed", T0, LEASE_END);
        ledger.finish(other, State.IGNORED, null, null, "killed", T0);

        assertThat(ledger.releaseAll()).isEqualTo(1);

        assertThat(ledger.claim(KEY, ID, "restarted", T0.plusSeconds(1), LEASE_END))
                .isEqualTo(Claim.RESUMED);
        assertThat(ledger.claim(other, "<other@example.com>", "restarted", T0.plusSeconds(1), LEASE_END))
                .isEqualTo(Claim.FINISHED);
    }

    @Test
    void an_unknown_message_has_no_record() {
        assertThat(ledger.record(KEY)).isEmpty();
    }

    @Test
    void of_eight_instances_racing_for_one_message_exactly_one_wins() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Claim>> racers = IntStream.range(0, 8)
                    .<Callable<Claim>>mapToObj(i -> () -> ledger.claim(KEY, ID, "racer-" + i, T0, LEASE_END))
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
