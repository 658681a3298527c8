package io.prodsupport.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.prodsupport.inbox.WorkerSettings;
import io.prodsupport.jirasim.Faults;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fault trials 3, 4 and 5 of issue 13, shortened so the suite stays fast: webhooks lost, Jira down, Jira rate
 * limiting. Each ends with every incident reconciled and nothing dead-lettered. The full-length runs (60 s outage,
 * {@code Retry-After: 30} for a minute under 500 incidents) are {@code scripts/bench JiraFaults}.
 */
class JiraFaultTrialsTest {

    /** The defaults' shape (10 attempts, doubling back-off), in milliseconds instead of seconds. */
    static final WorkerSettings FAST_WORKER = new WorkerSettings(
            4, 10, Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofSeconds(60), Duration.ofMillis(50));

    @Test
    void with_30_percent_of_webhooks_lost_one_sweep_reconciles_every_incident() throws Exception {
        try (JiraFaultTrial trial = new JiraFaultTrial(FAST_WORKER, "{maxAttempts: 3, maxWait: PT5S}", true)) {
            trial.sim().webhooks().dropShare(0.3, 3);
            List<String> keys = trial.fileIncidents(30);
            assertThat(trial.awaitQuiet(Duration.ofSeconds(60))).isTrue();
            List<String> missed = trial.notReconciled(keys);
            assertThat(missed).as("the lost webhooks left incidents behind").isNotEmpty();

            int queued = trial.service().sweepNow();
            assertThat(trial.awaitQuiet(Duration.ofSeconds(60))).isTrue();

            System.out.printf(
                    "trial 3: %d incidents, %d of %d webhooks lost, %d incidents behind before the sweep,"
                            + " the sweep queued %d, behind after it: %d%n",
                    keys.size(),
                    trial.sim().webhooks().dropped().size(),
                    trial.sim().webhooks().fired().size(),
                    missed.size(),
                    queued,
                    trial.notReconciled(keys).size());
            assertThat(trial.notReconciled(keys)).isEmpty();
            assertThat(trial.service().inbox().deadLetters()).isEmpty();
        }
    }

    @Test
    void jira_answering_500_for_a_while_loses_nothing_spaces_retries_out_and_dead_letters_nothing() throws Exception {
        try (JiraFaultTrial trial = new JiraFaultTrial(FAST_WORKER, "{maxAttempts: 3, maxWait: PT2S}", false)) {
            trial.sim().calls().reset();
            trial.sim().faults().failEvery(1, 500);
            List<String> keys = trial.fileIncidents(20);
            // the outage: long enough for every event to fail and be retried a few times, well inside its budget
            Thread.sleep(3_000);
            int callsInOutage = trial.sim().calls().total();
            String during = trial.metrics();
            trial.sim().faults().clear();

            assertThat(trial.awaitReconciled(keys, Duration.ofSeconds(60))).isTrue();
            assertThat(trial.awaitQuiet(Duration.ofSeconds(30))).isTrue();
            String after = trial.metrics();
            System.out.printf(
                    "trial 4: %d incidents, %d Jira calls in the 3 s outage; in /metrics: %.0f Jira retries after a"
                            + " 5xx, %.1f s backed off (longest %.2f s), %.0f event attempts put back for later;"
                            + " dead letters %d%n",
                    keys.size(),
                    callsInOutage,
                    JiraFaultTrial.sample(during, "prodsupport_jira_retries_total{reason=\"server_error\"}"),
                    JiraFaultTrial.sample(during, "prodsupport_jira_backoff_seconds_total"),
                    JiraFaultTrial.sample(during, "prodsupport_jira_backoff_longest_seconds"),
                    JiraFaultTrial.sample(after, "prodsupport_inbox_processed_total{outcome=\"retried\"}"),
                    trial.service().inbox().deadLetters().size());
            assertThat(trial.service().inbox().deadLetters()).isEmpty();
            assertThat(JiraFaultTrial.sample(during, "prodsupport_jira_retries_total{reason=\"server_error\"}"))
                    .isPositive();
            assertThat(JiraFaultTrial.sample(during, "prodsupport_jira_backoff_seconds_total"))
                    .isPositive();
            assertThat(JiraFaultTrial.sample(after, "prodsupport_inbox_processed_total{outcome=\"retried\"}"))
                    .isPositive();
            // spaced out, not hammered: never more than each event's attempts × each attempt's Jira requests
            assertThat(callsInOutage).isLessThanOrEqualTo(keys.size() * FAST_WORKER.maxAttempts() * 3);
        }
    }

    @Test
    void under_429_with_retry_after_no_call_comes_before_the_pause_is_over_and_all_finish_after() throws Exception {
        // one event at a time, so every call after a 429 was sent after the client had read it
        WorkerSettings oneAtATime = new WorkerSettings(
                1, 10, Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofSeconds(60), Duration.ofMillis(50));
        try (JiraFaultTrial trial = new JiraFaultTrial(oneAtATime, "{maxAttempts: 5, maxWait: PT10S}", false)) {
            trial.sim().faults().recordAnswers();
            trial.sim().faults().rateLimitEvery(1, 1);
            List<String> keys = trial.fileIncidents(30);
            Thread.sleep(4_000);
            trial.sim().faults().clear();

            assertThat(trial.awaitReconciled(keys, Duration.ofSeconds(60))).isTrue();
            List<Faults.Answer> answers = trial.sim().faults().answers();
            List<Duration> gaps = JiraFaultTrial.gapsAfterRateLimits(answers);
            System.out.printf(
                    "trial 5: %d incidents, %d calls answered 429 (Retry-After: 1), next call after each: shortest"
                            + " %d ms; %.0f waits on the rate limit in /metrics; dead letters %d%n",
                    keys.size(),
                    gaps.size(),
                    gaps.stream().mapToLong(Duration::toMillis).min().orElse(-1),
                    JiraFaultTrial.sample(trial.metrics(), "prodsupport_jira_rate_limit_waits_total"),
                    trial.service().inbox().deadLetters().size());
            assertThat(gaps).isNotEmpty();
            // the site's monotonic clock against the client's wall clock: a few ms of slack for their granularity
            assertThat(gaps).allSatisfy(gap -> assertThat(gap).isGreaterThanOrEqualTo(Duration.ofMillis(995)));
            assertThat(trial.service().inbox().deadLetters()).isEmpty();
        }
    }
}
