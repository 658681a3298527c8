package io.prodsupport.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.prodsupport.testing.FaultTrials;
import io.prodsupport.testing.FaultTrials.Figures;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13's fault trials 1 and 2 in the suite, small: two {@code prodsupport serve} JVMs on one PostgreSQL behind a
 * balancer. The full runs (1,000 events, five seeds, a 20 s outage) are {@code scripts/bench FaultTrials}.
 */
class FaultTrialsTest {

    @TempDir
    Path dir;

    @Test
    void an_instance_killed_mid_run_loses_nothing_and_nothing_happens_twice() throws Exception {
        Figures f = FaultTrials.killOneInstance(12, 7, Duration.ofSeconds(3), dir);
        System.out.println(f.row());

        assertThat(f.takenOver())
                .as("the killed instance's claims taken over: %s", f)
                .isPositive();
        assertThat(f.lost()).as("%s", f).isZero();
        assertThat(f.duplicates()).as("%s", f).isZero();
        assertThat(f.deadLetters()).as("%s", f).isZero();
    }

    @Test
    void postgresql_stopped_mid_run_refuses_deliveries_meanwhile_and_resumes_without_a_restart() throws Exception {
        Figures f = FaultTrials.databaseOutage(12, Duration.ofSeconds(5), Duration.ofSeconds(3), dir);
        System.out.println(f.row());

        assertThat(f.refused())
                .as("deliveries refused while the database was down: %s", f)
                .isPositive();
        assertThat(f.lost()).as("%s", f).isZero();
        assertThat(f.duplicates()).as("%s", f).isZero();
        assertThat(f.deadLetters()).as("%s", f).isZero();
    }
}
