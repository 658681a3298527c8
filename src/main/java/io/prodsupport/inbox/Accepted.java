package io.prodsupport.inbox;

/** What {@link Inbox#accept} did with a delivery. */
public enum Accepted {
    /** Stored for the first time: Jira gets 202. */
    NEW,
    /** Its delivery id was stored before (a Jira retry or a duplicate delivery): Jira gets 200. */
    DUPLICATE
}
