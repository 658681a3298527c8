package io.prodsupport.incident;

/**
 * Another creator (a second instance, the backfill) holds some of an incident's follow-ups right now. Thrown after
 * everything this attempt could do was done, so the caller tries again later; by then the other one has finished,
 * or its lease has run out and the retry takes over.
 */
public final class FollowUpsBusyException extends RuntimeException {

    public FollowUpsBusyException(String message) {
        super(message);
    }
}
