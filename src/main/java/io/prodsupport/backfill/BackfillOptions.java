package io.prodsupport.backfill;

import java.util.Locale;

/**
 * One backfill's settings, from the command line.
 *
 * @param jql         the tickets to bring up to the standard, without ORDER BY
 * @param limit       at most this many tickets in this run; 0 for all
 * @param notifyUsers whether Jira e-mails watchers about the edits (only with {@code --notify})
 */
public record BackfillOptions(
        String jql, boolean dryRun, long limit, int concurrency, boolean resume, boolean notifyUsers) {

    public BackfillOptions {
        if (jql == null || jql.isBlank()) {
            throw new IllegalArgumentException("the JQL is empty");
        }
        if (jql.toLowerCase(Locale.ROOT).matches("(?s).*\\border\\s+by\\b.*")) {
            throw new IllegalArgumentException("the JQL must not have ORDER BY: the backfill orders tickets by key,"
                    + " so that --resume knows where it stopped");
        }
        if (limit < 0) {
            throw new IllegalArgumentException("--limit must be 0 (no limit) or more, was " + limit);
        }
        if (concurrency < 1 || concurrency > 64) {
            throw new IllegalArgumentException("--concurrency must be 1–64, was " + concurrency);
        }
    }

    /**
     * The JQL as searched: ordered by key so that the order is stable between runs, which {@code --resume} relies on.
     * It also names the run's checkpoint.
     */
    public String orderedJql() {
        return "(" + jql.strip() + ") ORDER BY key ASC";
    }
}
