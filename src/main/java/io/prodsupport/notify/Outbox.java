package io.prodsupport.notify;

import java.time.Instant;
import java.util.Collection;

/**
 * Where messages wait for their channels: what the domain writes to when it decides to tell people. Queuing is all
 * the caller waits for; the {@link OutboxWorker} delivers later, with its own retries, so a channel that is down never
 * holds up the work that decided to send.
 */
@FunctionalInterface
public interface Outbox {

    /**
     * Queues {@code message} for each of {@code channels}. Idempotent: a (message id, channel) already queued, or
     * already delivered, is left alone, so a retried event never makes a second message. A message with a
     * {@link ChannelMessage#foldKey()} is folded into a waiting, untried message with the same key for that channel
     * ({@link ChannelMessage#foldedWith}), which keeps its place and its due time.
     *
     * @param due not sent before then (a fold window); {@code now} for at once
     * @throws RuntimeException when the store cannot take it (the caller's event is then retried)
     */
    void enqueue(ChannelMessage message, Collection<String> channels, Instant now, Instant due);
}
