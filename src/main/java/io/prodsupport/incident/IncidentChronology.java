package io.prodsupport.incident;

import io.prodsupport.jira.ChangeHistory;
import io.prodsupport.jira.Comment;
import io.prodsupport.jira.IssueFields;
import io.prodsupport.jira.IssueHistory;
import io.prodsupport.jira.JiraUser;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An incident's life as Jira recorded it, derived from its changelog (and its comments when they were read): when it
 * was reported, got its first owner, changed status, owner or priority, when its root cause was first written, when it
 * was resolved or reopened. One derivation for the post-mortem's timeline and the analytics' figures, so both count
 * the same moments:
 * <ul>
 *   <li>{@code firstResolved}: the first history entry that set a resolution (Jira sets it on the way into a done
 *       status). A reopened and again resolved incident keeps its first time.</li>
 *   <li>{@code rootCauseFound}: the first entry after which the description's Root Cause(s) section is no longer empty
 *       or TBD (the same emptiness rule as the close gate). A root cause later set back to TBD keeps that first time;
 *       one written in the description at creation counts as found at creation. The description at creation is the
 *       {@code fromString} of the first description change (Jira records the whole old and new text), or the current
 *       description when it never changed.</li>
 *   <li>{@code firstOwner}: the first assignee. Jira records no changelog entry for an assignee set by the create call,
 *       so an incident whose first assignee change starts from someone (or that has an owner and no assignee change at
 *       all) was owned from its creation.</li>
 * </ul>
 *
 * @param moments every moment in time order (entries of one instant in changelog order, comments after them)
 */
public record IncidentChronology(
        Instant reported, Instant firstOwner, Instant rootCauseFound, Instant firstResolved, List<Moment> moments) {

    /** One thing that happened: when, and what, in words for a person. */
    public record Moment(Instant at, Kind kind, String what) {}

    public enum Kind {
        REPORTED,
        OWNER,
        STATUS,
        PRIORITY,
        ROOT_CAUSE,
        RESOLVED,
        REOPENED,
        COMMENT
    }

    private static final Pattern MENTION = Pattern.compile("\\[~[^\\]]*\\]");

    /** How much of a comment the timeline quotes. */
    static final int COMMENT_EXCERPT = 120;

    public IncidentChronology {
        moments = List.copyOf(moments);
    }

    public static IncidentChronology of(IssueHistory history) {
        IssueFields fields = history.issue().fields();
        Instant created = fields.created().toInstant();
        List<Moment> moments = new ArrayList<>();
        moments.add(new Moment(created, Kind.REPORTED, "Reported" + by(fields.reporter())));
        Instant owner = null;
        Instant resolved = null;
        Instant rootCause = null;
        boolean sawDescription = false;
        boolean sawAssignee = false;
        for (ChangeHistory entry : history.histories()) {
            Instant at = entry.created().toInstant();
            for (ChangeHistory.Item item : entry.items()) {
                switch (item.fieldId()) {
                    case "assignee" -> {
                        if (!sawAssignee) {
                            sawAssignee = true;
                            if (item.from() != null || item.fromString() != null) {
                                owner = created;
                                moments.add(new Moment(
                                        created, Kind.OWNER, "Owned from the start by " + item.fromString()));
                            }
                        }
                        boolean set = item.to() != null || item.toText() != null;
                        if (set && owner == null) {
                            owner = at;
                        }
                        moments.add(new Moment(
                                at, Kind.OWNER, set ? "Owner: " + item.toText() : "Owner removed (unassigned)"));
                    }
                    case "status" ->
                        moments.add(new Moment(
                                at, Kind.STATUS, "Status: " + item.fromString() + " \u2192 " + item.toText()));
                    case "priority" ->
                        moments.add(new Moment(
                                at, Kind.PRIORITY, "Priority: " + item.fromString() + " \u2192 " + item.toText()));
                    case "resolution" -> {
                        boolean set = item.to() != null || item.toText() != null;
                        if (set && resolved == null) {
                            resolved = at;
                        }
                        moments.add(
                                set
                                        ? new Moment(at, Kind.RESOLVED, "Resolved: " + item.toText())
                                        : new Moment(at, Kind.REOPENED, "Reopened (resolution cleared)"));
                    }
                    case "description" -> {
                        if (!sawDescription) {
                            sawDescription = true;
                            if (rootCauseKnown(item.fromString())) {
                                rootCause = created;
                            }
                        }
                        if (rootCause == null && rootCauseKnown(item.toText())) {
                            rootCause = at;
                        }
                    }
                    default -> {
                        // other fields are not part of the story
                    }
                }
            }
        }
        if (!sawDescription && rootCauseKnown(fields.description())) {
            rootCause = created;
        }
        if (!sawAssignee && fields.assignee() != null) {
            owner = created;
            moments.add(new Moment(created, Kind.OWNER, "Owned from the start by " + name(fields.assignee())));
        }
        if (rootCause != null) {
            moments.add(new Moment(rootCause, Kind.ROOT_CAUSE, "Root cause first written"));
        }
        for (Comment comment : fields.comments()) {
            if (comment.created() != null) {
                moments.add(new Moment(
                        comment.created().toInstant(),
                        Kind.COMMENT,
                        "Comment" + by(comment.author()) + ": " + excerpt(comment.body())));
            }
        }
        // stable: entries of one instant keep the changelog's order; the root cause after the entry that wrote it
        moments.sort(Comparator.comparing(Moment::at));
        return new IncidentChronology(created, owner, rootCause, resolved, moments);
    }

    public Optional<Duration> timeToOwner() {
        return since(firstOwner);
    }

    public Optional<Duration> timeToRootCause() {
        return since(rootCauseFound);
    }

    public Optional<Duration> timeToResolve() {
        return since(firstResolved);
    }

    private Optional<Duration> since(Instant moment) {
        return Optional.ofNullable(moment).map(m -> Duration.between(reported, m));
    }

    static boolean rootCauseKnown(String description) {
        return !IncidentDescription.parse(description).isEmpty(Section.ROOT_CAUSE);
    }

    private static String by(JiraUser user) {
        return user == null ? "" : " by " + name(user);
    }

    private static String name(JiraUser user) {
        for (String candidate : new String[] {user.displayName(), user.name(), user.accountId()}) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate;
            }
        }
        return "someone";
    }

    /**
     * The comment's first line as a reader sees it, without mentions (copied into the task they would notify people
     * again, and as text they are account ids), cut at {@value #COMMENT_EXCERPT} characters.
     */
    private static String excerpt(String body) {
        String line = body == null ? "" : body.strip().lines().findFirst().orElse("");
        String text = WikiText.plain(MENTION.matcher(line).replaceAll(" ")).strip();
        if (text.length() > COMMENT_EXCERPT) {
            int end = COMMENT_EXCERPT;
            if (Character.isHighSurrogate(text.charAt(end - 1))) {
                end--;
            }
            text = text.substring(0, end).stripTrailing() + "\u2026";
        }
        return text;
    }
}
