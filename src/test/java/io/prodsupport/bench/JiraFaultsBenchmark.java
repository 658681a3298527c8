package io.prodsupport.bench;

import io.prodsupport.app.JiraFaultTrial;
import io.prodsupport.inbox.WorkerSettings;
import io.prodsupport.jirasim.Faults;
import java.time.Duration;
import java.util.List;

/**
 * Fault trials 3, 4 and 5 of issue 13 at the lengths, with the service's production pace (worker defaults,
 * {@code jira.retries} defaults), printing figures: 30 % of webhooks lost and one sweep; Jira answering 500 for
 * {@code OUTAGE} seconds; {@code Retry-After: RETRY_AFTER} on every call for {@code WINDOW} seconds under a burst of
 * {@code INCIDENTS} incidents. Arguments: [incidents=500] [outage=60] [retryAfter=30] [window=60].
 */
public final class JiraFaultsBenchmark {

    private static final String PRODUCTION_RETRIES = "{maxAttempts: 5, maxWait: PT2M}";

    public static void main(String[] args) throws Exception {
        int incidents = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int outage = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        int retryAfter = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        int window = args.length > 3 ? Integer.parseInt(args[3]) : 60;
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("io.prodsupport"))
                .setLevel(ch.qos.logback.classic.Level.ERROR);
        lostWebhooks(incidents);
        outage(incidents, outage);
        rateLimited(incidents, retryAfter, window);
    }

    private static void lostWebhooks(int incidents) throws Exception {
        try (JiraFaultTrial trial = new JiraFaultTrial(WorkerSettings.defaults(), PRODUCTION_RETRIES, true)) {
            trial.sim().webhooks().dropShare(0.3, 3);
            List<String> keys = trial.fileIncidents(incidents);
            trial.awaitQuiet(Duration.ofMinutes(10));
            List<String> behind = trial.notReconciled(keys);
            long start = System.nanoTime();
            int queued = trial.service().sweepNow();
            boolean done = trial.awaitReconciled(keys, Duration.ofMinutes(10));
            double seconds = (System.nanoTime() - start) / 1e9;
            trial.awaitQuiet(Duration.ofMinutes(5));
            System.out.printf(
                    "trial 3 (30 %% of webhooks lost): %d incidents; %d of %d webhooks lost; %d incidents behind"
                            + " before the sweep; one sweep queued %d and %s in %.1f s; behind after: %d;"
                            + " dead letters %d%n",
                    keys.size(),
                    trial.sim().webhooks().dropped().size(),
                    trial.sim().webhooks().fired().size(),
                    behind.size(),
                    queued,
                    done ? "every incident was reconciled" : "NOT every incident was reconciled",
                    seconds,
                    trial.notReconciled(keys).size(),
                    trial.service().inbox().deadLetters().size());
        }
    }

    private static void outage(int incidents, int seconds) throws Exception {
        try (JiraFaultTrial trial = new JiraFaultTrial(WorkerSettings.defaults(), PRODUCTION_RETRIES, false)) {
            trial.sim().calls().reset();
            trial.sim().faults().failEvery(1, 500);
            List<String> keys = trial.fileIncidents(incidents);
            Thread.sleep(seconds * 1000L);
            int callsInOutage = trial.sim().calls().total();
            String during = trial.metrics();
            int deadDuring = trial.service().inbox().deadLetters().size();
            trial.sim().faults().clear();
            long recovered = System.nanoTime();
            boolean done = trial.awaitReconciled(keys, Duration.ofMinutes(15));
            double toRecover = (System.nanoTime() - recovered) / 1e9;
            trial.awaitQuiet(Duration.ofMinutes(5));
            String after = trial.metrics();
            System.out.printf(
                    "trial 4 (Jira answers 500 for %d s): %d incidents; %d Jira calls during the outage (%.1f per"
                            + " incident); /metrics then: %.0f Jira retries after a 5xx, %.0f s backed off, longest"
                            + " %.1f s; dead letters during %d; %s %.1f s after Jira recovered; event attempts put back"
                            + " %.0f, dead letters %d, not reconciled %d%n",
                    seconds,
                    keys.size(),
                    callsInOutage,
                    callsInOutage / (double) keys.size(),
                    JiraFaultTrial.sample(during, "prodsupport_jira_retries_total{reason=\"server_error\"}"),
                    JiraFaultTrial.sample(during, "prodsupport_jira_backoff_seconds_total"),
                    JiraFaultTrial.sample(during, "prodsupport_jira_backoff_longest_seconds"),
                    deadDuring,
                    done ? "all reconciled" : "NOT all reconciled",
                    toRecover,
                    JiraFaultTrial.sample(after, "prodsupport_inbox_processed_total{outcome=\"retried\"}"),
                    trial.service().inbox().deadLetters().size(),
                    trial.notReconciled(keys).size());
        }
    }

    private static void rateLimited(int incidents, int retryAfter, int window) throws Exception {
        try (JiraFaultTrial trial = new JiraFaultTrial(WorkerSettings.defaults(), PRODUCTION_RETRIES, false)) {
            trial.sim().faults().recordAnswers();
            trial.sim().faults().rateLimitEvery(1, retryAfter);
            List<String> keys = trial.fileIncidents(incidents);
            Thread.sleep(window * 1000L);
            trial.sim().faults().clear();
            long lifted = System.nanoTime();
            boolean done = trial.awaitReconciled(keys, Duration.ofMinutes(15));
            double toFinish = (System.nanoTime() - lifted) / 1e9;
            trial.awaitQuiet(Duration.ofMinutes(5));
            List<Faults.Answer> answers = trial.sim().faults().answers();
            long limited =
                    answers.stream().filter(a -> a.retryAfterSeconds() > 0).count();
            System.out.printf(
                    "trial 5 (429, Retry-After: %d, for %d s): %d incidents; %d calls answered 429; calls that came"
                            + " more than 1 s after a 429 and before its Retry-After had passed: %d (within 1 s: %d,"
                            + " sent before the 429 was read); %.0f waits on the rate limit in /metrics; %s %.1f s"
                            + " after the limit lifted; dead letters %d%n",
                    retryAfter,
                    window,
                    keys.size(),
                    limited,
                    early(answers, Duration.ofSeconds(1)),
                    early(answers, Duration.ZERO) - early(answers, Duration.ofSeconds(1)),
                    JiraFaultTrial.sample(trial.metrics(), "prodsupport_jira_rate_limit_waits_total"),
                    done ? "all reconciled" : "NOT all reconciled",
                    toFinish,
                    trial.service().inbox().deadLetters().size());
        }
    }

    /** Calls that came later than {@code slack} after some 429 but before that 429's Retry-After had passed. */
    private static long early(List<Faults.Answer> answers, Duration slack) {
        long count = 0;
        long pauseFrom = Long.MIN_VALUE;
        long pauseUntil = Long.MIN_VALUE;
        for (Faults.Answer a : answers) {
            if (a.nanos() > pauseFrom + slack.toNanos() && a.nanos() < pauseUntil) {
                count++;
            }
            if (a.retryAfterSeconds() > 0 && a.nanos() + a.retryAfterSeconds() * 1_000_000_000L > pauseUntil) {
                pauseFrom = a.nanos();
                pauseUntil = a.nanos() + a.retryAfterSeconds() * 1_000_000_000L;
            }
        }
        return count;
    }
}
