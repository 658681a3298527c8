package io.prodsupport.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.prodsupport.backfill.BackfillCheckpoints;
import io.prodsupport.backfill.BackfillCheckpoints.Checkpoint;
import io.prodsupport.backfill.BackfillCheckpoints.Failure;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every back end of the backfill checkpoints must do; run against SQLite and PostgreSQL. */
abstract class BackfillCheckpointsContract {

    static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    static final String JQL = "project in (\"OPS\")";

    BackfillCheckpoints checkpoints;

    abstract BackfillCheckpoints open();

    @BeforeEach
    void openCheckpoints() {
        checkpoints = open();
    }

    @AfterEach
    void closeCheckpoints() {
        checkpoints.close();
    }

    @Test
    void a_run_never_started_has_no_checkpoint() {
        assertThat(checkpoints.find(JQL)).isEmpty();
    }

    @Test
    void the_watermark_and_the_count_advance_and_survive_reopening() {
        checkpoints.begin(JQL, T0);
        checkpoints.advance(JQL, "OPS-40", 40, T0.plusSeconds(5));
        checkpoints.close();
        checkpoints = open();

        Checkpoint c = checkpoints.find(JQL).orElseThrow();
        assertThat(c.watermark()).contains("OPS-40");
        assertThat(c.finished()).isEqualTo(40);
        assertThat(c.startedAt()).isEqualTo(T0);
        assertThat(c.completedAt()).isEmpty();
    }

    @Test
    void failures_are_recorded_replaced_and_cleared_per_ticket() {
        checkpoints.begin(JQL, T0);
        checkpoints.failed(JQL, "OPS-7", "issue OPS-7 not found", T0);
        checkpoints.failed(JQL, "OPS-9", "first reason", T0);
        checkpoints.failed(JQL, "OPS-9", "second reason", T0.plusSeconds(1));
        checkpoints.recovered(JQL, "OPS-7");

        assertThat(checkpoints.failures(JQL)).containsExactly(new Failure("OPS-9", "second reason"));
    }

    @Test
    void beginning_again_forgets_the_earlier_run_of_that_jql_only() {
        checkpoints.begin(JQL, T0);
        checkpoints.advance(JQL, "OPS-40", 40, T0);
        checkpoints.failed(JQL, "OPS-9", "reason", T0);
        checkpoints.begin("project = SUP", T0);
        checkpoints.advance("project = SUP", "SUP-3", 3, T0);

        checkpoints.begin(JQL, T0.plusSeconds(60));

        assertThat(checkpoints.find(JQL).orElseThrow().watermark()).isEmpty();
        assertThat(checkpoints.failures(JQL)).isEmpty();
        assertThat(checkpoints.find("project = SUP").orElseThrow().watermark()).contains("SUP-3");
    }

    @Test
    void a_completed_run_says_when() {
        checkpoints.begin(JQL, T0);
        checkpoints.complete(JQL, T0.plusSeconds(90));

        assertThat(checkpoints.find(JQL).orElseThrow().completedAt()).contains(T0.plusSeconds(90));
    }
}
