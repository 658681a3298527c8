package io.prodsupport.incident;

import io.prodsupport.jira.Issue;
import io.prodsupport.jira.JiraClient;
import io.prodsupport.jira.JiraUser;
import io.prodsupport.notify.ChannelMessage;
import io.prodsupport.notify.Outbox;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Tells the configured channels (Slack, Teams, e-mail) about a new incident, with its link, once per channel
 * (DESIGN.md §1, "created"), through the {@link Outbox}: the event queues the message and is done; the outbox's worker
 * delivers it with its own retries, so a channel that is down never holds up the incident's Jira work.
 *
 * <p>Order under crashes: the outbox rows are written first, the issue property {@value #PROPERTY} (the channels the
 * message was queued for) after them. A crash between the two leaves rows without the property; the event's retry
 * queues again, which the outbox ignores (one row per message id and channel), and then writes the property. So the
 * outbox, not the property, is what makes "once per channel" hold; the property spares the store a write for every
 * later event of a new incident, and tells the Forge panel and {@code explain} that the incident was announced.
 */
public final class IncidentAnnouncement {

    /** Its JSON field names ({@link Record}) are read by the Forge panel; keep them. */
    public static final String PROPERTY = "prodsupport.announced";

    static final List<String> FIELDS =
            List.of("summary", "project", "issuetype", "labels", "priority", "reporter", "assignee", "created");
    static final List<String> PROPERTIES = List.of(PROPERTY);

    private final JiraClient jira;
    private final IncidentScope scope;
    private final Outbox outbox;
    private final Set<String> channels;
    private final Clock clock;

    /**
     * @param channels the configured channels' names ({@code slack}, {@code teams}, {@code email})
     */
    public IncidentAnnouncement(
            JiraClient jira, IncidentScope scope, Outbox outbox, Collection<String> channels, Clock clock) {
        this.jira = jira;
        this.scope = scope;
        this.outbox = outbox;
        this.channels = Collections.unmodifiableSet(new LinkedHashSet<>(channels));
        this.clock = clock;
    }

    /**
     * Queues the announcement of {@code issue} (as read with {@link #FIELDS} and {@link #PROPERTIES}) for the
     * channels it was not yet queued for.
     *
     * @param ownerJustAssigned the issue was assigned after it was read: the owner's name is read again for the
     *                          message (one call, only when there is a channel to tell)
     * @return the channels queued now, empty when there was nothing to do
     */
    public Optional<String> announce(Issue issue, boolean ownerJustAssigned) {
        if (channels.isEmpty() || !scope.covers(issue) || !NewIncidents.isRecent(issue, clock.instant())) {
            return Optional.empty();
        }
        Set<String> told = new LinkedHashSet<>(issue.properties()
                .get(PROPERTY, Record.class)
                .map(Record::channels)
                .orElse(List.of()));
        Set<String> toTell = new LinkedHashSet<>(channels);
        toTell.removeAll(told);
        if (toTell.isEmpty()) {
            return Optional.empty();
        }
        JiraUser owner = ownerJustAssigned
                ? jira.getIssue(issue.key(), List.of("assignee")).fields().assignee()
                : issue.fields().assignee();
        Instant now = clock.instant();
        outbox.enqueue(ChannelMessage.newIncident(Notices.of(jira, issue, owner)), toTell, now, now);
        Set<String> queued = new LinkedHashSet<>(told);
        queued.addAll(toTell);
        jira.setIssueProperty(issue.key(), PROPERTY, new Record(List.copyOf(queued)));
        return Optional.of("queued the announcement for " + String.join(", ", toTell));
    }

    /** What {@value #PROPERTY} says, for {@code explain}. */
    static Optional<String> describe(Issue issue) {
        return issue.properties()
                .get(PROPERTY, Record.class)
                .map(r -> "announced to "
                        + (r.channels() == null || r.channels().isEmpty()
                                ? "no channel"
                                : String.join(", ", r.channels())));
    }

    /** The value of {@value #PROPERTY}: the channels the announcement was queued for so far. */
    record Record(List<String> channels) {}
}
