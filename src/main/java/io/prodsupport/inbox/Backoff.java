package io.prodsupport.inbox;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with "equal jitter": half of the exponential delay is fixed, the other half random. The fixed
 * half keeps a failing event from being retried at once; the random half keeps a burst of events that failed
 * together (Jira down) from retrying together.
 */
final class Backoff {

    private final Duration initial;
    private final Duration max;
    private final DoubleSupplier random;

    /** @param random uniform in [0, 1) */
    Backoff(Duration initial, Duration max, DoubleSupplier random) {
        this.initial = initial;
        this.max = max;
        this.random = random;
    }

    /** The wait after the given failed attempt (1 for the first). */
    Duration after(int attempt) {
        long cap = max.toMillis();
        long exponential = initial.toMillis();
        for (int i = 1; i < attempt && exponential < cap; i++) {
            exponential *= 2;
        }
        long base = Math.min(exponential, cap);
        long half = base / 2;
        return Duration.ofMillis(base - half + (long) (random.getAsDouble() * half));
    }
}
