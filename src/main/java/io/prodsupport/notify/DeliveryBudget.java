package io.prodsupport.notify;

import java.time.Duration;
import java.util.Objects;

/**
 * How hard one webhook call tries: at most {@code maxAttempts} requests, doubling back-offs from
 * {@code initialBackoff}, and no wait that would end after {@code maxTotal} from the first attempt. Kept small: the
 * worker that announces an incident should not stall on a chat service, and a channel that still fails is retried
 * later through the domain's record of who was told.
 */
public record DeliveryBudget(int maxAttempts, Duration initialBackoff, Duration maxTotal) {

    public static final DeliveryBudget DEFAULT = new DeliveryBudget(3, Duration.ofMillis(500), Duration.ofSeconds(15));

    public DeliveryBudget {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxTotal, "maxTotal");
    }

    /** The back-off before attempt {@code attempt + 1}. */
    Duration backoffAfter(int attempt) {
        return initialBackoff.multipliedBy(1L << Math.min(attempt - 1, 20));
    }
}
