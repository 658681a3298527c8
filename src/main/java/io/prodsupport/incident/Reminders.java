package io.prodsupport.incident;

import io.prodsupport.jira.Issue;
import io.prodsupport.jira.JiraClient;
import io.prodsupport.jira.JiraUser;
import io.prodsupport.notify.ChannelMessage;
import io.prodsupport.notify.Outbox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What gets forgotten, checked on a timer (DESIGN.md §1, "in progress" and "resolved"):
 *
 * <ul>
 *   <li><b>stale</b>: an open incident nobody updated for {@code staleAfter} gets a comment that mentions its owner
 *       (or the person on duty when nobody owns it) and asks for an update, and a channel message. The comment itself
 *       updates the ticket, so the next nudge comes only after another full period of silence;</li>
 *   <li><b>forgotten prevention</b>: an incident resolved {@code remindAfter} ago whose Prevention / Mitigation is
 *       still empty or TBD gets one comment mentioning its owner and a channel message, once per incident.</li>
 * </ul>
 *
 * <p>JQL dates have minute precision, so the searches ask a minute wide and each issue's own {@code updated} or
 * {@code resolutiondate} decides. State lives on the ticket, so it survives restarts: {@value #NUDGED} records the
 * {@code updated} of the silence last nudged (the same silence is never nudged twice, even when the comment did not
 * move {@code updated}), {@value #REMINDED} that the prevention reminder was given. Order under crashes: the channel
 * message (its id names the silence or the incident, so queuing it again adds nothing), then the comment, then the
 * property; a crash after the comment leaves a ticket updated just now, which is not stale.
 */
public final class Reminders {

    public static final String NUDGED = "prodsupport.nudged";
    public static final String REMINDED = "prodsupport.preventionReminded";

    static final List<String> FIELDS = List.of(
            "summary",
            "project",
            "issuetype",
            "labels",
            "status",
            "priority",
            "assignee",
            "reporter",
            "description",
            "updated",
            "resolution",
            "resolutiondate");

    private final JiraClient jira;
    private final IncidentScope scope;
    private final Outbox outbox;
    private final Set<String> channels;
    private final OnDuty schedule;
    private final Duration staleAfter;
    private final Duration remindAfter;
    private final Clock clock;

    public Reminders(
            JiraClient jira,
            IncidentScope scope,
            Outbox outbox,
            Collection<String> channels,
            OnDuty schedule,
            Duration staleAfter,
            Duration remindAfter,
            Clock clock) {
        this.jira = jira;
        this.scope = scope;
        this.outbox = outbox;
        this.channels = new LinkedHashSet<>(channels);
        this.schedule = schedule;
        this.staleAfter = staleAfter;
        this.remindAfter = remindAfter;
        this.clock = clock;
    }

    /** One look with no time limit; see {@link #check(Instant)}. */
    public List<String> check() {
        return check(Instant.MAX);
    }

    /**
     * One look: nudges the stale incidents and reminds of forgotten prevention; returns what it did, one line each.
     * No reminder is begun once the clock has passed {@code stopBy}: with several instances taking turns, the next
     * turn is another instance's, and two looks at once could both find the same silent incident before either has
     * marked it. What this look leaves is found by the next one.
     */
    public List<String> check(Instant stopBy) {
        List<String> did = new ArrayList<>();
        Instant now = clock.instant();
        // a minute wider than asked: JQL compares whole minutes; each issue's own timestamp decides
        did.addAll(eachFound(
                scope.jql() + " AND statusCategory != Done AND updated <= -" + (minutes(staleAfter) - 1) + "m",
                NUDGED,
                stopBy,
                issue -> nudgeIfStale(issue, now)));
        if (clock.instant().isBefore(stopBy)) {
            did.addAll(eachFound(
                    scope.jql() + " AND statusCategory = Done AND resolved <= -" + (minutes(remindAfter) - 1) + "m",
                    REMINDED,
                    stopBy,
                    issue -> remindOfPrevention(issue, now)));
        }
        return did;
    }

    /**
     * {@code remind} for each issue {@code jql} finds (with the issue property {@code property}), until the clock passes
     * {@code stopBy}; what each did, then whether the look ran out of time.
     */
    private List<String> eachFound(
            String jql, String property, Instant stopBy, Function<Issue, Optional<String>> remind) {
        List<String> did = new ArrayList<>();
        List<Issue> found = jira.search(jql, FIELDS, List.of(property)).toList();
        for (int i = 0; i < found.size(); i++) {
            if (!clock.instant().isBefore(stopBy)) {
                did.add("out of time for this look: " + (found.size() - i)
                        + " more incident(s) are looked at by the next one");
                break;
            }
            remind.apply(found.get(i)).ifPresent(did::add);
        }
        return did;
    }

    private Optional<String> nudgeIfStale(Issue issue, Instant now) {
        OffsetDateTime updated = issue.fields().updated();
        if (updated == null
                || !scope.covers(issue)
                || issue.fields().isDone()
                || updated.toInstant().plus(staleAfter).isAfter(now)) {
            return Optional.empty();
        }
        long silence = updated.toInstant().toEpochMilli();
        Optional<Nudged> last = issue.properties().get(NUDGED, Nudged.class);
        if (last.isPresent() && last.get().silenceSince() == silence) {
            return Optional.empty(); // this silence was nudged (a comment that did not move `updated`, or a crash)
        }
        Optional<String> who = ownerOrOnDuty(issue, now);
        String hours = describe(Duration.between(updated.toInstant(), now));
        remind(
                issue,
                who,
                ChannelMessage.reminder(
                        "stale:" + issue.key() + ":" + silence,
                        ChannelMessage.Kind.STALE,
                        Notices.of(jira, issue),
                        "no update for " + hours + "; "
                                + who.map(w -> "asked " + ownerName(issue)).orElse("nobody owns it or is on duty")
                                + " for one"),
                "this incident has had no update for " + hours
                        + ". What is its state? A line under Next Actions or a comment is enough.",
                NUDGED,
                new Nudged(silence, now.toString()),
                now);
        return Optional.of(issue.key() + ": nudged after " + hours + " of silence");
    }

    private Optional<String> remindOfPrevention(Issue issue, Instant now) {
        OffsetDateTime resolved = issue.fields().resolutionDate();
        if (resolved == null
                || !scope.covers(issue)
                || !issue.fields().isDone()
                || resolved.toInstant().plus(remindAfter).isAfter(now)
                || issue.properties().get(REMINDED, Reminded.class).isPresent()) {
            return Optional.empty();
        }
        IncidentDescription description = IncidentDescription.parse(
                Optional.ofNullable(issue.fields().description()).orElse(""));
        if (!description.isEmpty(Section.PREVENTION)) {
            return Optional.empty();
        }
        String ago = describe(Duration.between(resolved.toInstant(), now));
        remind(
                issue,
                ownerOrOnDuty(issue, now),
                ChannelMessage.reminder(
                        "prevention:" + issue.key(),
                        ChannelMessage.Kind.PREVENTION_MISSING,
                        Notices.of(jira, issue),
                        "resolved " + ago + " ago; Prevention / Mitigation is still empty"),
                "this incident was resolved " + ago + " ago and Prevention / Mitigation is still empty."
                        + " What would stop it from happening again? Each bullet there becomes a follow-up ticket.",
                REMINDED,
                new Reminded(now.toString()),
                now);
        return Optional.of(issue.key() + ": reminded of its prevention " + ago + " after it was resolved");
    }

    /**
     * In the order that survives a crash (see the class): the channel message (its id makes a second queuing a no-op),
     * the comment mentioning {@code who}, then the property that marks the reminder given.
     */
    private void remind(
            Issue issue,
            Optional<String> who,
            ChannelMessage message,
            String comment,
            String property,
            Object marker,
            Instant now) {
        outbox.enqueue(message, channels, now, now);
        jira.addComment(
                issue.key(),
                who.map(w -> IncidentReconciler.mention(w, jira.flavour()) + " ")
                                .orElse("")
                        + comment);
        jira.setIssueProperty(issue.key(), property, marker);
    }

    private Optional<String> ownerOrOnDuty(Issue issue, Instant now) {
        JiraUser owner = issue.fields().assignee();
        if (owner != null && owner.ref(jira.flavour()) != null) {
            return Optional.of(owner.ref(jira.flavour()));
        }
        return schedule.onDuty(now);
    }

    /** The owner's display name; the person on duty's when nobody owns it. */
    private static String ownerName(Issue issue) {
        JiraUser owner = issue.fields().assignee();
        return owner != null && owner.displayName() != null ? owner.displayName() : "the person on duty";
    }

    private static long minutes(Duration d) {
        return Math.max(1, d.toMinutes());
    }

    /** {@code 4 hours}, {@code 3 days}, {@code 90 minutes}: whole units, rounded down. */
    static String describe(Duration d) {
        if (d.toDays() >= 2) {
            return d.toDays() + " days";
        }
        if (d.toHours() >= 2) {
            return d.toHours() + " hours";
        }
        return d.toMinutes() + " minutes";
    }

    /** Optional lines for {@code explain}. */
    static Optional<String> describe(Issue issue) {
        Optional<String> nudged =
                issue.properties().get(NUDGED, Nudged.class).map(n -> "nudged for an update at " + n.at());
        Optional<String> reminded =
                issue.properties().get(REMINDED, Reminded.class).map(r -> "reminded of its prevention at " + r.at());
        List<String> lines = new ArrayList<>();
        nudged.ifPresent(lines::add);
        reminded.ifPresent(lines::add);
        return lines.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", lines));
    }

    /** {@value #NUDGED}: the silence last nudged (epoch ms of the ticket's {@code updated}) and when. */
    record Nudged(long silenceSince, String at) {}

    /** {@value #REMINDED}: when the prevention reminder was given. */
    record Reminded(String at) {}
}
