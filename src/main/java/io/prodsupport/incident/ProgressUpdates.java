package io.prodsupport.incident;

/** Which changes of an incident the channels are told about ({@code notify.updates}). */
public enum ProgressUpdates {
    /** Status, priority, owner and resolution. */
    ALL,
    /** Only its resolution (resolved, or reopened), with the first lines of its root cause. */
    RESOLUTION,
    /** None: only the new-incident announcement. */
    NONE
}
