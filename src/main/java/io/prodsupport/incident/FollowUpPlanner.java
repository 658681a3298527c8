package io.prodsupport.incident;

import io.prodsupport.jira.Issue;
import io.prodsupport.jira.NewIssue;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides which prevention actions need a follow-up and writes the follow-up's text; no I/O. An action is
 * tracked when it names an issue of one of the tracking projects, or its action id already has a follow-up; two
 * items with the same id (the same action written twice) get one follow-up.
 */
public final class FollowUpPlanner {

    /** Jira's limit on a summary, in Java characters (UTF-16 units), as Jira counts them. */
    public static final int MAX_SUMMARY = 255;

    public static final String ELLIPSIS = "…";
    /** Opens the comment on the incident, and marks a comment as ours when looking for one made before a crash. */
    static final String COMMENT_HEADING = "Follow-up tickets for the prevention actions:";
    /** A root cause that itself quotes would end our quote early; escaped, Jira shows the tag as text. */
    private static final Pattern QUOTE_TAG = Pattern.compile("\\{quote}");

    private final FollowUpSettings settings;

    public FollowUpPlanner(FollowUpSettings settings) {
        this.settings = settings;
    }

    /** The actions, in the order written, that have no follow-up yet and name no tracked issue. */
    public static List<Action> needingFollowUp(
            List<Action> actions, Collection<String> trackingProjects, Set<String> actionIdsWithFollowUp) {
        Set<String> seen = new HashSet<>(actionIdsWithFollowUp);
        List<Action> needing = new ArrayList<>();
        for (Action action : actions) {
            if (!action.isTrackedIn(trackingProjects) && seen.add(action.id())) {
                needing.add(action);
            }
        }
        return needing;
    }

    /**
     * The text cut to {@link #MAX_SUMMARY} at a word boundary, ending in "…". A first word longer than the limit
     * is cut inside (there is no boundary to cut at), never between the two halves of a surrogate pair. Text that
     * fits is returned as is, so cutting twice is cutting once.
     */
    public static String cut(String text) {
        if (text.length() <= MAX_SUMMARY) {
            return text;
        }
        int room = MAX_SUMMARY - ELLIPSIS.length();
        int end = room;
        if (!Character.isWhitespace(text.charAt(room))) {
            int space = lastWhitespace(text, room);
            end = space > 0 ? space : room;
        }
        if (end == room && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        String kept = text.substring(0, end).stripTrailing();
        return (kept.isEmpty() ? text.substring(0, end) : kept) + ELLIPSIS;
    }

    private static int lastWhitespace(String text, int before) {
        for (int i = before - 1; i > 0; i--) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /** The action's text as a summary; an action with no visible text is named after its incident. */
    public static String summary(Action action, String incidentKey) {
        String text = action.text().strip();
        return cut(text.isEmpty() ? "Prevention action from " + incidentKey : text);
    }

    /**
     * The follow-up's description: the action as written, where it came from, the incident's root cause quoted
     * (so the backlog's readers can prioritise without opening the incident), and a link back.
     */
    public static String description(Action action, Issue incident, String incidentUrl) {
        String rootCause = IncidentDescription.parse(incident.fields().description())
                .section(Section.ROOT_CAUSE)
                .filter(s -> !s.isEmpty())
                .map(s -> s.body().strip())
                .orElse("(not written yet)");
        return action.fullText() + "\n\n----\n"
                + "Prevention action from " + incident.key() + ": "
                + nullToEmpty(incident.fields().summary()) + "\n\n"
                + "*Root cause* (from the incident):\n{quote}\n"
                + QUOTE_TAG.matcher(rootCause).replaceAll("\\\\{quote}")
                + "\n{quote}\n\n"
                + "Incident: [" + incident.key() + "|" + incidentUrl + "]";
    }

    /** The create request: the text above, labels, priority if inherited, and the origin set in the same call. */
    public NewIssue newIssue(Action action, Issue incident, String incidentUrl) {
        FollowUpOrigin origin = new FollowUpOrigin(
                incident.key(), action.id(), incident.fields().projectKey());
        return new NewIssue(
                settings.project(),
                settings.issueType(),
                summary(action, incident.key()),
                description(action, incident, incidentUrl),
                settings.labelsOnCreate(incident.key()),
                settings.inheritPriority() ? incident.fields().priority() : null,
                Map.of(FollowUpOrigin.PROPERTY, origin));
    }

    /** The one comment on the incident listing the follow-ups just made: key and summary each. */
    public static String comment(List<FollowUpRecord> made) {
        StringBuilder text = new StringBuilder(COMMENT_HEADING);
        for (FollowUpRecord record : made) {
            text.append("\n* ").append(record.followUpKey());
            if (record.summary() != null && !record.summary().isBlank()) {
                text.append(" — ").append(record.summary());
            }
        }
        return text.toString();
    }

    /** Whether a comment is one of ours and lists the follow-up: the trace of a comment made just before a crash. */
    public static boolean mentions(String commentBody, String followUpKey) {
        return commentBody != null
                && commentBody.startsWith(COMMENT_HEADING)
                && Pattern.compile("(?<![A-Za-z0-9_-])" + Pattern.quote(followUpKey) + "(?![0-9])")
                        .matcher(commentBody)
                        .find();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
