package io.prodsupport.incident;

/**
 * How much of DESIGN.md §1's "created" row the reconciler brings to an issue. Old tickets get only the fix version and
 * the template: assigning today's on-duty person to a ticket from 2019, or asking them to "look into the problem", would
 * be wrong about the past and noisy for the present.
 */
public enum ReconcileMode {

    /** A ticket reported by a webhook: fix version, template with the on-duty mention, owner, watchers. */
    NEW_INCIDENT,

    /** A ticket found by the backfill: fix version and template (without a mention) only. */
    BACKFILL;

    boolean staffsTheTicket() {
        return this == NEW_INCIDENT;
    }
}
