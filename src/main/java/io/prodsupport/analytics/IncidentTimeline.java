package io.prodsupport.analytics;

import io.prodsupport.incident.IncidentChronology;
import io.prodsupport.incident.IncidentDescription;
import io.prodsupport.incident.ParsedSection;
import io.prodsupport.incident.Section;
import io.prodsupport.jira.IssueHistory;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The moments of one incident's life that the figures use, read from its changelog by {@link IncidentChronology} (the
 * same derivation as the post-mortem's timeline):
 * <ul>
 *   <li>{@code firstResolved}: the first history entry that set a resolution (Jira sets it on the way into a done
 *       status). A reopened and again resolved incident keeps its first time.</li>
 *   <li>{@code rootCauseFound}: the first entry after which the description's Root Cause(s) section is no longer
 *       empty or TBD (the same emptiness rule as the close gate). A root cause later set back to TBD keeps that first
 *       time; one written in the description at creation counts as found at creation.</li>
 * </ul>
 */
public record IncidentTimeline(
        String key,
        String project,
        String summary,
        Instant created,
        Instant firstResolved,
        Instant rootCauseFound,
        boolean doneNow,
        String rootCause) {

    public static IncidentTimeline of(IssueHistory history) {
        var fields = history.issue().fields();
        IncidentChronology chronology = IncidentChronology.of(history);
        return new IncidentTimeline(
                history.issue().key(),
                fields.projectKey(),
                fields.summary(),
                chronology.reported(),
                chronology.firstResolved(),
                chronology.rootCauseFound(),
                fields.isDone(),
                rootCauseText(fields.description()));
    }

    public Optional<Duration> timeToResolve() {
        return Optional.ofNullable(firstResolved).map(r -> Duration.between(created, r));
    }

    public Optional<Duration> timeToRootCause() {
        return Optional.ofNullable(rootCauseFound).map(r -> Duration.between(created, r));
    }

    /** The Root Cause(s) section's text now, or "" when it is empty or TBD. */
    private static String rootCauseText(String description) {
        return IncidentDescription.parse(description)
                .section(Section.ROOT_CAUSE)
                .filter(s -> !s.isEmpty())
                .map(ParsedSection::body)
                .orElse("");
    }
}
