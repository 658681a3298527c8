package io.prodsupport.incident;

import java.time.Instant;
import java.util.Objects;

/**
 * One ledger row: the follow-up of one action of one incident, and how far its making got.
 *
 * @param followUpKey null until the follow-up exists
 * @param summary     the summary it was (or will be) created with, for the comment that lists it
 * @param claimedBy   who may work on the row until {@code leaseUntil}; after that anyone may take it over
 */
public record FollowUpRecord(
        String incidentKey,
        String actionId,
        State state,
        String followUpKey,
        String summary,
        String claimedBy,
        Instant leaseUntil) {

    /** The steps in order; a row only moves forward. */
    public enum State {
        /** Intent recorded; the follow-up may or may not exist in Jira (a crash right after the create). */
        CLAIMED,
        /** The follow-up exists; the link to the incident may not. */
        CREATED,
        /** Linked; not yet listed in a comment on the incident. */
        LINKED,
        /** Listed in a comment: finished. */
        COMMENTED
    }

    public FollowUpRecord {
        Objects.requireNonNull(incidentKey, "incidentKey");
        Objects.requireNonNull(actionId, "actionId");
        Objects.requireNonNull(state, "state");
    }

    public boolean hasFollowUp() {
        return followUpKey != null;
    }
}
