package io.prodsupport.incident;

import io.prodsupport.jira.Issue;
import io.prodsupport.jira.JiraClient;
import io.prodsupport.jira.JiraUser;
import io.prodsupport.notify.ChannelMessage;
import io.prodsupport.notify.ChannelMessage.Change;
import io.prodsupport.notify.Outbox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Tells the channels how an incident progresses (DESIGN.md §1, "in progress" and "resolved"): a change of its status,
 * priority or owner ({@link ProgressUpdates#ALL}) or of its resolution ({@link ProgressUpdates#RESOLUTION}, the
 * default), the resolution with the first lines of its Root Cause(s).
 *
 * <p>Level-triggered: what was last told is the issue property {@value #PROPERTY}; each event compares the incident as
 * it is now with it and queues a message for the difference, so a lost webhook's change is told when the sweep meets
 * the incident, and a redelivered event tells nothing new. Messages wait {@code foldWithin} in the outbox, and the
 * changes of one incident within that time fold into one message with the final state (a field that ended where it
 * began is left out; a burst that changed nothing in the end sends nothing).
 *
 * <p>Order under crashes, as for the announcement: the outbox row first, then the property (with the next sequence
 * number). A retried event computes the same message id (the sequence number is the property's) or folds into the
 * same waiting row, so it never adds a second message.
 *
 * <p>An incident met for the first time (no {@value #PROPERTY}: a new one, or one older than this feature) has its
 * state recorded without a message.
 */
public final class IncidentProgress {

    public static final String PROPERTY = "prodsupport.reported";

    static final List<String> FIELDS = List.of(
            "summary", "project", "issuetype", "labels", "status", "priority", "assignee", "resolution", "description");

    /** Lines of the root cause a resolution message carries, and the longest line kept. */
    static final int ROOT_CAUSE_LINES = 3;

    static final int MAX_LINE = 200;

    private final JiraClient jira;
    private final IncidentScope scope;
    private final Outbox outbox;
    private final Set<String> channels;
    private final ProgressUpdates updates;
    private final Duration foldWithin;
    private final Clock clock;

    public IncidentProgress(
            JiraClient jira,
            IncidentScope scope,
            Outbox outbox,
            Collection<String> channels,
            ProgressUpdates updates,
            Duration foldWithin,
            Clock clock) {
        this.jira = jira;
        this.scope = scope;
        this.outbox = outbox;
        this.channels = new LinkedHashSet<>(channels);
        this.updates = updates;
        this.foldWithin = foldWithin;
        this.clock = clock;
    }

    /**
     * Compares {@code issue} (as the workflow's rules left it) with what was last told, and queues what changed.
     *
     * @param ownerJustAssigned staffing assigned it after it was read (its creation)
     *
     * @return what was done, empty when nothing
     */
    public Optional<String> report(Issue issue, boolean ownerJustAssigned) {
        if (updates == ProgressUpdates.NONE || channels.isEmpty() || !scope.covers(issue)) {
            return Optional.empty();
        }
        Record now = Record.of(issue);
        Optional<Record> told = issue.properties().get(PROPERTY, Record.class);
        if (told.isEmpty()) {
            if (ownerJustAssigned) {
                // staffing assigned it after it was read: the owner it has now is the one to start from
                JiraUser owner =
                        jira.getIssue(issue.key(), List.of("assignee")).fields().assignee();
                now = new Record(now.status(), now.priority(), Notices.name(owner), now.resolution(), 0);
            }
            jira.setIssueProperty(issue.key(), PROPERTY, now.withSeq(0));
            return Optional.empty();
        }
        Record before = told.get();
        List<Change> changes = changes(before, now);
        if (changes.isEmpty()) {
            return Optional.empty();
        }
        long seq = before.seq() + 1;
        ChannelMessage message = ChannelMessage.progress(
                "progress:" + issue.key() + ":" + seq,
                Notices.of(jira, issue),
                changes,
                resolved(changes) ? rootCause(issue) : List.of());
        Instant at = clock.instant();
        outbox.enqueue(message, channels, at, at.plus(foldWithin));
        jira.setIssueProperty(issue.key(), PROPERTY, now.withSeq(seq));
        return Optional.of("queued an update ("
                + String.join("; ", changes.stream().map(Change::describe).toList()) + ") for "
                + String.join(", ", channels));
    }

    private List<Change> changes(Record before, Record now) {
        List<Change> changes = new ArrayList<>();
        if (updates == ProgressUpdates.ALL) {
            add(changes, ChannelMessage.STATUS, before.status(), now.status());
            add(changes, ChannelMessage.PRIORITY, before.priority(), now.priority());
            add(changes, ChannelMessage.OWNER, before.owner(), now.owner());
        }
        add(changes, ChannelMessage.RESOLUTION, before.resolution(), now.resolution());
        return changes;
    }

    private static void add(List<Change> changes, String field, String before, String now) {
        if (!Objects.equals(before, now)) {
            changes.add(new Change(field, before, now));
        }
    }

    private static boolean resolved(List<Change> changes) {
        return changes.stream().anyMatch(c -> c.field().equals(ChannelMessage.RESOLUTION) && c.to() != null);
    }

    /** The first lines of Root Cause(s), stripped of wiki markup's blank lines; empty when it is empty or TBD. */
    static List<String> rootCause(Issue issue) {
        IncidentDescription description = IncidentDescription.parse(
                Optional.ofNullable(issue.fields().description()).orElse(""));
        return description
                .section(Section.ROOT_CAUSE)
                .filter(s -> !s.isEmpty())
                .map(s -> s.body()
                        .lines()
                        .map(String::strip)
                        .filter(l -> !l.isEmpty())
                        .limit(ROOT_CAUSE_LINES)
                        .map(l -> l.length() > MAX_LINE ? l.substring(0, MAX_LINE) + "…" : l)
                        .toList())
                .orElse(List.of());
    }

    /** What {@value #PROPERTY} says, for {@code explain}. */
    static Optional<String> describe(Issue issue) {
        return issue.properties()
                .get(PROPERTY, Record.class)
                .map(r -> "progress told: status " + r.status() + ", priority " + r.priority() + ", owner "
                        + (r.owner() == null ? "nobody" : r.owner())
                        + (r.resolution() == null ? "" : ", resolved " + r.resolution()) + " (" + r.seq()
                        + " update(s))");
    }

    /** The value of {@value #PROPERTY}: the incident as last told, and how many updates were queued. */
    record Record(String status, String priority, String owner, String resolution, long seq) {

        static Record of(Issue issue) {
            return new Record(
                    issue.fields().status() == null
                            ? null
                            : issue.fields().status().name(),
                    issue.fields().priority(),
                    Notices.name(issue.fields().assignee()),
                    issue.fields().resolution(),
                    0);
        }

        Record withSeq(long next) {
            return new Record(status, priority, owner, resolution, next);
        }
    }
}
