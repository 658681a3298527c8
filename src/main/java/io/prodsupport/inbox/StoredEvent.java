package io.prodsupport.inbox;

import java.time.Instant;

/**
 * An event claimed from the inbox for handling.
 *
 * @param id      the store's row id; events of one ordering key are handled in id order
 * @param attempt which attempt this claim is, from 1; a claim lost to a crash counts as an attempt
 */
public record StoredEvent(
        long id,
        String deliveryId,
        String orderingKey,
        String webhookEvent,
        byte[] body,
        int attempt,
        Instant receivedAt) {}
