package io.prodsupport.backfill;

import java.util.List;

/**
 * What the backfill did with one ticket (or, in a dry run, would do).
 *
 * @param status         the ticket's workflow status when it was read
 * @param changes        the edits made or planned, in words; empty when the ticket already met the standard
 * @param missingOnClose for a closed ticket, the required sections (Root Cause(s), Fixes for the Root Cause) that are
 *                       empty: history the report shows and the backfill does not rewrite
 * @param reason         why the ticket failed; null unless {@code outcome} is {@link Outcome#FAILED}
 */
public record TicketResult(
        String key, String status, Outcome outcome, List<String> changes, List<String> missingOnClose, String reason) {

    public TicketResult {
        changes = List.copyOf(changes);
        missingOnClose = List.copyOf(missingOnClose);
    }

    public enum Outcome {
        /** Edited in Jira. */
        CHANGED,
        /** Dry run: would be edited. */
        WOULD_CHANGE,
        /** Already met the standard (or, in a dry run, would be left alone). */
        UNCHANGED,
        /** Matched the JQL but is not an incident by the config (another project or issue type): left alone. */
        NOT_AN_INCIDENT,
        /** Deleted between the search and the edit: nothing left to do. */
        GONE,
        /** Jira refused or could not be reached after its retries; {@code reason} says why. */
        FAILED
    }

    static TicketResult failed(String key, String status, String reason) {
        return new TicketResult(key, status, Outcome.FAILED, List.of(), List.of(), reason);
    }

    public boolean closedWithGaps() {
        return !missingOnClose.isEmpty();
    }

    /** Worth a line in the report: something was (or would be) done, or something is wrong. */
    public boolean notable() {
        return outcome == Outcome.CHANGED
                || outcome == Outcome.WOULD_CHANGE
                || outcome == Outcome.FAILED
                || closedWithGaps();
    }
}
