package io.prodsupport.webhook;

import io.prodsupport.inbox.Accepted;
import io.prodsupport.inbox.DeliverySightings;
import io.prodsupport.inbox.InboundEvent;
import io.prodsupport.inbox.Inbox;
import io.prodsupport.inbox.StoreUnavailableException;
import io.prodsupport.webhook.JiraEvent.EventUser;
import io.prodsupport.webhook.JiraEventParser.MalformedEventException;
import io.prodsupport.webhook.Outcome.Reply;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Decides what becomes of a delivery whose bytes have been read: signature first (nothing unauthenticated is parsed
 * or stored), then the event, then the service's own edits, then the inbox. Free of HTTP, so the rules read on
 * their own; {@link WebhookIntake} does the I/O around it.
 */
final class DeliveryTriage {

    /** Jira's delivery ids are UUIDs or numbers; anything much longer is not one. */
    private static final int MAX_DELIVERY_ID_LENGTH = 200;

    private final Inbox inbox;
    private final JiraEventParser parser;
    private final List<String> secrets;
    private final Optional<EventUser> self;
    private final Clock clock;
    private volatile Optional<DeliverySightings> sightings = Optional.empty();

    /**
     * @param secrets empty only when unsigned deliveries were explicitly allowed; with secrets, a signature is always
     *                required, whatever {@code allowUnsigned} says
     * @param self    the service's own Jira account; its events are acknowledged and dropped
     */
    DeliveryTriage(
            Inbox inbox,
            JiraEventParser parser,
            List<String> secrets,
            boolean allowUnsigned,
            Optional<EventUser> self,
            Clock clock) {
        if (secrets.isEmpty() && !allowUnsigned) {
            throw new IllegalArgumentException("no webhook secret to verify deliveries with, and unsigned deliveries"
                    + " were not allowed (webhook.allowUnsigned)");
        }
        this.inbox = inbox;
        this.parser = parser;
        this.secrets = List.copyOf(secrets);
        this.self = self;
        this.clock = clock;
    }

    void recordSightingsIn(DeliverySightings sightings) {
        this.sightings = Optional.of(sightings);
    }

    /**
     * The reply, complete at once unless the event goes to the inbox; then it completes when the inbox has committed
     * it (or could not), without a thread waiting meanwhile.
     */
    CompletableFuture<Reply> receive(String signature, String deliveryIdHeader, byte[] body) {
        Object decided = triage(signature, deliveryIdHeader, body);
        if (decided instanceof Reply reply) {
            return CompletableFuture.completedFuture(reply);
        }
        InboundEvent event = (InboundEvent) decided;
        String deliveryId = event.deliveryId();
        return inbox.acceptAsync(event).handle((accepted, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
                if (cause instanceof StoreUnavailableException) {
                    return new Reply(Outcome.STORE_UNAVAILABLE, "cannot store the event now; retry later", deliveryId);
                }
                throw failure instanceof CompletionException c ? c : new CompletionException(cause);
            }
            return accepted == Accepted.NEW
                    ? new Reply(Outcome.ACCEPTED, "stored", deliveryId)
                    : new Reply(Outcome.DUPLICATE, "already stored", deliveryId);
        });
    }

    /** Either the {@link Reply} when the delivery goes no further, or the {@link InboundEvent} to store. */
    private Object triage(String signature, String deliveryIdHeader, byte[] body) {
        if (!secrets.isEmpty()) {
            if (signature == null || signature.isBlank()) {
                return Outcome.BAD_SIGNATURE.because("X-Hub-Signature is missing");
            }
            if (!WebhookSignature.verify(signature, body, secrets)) {
                return Outcome.BAD_SIGNATURE.because("X-Hub-Signature does not match the body");
            }
        }
        if (deliveryIdHeader != null && deliveryIdHeader.length() > MAX_DELIVERY_ID_LENGTH) {
            return Outcome.MALFORMED.because("X-Atlassian-Webhook-Identifier is longer than " + MAX_DELIVERY_ID_LENGTH);
        }
        // without Jira's id, equal bodies are the same delivery: Jira's own timestamp in the body keeps real events
        // apart
        String deliveryId = deliveryIdHeader == null || deliveryIdHeader.isBlank()
                ? "sha256:" + sha256(body)
                : deliveryIdHeader.strip();
        JiraEvent event;
        try {
            event = parser.parse(body);
        } catch (MalformedEventException e) {
            return new Reply(Outcome.MALFORMED, safeReason(e.getMessage()), deliveryId);
        } catch (RuntimeException e) {
            return new Reply(Outcome.MALFORMED, "body could not be read as a Jira event", deliveryId);
        }
        // authenticated and about an issue: Jira's webhook works, whatever becomes of this delivery
        sightings.ifPresent(s -> saw(s, event));
        if (self.isPresent() && event.causedBy().filter(self.get()::sameAs).isPresent()) {
            return new Reply(Outcome.OWN_ACCOUNT, "caused by prodsupport itself; ignored", deliveryId);
        }
        Optional<String> orderingKey = event.orderingKey();
        if (orderingKey.isEmpty()) {
            return new Reply(Outcome.NOT_ABOUT_AN_ISSUE, "names no issue; ignored", deliveryId);
        }
        return new InboundEvent(deliveryId, orderingKey.get(), event.webhookEvent(), clock.instant(), body);
    }

    private void saw(DeliverySightings s, JiraEvent event) {
        List<String> refs = new ArrayList<>();
        event.issueKey().ifPresent(refs::add);
        event.issueId().ifPresent(id -> refs.add("id:" + id));
        if (!refs.isEmpty()) {
            s.saw(refs, event.timestamp().equals(Instant.EPOCH) ? clock.instant() : event.timestamp());
        }
    }

    /** Jackson quotes the offending token from the body; a token can be anything, a secret included. */
    private static String safeReason(String reason) {
        String oneLine = reason == null ? "not a Jira event" : reason.replaceAll("[\\r\\n\\t]+", " ");
        if (oneLine.startsWith("body is not JSON")) {
            return "body is not JSON";
        }
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "…";
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256", e);
        }
    }
}
