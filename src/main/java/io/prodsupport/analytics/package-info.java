/**
 * Incident analytics (issue 12): how long incidents take to resolve and to find their root cause, whether follow-ups
 * get done, which causes come back. Computed from Jira's own history (the changelog), never from a second copy.
 *
 * <p>{@link io.prodsupport.analytics.IncidentHistories} reads the period's incidents with their changelogs and their
 * follow-ups through {@link io.prodsupport.jira.JiraClient}; {@link io.prodsupport.analytics.IncidentTimeline} turns one
 * history into the moments that matter; {@link io.prodsupport.analytics.Figures} is the one definition of the figures
 * the API, the CLI and the page show; {@link io.prodsupport.analytics.RecurringCauses} finds the terms that recur across
 * root-cause sections. This package knows no HTTP and no JSON; the renderings live in {@code analytics.render}.
 */
package io.prodsupport.analytics;
