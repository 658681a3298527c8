/**
 * {@code prodsupport backfill}: the incident reconciler run over a JQL set of old tickets, with a bounded pool of
 * workers over the lazily paged search, a checkpoint in the store for {@code --resume}, a dry run, progress and a
 * report. Free of HTTP and SQL: Jira through {@link io.prodsupport.jira.JiraClient}, the store through
 * {@link io.prodsupport.backfill.BackfillCheckpoints}.
 */
package io.prodsupport.backfill;
