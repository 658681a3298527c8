package io.prodsupport.inbox;

import java.time.Duration;

/**
 * How the {@link InboxWorker} runs.
 *
 * @param concurrency    events handled at once (always at most one per ordering key)
 * @param maxAttempts    attempts before an event becomes a dead letter
 * @param initialBackoff wait before the second attempt; doubles per attempt, with jitter
 * @param maxBackoff     cap on the wait between attempts
 * @param lease          how long a claim stays valid without renewal; a crashed worker's events are taken over
 *                       after this long. The worker renews its claims well before, so slow handlers keep them.
 * @param pollInterval   how often an idle worker looks for due events
 * @param retention      how long done events are kept (their delivery ids recognise late retries); older ones are
 *                       pruned in small batches
 */
public record WorkerSettings(
        int concurrency,
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration lease,
        Duration pollInterval,
        Duration retention) {

    /** Done events pruned per transaction: small, so the intake never waits long behind a prune. */
    public static final int PRUNE_BATCH = 500;
    /** How often pruning starts; it then runs batch by batch until nothing old is left. */
    public static final Duration PRUNE_EVERY = Duration.ofMinutes(5);

    public WorkerSettings(
            int concurrency,
            int maxAttempts,
            Duration initialBackoff,
            Duration maxBackoff,
            Duration lease,
            Duration pollInterval) {
        this(concurrency, maxAttempts, initialBackoff, maxBackoff, lease, pollInterval, Duration.ofDays(7));
    }

    public WorkerSettings {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        requirePositive("initialBackoff", initialBackoff);
        requirePositive("maxBackoff", maxBackoff);
        requirePositive("lease", lease);
        requirePositive("pollInterval", pollInterval);
        requirePositive("retention", retention);
    }

    /**
     * Ten attempts spread over about eight and a half minutes: long enough to ride out a Jira restart or a rate-limit
     * storm, short enough that the sweep is not the only thing that heals a bad hour.
     */
    public static WorkerSettings defaults() {
        return new WorkerSettings(
                4, 10, Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofSeconds(60), Duration.ofMillis(250));
    }

    /** These settings with the store's lease and retention from the config. */
    public WorkerSettings withStore(Duration lease, Duration retention) {
        return new WorkerSettings(concurrency, maxAttempts, initialBackoff, maxBackoff, lease, pollInterval, retention);
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
