package io.prodsupport.incident;

import io.prodsupport.jira.Issue;
import java.time.Duration;
import java.time.Instant;

/**
 * When an incident is still news. Past this, staffing it with today's on-duty person or announcing it would be wrong
 * about the past: an outage of the service, a ticket created elsewhere and moved in, an old ticket the backfill meets.
 */
final class NewIncidents {

    static final Duration WINDOW = Duration.ofHours(24);

    private NewIncidents() {}

    /** Created within {@link #WINDOW} of {@code now}; an issue read without its creation date is not. */
    static boolean isRecent(Issue issue, Instant now) {
        return issue.fields().created() != null
                && !issue.fields().created().toInstant().isBefore(now.minus(WINDOW));
    }
}
