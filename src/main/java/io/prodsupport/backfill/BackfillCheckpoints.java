package io.prodsupport.backfill;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where backfills record how far they got, in the service's store. A run is named by its JQL. Every method is one
 * transaction and throws {@link io.prodsupport.inbox.StoreUnavailableException} when the store cannot answer.
 */
public interface BackfillCheckpoints extends AutoCloseable {

    Optional<Checkpoint> find(String jql);

    /** Starts the run from scratch: no watermark, no failures, not completed. */
    void begin(String jql, Instant now);

    /** Every ticket up to and including {@code watermark}, in search order, is finished ({@code finished} in all). */
    void advance(String jql, String watermark, long finished, Instant now);

    /** Records (or replaces) why a ticket failed. */
    void failed(String jql, String issueKey, String reason, Instant now);

    /** A ticket that failed before has now been handled. */
    void recovered(String jql, String issueKey);

    /** The tickets whose last attempt failed, by key. */
    List<Failure> failures(String jql);

    /** The search was read to its end. */
    void complete(String jql, Instant now);

    @Override
    void close();

    /** How far one run got. */
    record Checkpoint(
            String jql, Optional<String> watermark, long finished, Instant startedAt, Optional<Instant> completedAt) {}

    /** A ticket whose last attempt failed, and why. */
    record Failure(String issueKey, String reason) {}
}
