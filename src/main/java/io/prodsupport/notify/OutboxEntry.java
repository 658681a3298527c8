package io.prodsupport.notify;

import java.time.Instant;

/**
 * One message for one channel, claimed from the outbox by a worker.
 *
 * @param row      the outbox row, for reporting the delivery back
 * @param attempts failed attempts before this one
 */
public record OutboxEntry(long row, String channel, int attempts, Instant queuedAt, ChannelMessage message) {}
