package io.prodsupport.webhook;

/**
 * Every way a delivery can end, with the status Jira gets. Cloud retries 5xx (and 408/409/425/429) and gives up on
 * other 4xx, so only "the store could not commit" is a 5xx: everything else would fail the same way again.
 */
enum Outcome {
    ACCEPTED(202, Kind.ACCEPTED, "stored"),
    DUPLICATE(200, Kind.DEDUPLICATED, "duplicate"),
    OWN_ACCOUNT(200, Kind.DROPPED, "own_account"),
    NOT_ABOUT_AN_ISSUE(200, Kind.DROPPED, "no_issue"),
    MALFORMED(400, Kind.REJECTED, "malformed"),
    BAD_SIGNATURE(401, Kind.REJECTED, "signature"),
    TOO_LARGE(413, Kind.REJECTED, "too_large"),
    UNSUPPORTED_MEDIA_TYPE(415, Kind.REJECTED, "content_type"),
    STORE_UNAVAILABLE(503, Kind.REJECTED, "store_unavailable"),
    /** A bug of ours: 503 rather than 500, so Jira keeps the delivery and retries it after the fix. */
    INTERNAL_ERROR(503, Kind.REJECTED, "internal_error");

    enum Kind {
        ACCEPTED,
        DEDUPLICATED,
        DROPPED,
        REJECTED
    }

    final int status;
    final Kind kind;
    /** The {@code reason} tag of the dropped and rejected counters. */
    final String reason;

    Outcome(int status, Kind kind, String reason) {
        this.status = status;
        this.kind = kind;
        this.reason = reason;
    }

    Reply because(String message) {
        return new Reply(this, message, null);
    }

    /**
     * @param message    one line for Jira's delivery log and ours; never contains body content beyond the event name
     * @param deliveryId known once the body was read; null before
     */
    record Reply(Outcome outcome, String message, String deliveryId) {}
}
