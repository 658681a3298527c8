package io.prodsupport.inbox;

import java.time.Instant;

/**
 * An event that failed {@link WorkerSettings#maxAttempts()} times and waits for a person (see {@link Inbox#replay}).
 *
 * @param lastError the last attempt's exception, one line, as the worker recorded it
 */
public record DeadLetter(
        long id,
        String deliveryId,
        String orderingKey,
        String webhookEvent,
        int attempts,
        String lastError,
        Instant receivedAt,
        Instant failedAt) {}
