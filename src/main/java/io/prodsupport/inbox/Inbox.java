package io.prodsupport.inbox;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The durable queue of webhook events. Every method is one transaction and throws
 * {@link StoreUnavailableException} when the store cannot answer.
 *
 * <p>The worker's side takes the current time as an argument instead of reading a clock, so all instants in the
 * store come from the one {@link java.time.Clock} the worker was given.
 */
public interface Inbox extends AutoCloseable {

    /** Stores the event unless its delivery id is already stored; committed when this returns. */
    Accepted accept(InboundEvent event);

    /**
     * As {@link #accept}, answered by a future instead of a waiting thread: the future completes once the event is
     * committed, or fails with a {@link StoreUnavailableException}. A store that shares one commit among many
     * deliveries (SQLite's group commit) answers here without holding the caller's thread meanwhile; by default the
     * work is done on the caller's thread.
     */
    default CompletableFuture<Accepted> acceptAsync(InboundEvent event) {
        try {
            return CompletableFuture.completedFuture(accept(event));
        } catch (StoreUnavailableException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Events not yet done (pending, waiting for a retry, or in progress); dead letters are not counted. */
    long depth();

    /** When the oldest event not yet done was received; empty when there is none (dead letters are not counted). */
    Optional<Instant> oldestPending();

    List<DeadLetter> deadLetters();

    /** Moves a dead letter back to pending with a fresh set of attempts; false when there is no such dead letter. */
    boolean replay(String deliveryId);

    /**
     * Claims up to {@code max} events that are due at {@code now}: only the oldest open event of each ordering key
     * qualifies, and only while no other event of that key is claimed under a live lease. An event whose lease
     * expired (its worker died) is claimable again. Each claim counts as an attempt.
     */
    List<StoredEvent> claim(String owner, Instant now, Duration lease, int max);

    /** Keeps the given claims of {@code owner} alive until {@code until}; returns how many were still held. */
    int renewLeases(String owner, Collection<Long> ids, Instant until);

    /** Marks the claimed event done; false when the claim was lost (lease expired and another worker took it). */
    boolean complete(StoredEvent event, String owner, Instant now);

    /** Puts the claimed event back, due again at {@code dueAt}, recording {@code error}; false when the claim was lost. */
    boolean retryLater(StoredEvent event, String owner, Instant dueAt, String error);

    /** Parks the claimed event as a dead letter with {@code error}; false when the claim was lost. */
    boolean deadLetter(StoredEvent event, String owner, Instant now, String error);

    /**
     * Gives the claim back without counting the attempt (the worker is shutting down and never finished it), due at
     * {@code now}; false when the claim was lost.
     */
    boolean release(StoredEvent event, String owner, Instant now);

    /**
     * Ends every lease at {@code now}, so events claimed by a process that died are claimable at once instead of
     * after their lease. Only right for a store one process uses (SQLite): called at start, when every claim in it
     * belongs to a dead process. Returns how many claims were ended.
     */
    int expireAllClaims(Instant now);

    /**
     * Deletes up to {@code max} events that were done before {@code finishedBefore}, oldest first; their delivery ids
     * are then forgotten (a retry arriving later is stored again). Dead letters and open events are never deleted.
     * Returns how many were deleted: fewer than {@code max} means there are no more for now.
     */
    int pruneDone(Instant finishedBefore, int max);

    /** Closes the connection pool. */
    @Override
    void close();
}
