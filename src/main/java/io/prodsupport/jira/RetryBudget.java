package io.prodsupport.jira;

import java.time.Duration;
import java.util.Objects;

/**
 * How hard one call tries: at most {@code maxAttempts} requests, back-off delays drawn with full jitter
 * from {@code [0, min(maxBackoff, initialBackoff * 2^(n-1))]}, and no retry or rate-limit wait that would
 * end after {@code maxTotal} from the first attempt.
 */
public record RetryBudget(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxTotal) {

    public static final RetryBudget DEFAULT =
            new RetryBudget(5, Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofMinutes(2));

    public RetryBudget {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(maxTotal, "maxTotal");
    }

    /** The cap on the back-off before attempt {@code attempt + 1}, for {@code attempt >= 1}. */
    Duration backoffCap(int attempt) {
        int doublings = Math.min(attempt - 1, 30);
        Duration cap = initialBackoff.multipliedBy(1L << doublings);
        return cap.compareTo(maxBackoff) > 0 ? maxBackoff : cap;
    }
}
