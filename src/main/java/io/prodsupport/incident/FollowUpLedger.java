package io.prodsupport.incident;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * The durable record of follow-ups being made (DESIGN.md §2, "Exactly one follow-up per action"): the intent before
 * the create call, the key after it, then the link and the comment. A row is a claim on (incident, action id) with
 * a lease, so of two creators racing (two instances, the backfill next to the worker) only one proceeds, and one
 * that died is taken over once its lease runs out. Every write names its claimant and does nothing for anyone
 * else: a creator whose lease was taken over cannot move someone else's row.
 */
public interface FollowUpLedger extends AutoCloseable {

    /** The incident's rows, in the order they were first claimed. */
    List<FollowUpRecord> records(String incidentKey);

    /**
     * Records the intent for a new row, or takes over an unfinished one this claimant already holds or whose lease
     * has run out; sets the lease to {@code leaseUntil}.
     */
    Claim claim(String incidentKey, String actionId, String summary, String claimant, Instant now, Instant leaseUntil);

    /** What a claim got. */
    enum Claim {
        /** The row is new: no creator ever started on this action, so none can have made its follow-up since. */
        NEW,
        /**
         * An existing row: another attempt may have created, linked or listed its follow-up at any moment up to now,
         * so whatever was read of Jira before this claim is stale.
         */
        RESUMED,
        /** Someone else holds it, or it is finished. */
        REFUSED;

        public boolean held() {
            return this != REFUSED;
        }
    }

    /** CLAIMED to CREATED with the follow-up's key. False when the claimant no longer holds the row. */
    boolean created(String incidentKey, String actionId, String followUpKey, String claimant, Instant now);

    /** CREATED to LINKED. False when the claimant no longer holds the row. */
    boolean linked(String incidentKey, String actionId, String claimant, Instant now);

    /** LINKED to COMMENTED for each of the rows this claimant holds; returns how many moved. */
    int commented(String incidentKey, Collection<String> actionIds, String claimant, Instant now);

    /** Ends this claimant's leases at once, so a retry need not wait for them to run out. */
    void release(String incidentKey, Collection<String> actionIds, String claimant);

    /** Deletes a CLAIMED row this claimant holds: an intent that turned out to have no follow-up and no action. */
    void forget(String incidentKey, String actionId, String claimant);

    @Override
    void close();
}
