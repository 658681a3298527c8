package io.prodsupport.bench;

import io.prodsupport.inbox.Accepted;
import io.prodsupport.inbox.DeadLetter;
import io.prodsupport.inbox.InboundEvent;
import io.prodsupport.inbox.Inbox;
import io.prodsupport.inbox.StoredEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * A measuring instrument for {@link IntakeThroughputBenchmark}, never a store: it answers every delivery "new" at once
 * and keeps nothing, so the real intake in front of it (the service's HTTP stack with its limits, the signature, the
 * parse, the triage) can be measured without any store behind it. The difference between it and SQLite is what the
 * store costs; between the bare endpoint and it, what the rest of the intake costs. Nothing is ever claimable.
 */
final class NothingStored implements Inbox {

    @Override
    public Accepted accept(InboundEvent event) {
        return Accepted.NEW;
    }

    @Override
    public long depth() {
        return 0;
    }

    @Override
    public Optional<Instant> oldestPending() {
        return Optional.empty();
    }

    @Override
    public List<DeadLetter> deadLetters() {
        return List.of();
    }

    @Override
    public boolean replay(String deliveryId) {
        return false;
    }

    @Override
    public List<StoredEvent> claim(String owner, Instant now, Duration lease, int max) {
        return List.of();
    }

    @Override
    public int renewLeases(String owner, Collection<Long> ids, Instant until) {
        return 0;
    }

    @Override
    public boolean complete(StoredEvent event, String owner, Instant now) {
        return false;
    }

    @Override
    public boolean retryLater(StoredEvent event, String owner, Instant dueAt, String error) {
        return false;
    }

    @Override
    public boolean deadLetter(StoredEvent event, String owner, Instant now, String error) {
        return false;
    }

    @Override
    public boolean release(StoredEvent event, String owner, Instant now) {
        return false;
    }

    @Override
    public int expireAllClaims(Instant now) {
        return 0;
    }

    @Override
    public int pruneDone(Instant finishedBefore, int max) {
        return 0;
    }

    @Override
    public void close() {}
}
