package io.prodsupport.analytics;

import io.prodsupport.incident.IncidentDescription;
import io.prodsupport.incident.ParsedSection;
import io.prodsupport.incident.Section;
import io.prodsupport.jira.ChangeHistory;
import io.prodsupport.jira.IssueHistory;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The moments of one incident's life that the figures use, read from its changelog:
 * <ul>
 *   <li>{@code firstResolved}: the first history entry that set a resolution (Jira sets it on the way into a done
 *       status). A reopened and again resolved incident keeps its first time.</li>
 *   <li>{@code rootCauseFound}: the first entry after which the description's Root Cause(s) section is no longer
 *       empty or TBD (the same emptiness rule as the close gate). A root cause later set back to TBD keeps that first
 *       time; one written in the description at creation counts as found at creation.</li>
 * </ul>
 * The description at creation is the {@code fromString} of the first description change (Jira records the whole old
 * and new text), or the current description when it never changed.
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
        var issue = history.issue();
        var fields = issue.fields();
        Instant created = fields.created().toInstant();
        Instant resolved = null;
        Instant rootCause = null;
        String description = null;
        boolean sawDescription = false;
        for (ChangeHistory entry : history.histories()) {
            for (ChangeHistory.Item item : entry.items()) {
                if (item.fieldId().equals("resolution") && resolved == null && isSet(item)) {
                    resolved = entry.created().toInstant();
                }
                if (item.fieldId().equals("description")) {
                    if (!sawDescription) {
                        sawDescription = true;
                        if (rootCauseKnown(item.fromString())) {
                            rootCause = created;
                        }
                    }
                    description = item.toText();
                    if (rootCause == null && rootCauseKnown(description)) {
                        rootCause = entry.created().toInstant();
                    }
                }
            }
        }
        if (!sawDescription && rootCauseKnown(fields.description())) {
            rootCause = created;
        }
        return new IncidentTimeline(
                issue.key(),
                fields.projectKey(),
                fields.summary(),
                created,
                resolved,
                rootCause,
                fields.isDone(),
                rootCauseText(fields.description()));
    }

    public Optional<Duration> timeToResolve() {
        return Optional.ofNullable(firstResolved).map(r -> Duration.between(created, r));
    }

    public Optional<Duration> timeToRootCause() {
        return Optional.ofNullable(rootCauseFound).map(r -> Duration.between(created, r));
    }

    private static boolean isSet(ChangeHistory.Item item) {
        return item.to() != null || item.toText() != null;
    }

    private static boolean rootCauseKnown(String description) {
        return !IncidentDescription.parse(description).isEmpty(Section.ROOT_CAUSE);
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
