package io.prodsupport.incident;

/**
 * A status change Jira reported, as the close gate needs it: which change (Jira's changelog id, the same on every
 * redelivery), where the issue came from, and who moved it.
 *
 * @param changelogId  Jira's id of the change; it names this close across duplicates and retries
 * @param fromStatus   the status name before the change ({@code fromString} in the changelog)
 * @param closedBy     the person's Jira reference (accountId on Cloud, username on Data Center); may be empty
 */
public record ClosingEvent(String issueKey, String changelogId, String fromStatus, String closedBy) {}
