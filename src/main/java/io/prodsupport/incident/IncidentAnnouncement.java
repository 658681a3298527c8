package io.prodsupport.incident;

import io.prodsupport.jira.Issue;
import io.prodsupport.jira.JiraClient;
import io.prodsupport.jira.JiraUser;
import io.prodsupport.notify.AnnounceResult;
import io.prodsupport.notify.Announcer;
import io.prodsupport.notify.IncidentNotice;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Tells the configured channels (Slack, Teams, e-mail) about a new incident, with its link, once per channel
 * (DESIGN.md §1, "created"). The channels already told are recorded in the issue property {@value #PROPERTY} after
 * each attempt, so a retry after a failed channel tells only that one. A crash between a channel's answer and that
 * record means that channel hears twice: a repeated chat line was chosen over a missed one.
 */
public final class IncidentAnnouncement {

    /** Its JSON field names ({@link Record}) are read by the Forge panel; keep them. */
    public static final String PROPERTY = "prodsupport.announced";

    static final List<String> FIELDS =
            List.of("summary", "project", "issuetype", "labels", "priority", "reporter", "assignee", "created");
    static final List<String> PROPERTIES = List.of(PROPERTY);

    private final JiraClient jira;
    private final IncidentScope scope;
    private final Announcer announcer;
    private final Clock clock;

    public IncidentAnnouncement(JiraClient jira, IncidentScope scope, Announcer announcer, Clock clock) {
        this.jira = jira;
        this.scope = scope;
        this.announcer = announcer;
        this.clock = clock;
    }

    /**
     * Tells the channels not yet told about {@code issue}, as read with {@link #FIELDS} and {@link #PROPERTIES}.
     *
     * @param ownerJustAssigned the issue was assigned after it was read: the owner's name is read again for the
     *                          message (one call, only when there is a channel to tell)
     * @return the channels told now, empty when there was nothing to do
     * @throws AnnouncementIncompleteException when a channel failed; the ones that worked are recorded
     */
    public Optional<String> announce(Issue issue, boolean ownerJustAssigned) {
        if (announcer.channels().isEmpty() || !scope.covers(issue) || !NewIncidents.isRecent(issue, clock.instant())) {
            return Optional.empty();
        }
        Set<String> told = new LinkedHashSet<>(issue.properties()
                .get(PROPERTY, Record.class)
                .map(Record::channels)
                .orElse(List.of()));
        if (told.containsAll(announcer.channels())) {
            return Optional.empty();
        }
        JiraUser owner = ownerJustAssigned
                ? jira.getIssue(issue.key(), List.of("assignee")).fields().assignee()
                : issue.fields().assignee();
        AnnounceResult result = announcer.announce(notice(issue, owner), told);
        if (!result.told().isEmpty()) {
            jira.setIssueProperty(issue.key(), PROPERTY, new Record(List.copyOf(result.toldSoFar())));
        }
        if (!result.complete()) {
            throw new AnnouncementIncompleteException(issue.key() + ": could not tell " + result.failed());
        }
        return Optional.of("told " + String.join(", ", result.told()));
    }

    private IncidentNotice notice(Issue issue, JiraUser owner) {
        String url = jira.serverInfo().baseUrl() + "/browse/" + issue.key();
        return new IncidentNotice(
                issue.key(),
                Optional.ofNullable(issue.fields().summary()).orElse(""),
                url,
                issue.fields().projectKey(),
                issue.fields().priority(),
                name(issue.fields().reporter()),
                name(owner));
    }

    private static String name(JiraUser user) {
        return user == null ? null : user.displayName();
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

    /** The value of {@value #PROPERTY}: the channels told so far. */
    record Record(List<String> channels) {}

    /** Some channel could not be told; the event is retried and only that channel is tried again. */
    public static final class AnnouncementIncompleteException extends RuntimeException {
        AnnouncementIncompleteException(String message) {
            super(message);
        }
    }
}
