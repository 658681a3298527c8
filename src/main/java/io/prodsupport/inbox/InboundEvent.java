package io.prodsupport.inbox;

import java.time.Instant;
import java.util.Objects;

/**
 * A verified delivery on its way into the inbox.
 *
 * @param deliveryId   Jira's {@code X-Atlassian-Webhook-Identifier}, or a hash of the body when Jira sent none
 * @param orderingKey  events with the same key are handled one at a time, in arrival order (the issue key, or
 *                     {@code id:<issueId>} when the payload names the issue only by id)
 * @param webhookEvent {@code jira:issue_created}, {@code comment_created}, … (for logs and dead-letter listings)
 * @param body         the raw body as Jira sent it; the reconciler parses it again
 */
public record InboundEvent(
        String deliveryId, String orderingKey, String webhookEvent, Instant receivedAt, byte[] body) {

    public InboundEvent {
        Objects.requireNonNull(deliveryId, "deliveryId");
        Objects.requireNonNull(orderingKey, "orderingKey");
        Objects.requireNonNull(webhookEvent, "webhookEvent");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(body, "body");
    }
}
