package io.prodsupport.incident;

import io.prodsupport.jira.Issue;
import io.prodsupport.jira.JiraClient;
import io.prodsupport.jira.JiraException;
import io.prodsupport.notify.ChannelMessage;
import io.prodsupport.notify.IncidentNotice;
import io.prodsupport.notify.Outbox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Tells the channels when the on-duty person changes (DESIGN.md §1, "in progress"): who is on duty now, until when, and
 * the open incidents they inherit. Checked on the reminders' timer.
 *
 * <p>Exactly once per hand-over: the message's id is {@code handover:<from-instant>:<person>}, and the outbox keeps one
 * row per id and channel, so a second look, a restart or another instance on the same store queues nothing new. Only
 * a hand-over at most {@code within} old is announced: a service that starts (or comes back) later than that stays
 * quiet about it rather than announcing old news, and {@code within} is kept shorter than the outbox keeps delivered
 * rows, so the row that dedupes is always still there while a hand-over can be announced. A turn that follows a turn
 * of the same person is no hand-over; nor is the start of a gap with nobody on duty.
 */
public final class Handovers {

    /** Listed incidents per message (Slack takes 50 blocks; two per incident); the rest are counted. */
    public static final int LISTED = 20;

    private final JiraClient jira;
    private final IncidentScope scope;
    private final Outbox outbox;
    private final Set<String> channels;
    private final OnDuty schedule;
    private final Duration within;
    private final Clock clock;
    /** Hand-overs this process queued: spares Jira a search per look; the outbox is what dedupes. */
    private final Set<String> queued = new HashSet<>();

    public Handovers(
            JiraClient jira,
            IncidentScope scope,
            Outbox outbox,
            Collection<String> channels,
            OnDuty schedule,
            Duration within,
            Clock clock) {
        this.jira = jira;
        this.scope = scope;
        this.outbox = outbox;
        this.channels = new LinkedHashSet<>(channels);
        this.schedule = schedule;
        this.within = within;
        this.clock = clock;
    }

    /** One look: queues the message of a hand-over that happened within the window; returns what it did. */
    public List<String> check() {
        Instant now = clock.instant();
        if (channels.isEmpty()) {
            return List.of();
        }
        List<OnDuty.Shift> shifts = schedule.shifts(now, 8);
        if (shifts.isEmpty() || shifts.get(0).from().isAfter(now)) {
            return List.of(); // nobody on duty now
        }
        OnDuty.Shift current = shifts.get(0);
        Instant from = current.from();
        if (Duration.between(from, now).compareTo(within) > 0) {
            return List.of(); // too long ago: announced then, or by nobody
        }
        if (schedule.onDuty(from.minusMillis(1)).equals(Optional.of(current.person()))) {
            return List.of(); // the same person's next turn
        }
        String id = "handover:" + from + ":" + current.person();
        if (queued.contains(id)) {
            return List.of();
        }
        Instant until = current.until();
        for (OnDuty.Shift next : shifts.subList(1, shifts.size())) {
            if (!next.from().equals(until) || !next.person().equals(current.person())) {
                break;
            }
            until = next.until();
        }
        String name = displayName(current.person());
        List<IncidentNotice> open = new ArrayList<>();
        int more = 0;
        String jql = scope.jql() + " AND statusCategory != Done";
        for (Issue issue : jira.search(jql, Reminders.FIELDS, List.of()).toList()) {
            if (!scope.covers(issue) || issue.fields().isDone()) {
                continue;
            }
            if (open.size() < LISTED) {
                open.add(Notices.of(jira, issue));
            } else {
                more++;
            }
        }
        outbox.enqueue(
                ChannelMessage.handover(id, new ChannelMessage.Handover(name, until.toString(), open, more)),
                channels,
                now,
                now);
        queued.add(id);
        return List.of("hand-over to " + name + " (on duty since " + from + ", until " + until + "): told "
                + String.join(", ", channels) + " with " + (open.size() + more) + " open incident(s)");
    }

    private String displayName(String person) {
        try {
            return jira.user(person)
                    .map(u -> u.displayName())
                    .filter(n -> n != null && !n.isBlank())
                    .orElse(person);
        } catch (JiraException e) {
            return person; // a name is a courtesy; the reference still says who
        }
    }
}
