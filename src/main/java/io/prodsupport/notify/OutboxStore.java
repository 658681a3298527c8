package io.prodsupport.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The outbox as its worker sees it: claim what is due, report each delivery back. Implemented over the store. */
public interface OutboxStore extends Outbox, AutoCloseable {

    /**
     * Claims up to {@code limit} undelivered messages for {@code channel} that are due at {@code now} and not claimed
     * by another worker (or whose claim ran out), oldest first, for {@code lease}.
     */
    List<OutboxEntry> claim(String channel, Instant now, Duration lease, String worker, int limit);

    /** The channel took the message: it is never sent again. */
    void delivered(OutboxEntry entry, Instant now);

    /** The channel failed: one more failed attempt, tried again from {@code notBefore}. */
    void failed(OutboxEntry entry, String reason, Instant notBefore);

    /** Gives a claimed message back untried, due at once for the next worker. */
    void release(OutboxEntry entry);

    /**
     * Deletes messages delivered before {@code deliveredBefore}, a batch at a time so the outbox never waits long
     * behind it; returns how many went. Their (message, channel) pairs may then be queued again: keep them at least as
     * long as an event may be retried or redelivered.
     */
    int prune(Instant deliveredBefore);

    /** What waits, per channel that has ever had a message (channels with nothing waiting are absent). */
    List<ChannelBacklog> backlog();

    /**
     * Takes the turn of timer {@code name} for {@code holder} when it is due at {@code now}, and makes it due again
     * {@code every} later: of several instances on one database, one runs each look.
     *
     * @return whether {@code holder} runs this look
     */
    boolean takeTurn(String name, String holder, Instant now, Duration every);

    @Override
    void close();
}
