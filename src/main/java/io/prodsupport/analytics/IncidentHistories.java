package io.prodsupport.analytics;

import io.prodsupport.incident.FollowUpSettings;
import io.prodsupport.incident.IncidentScope;
import io.prodsupport.jira.Issue;
import io.prodsupport.jira.IssueLink;
import io.prodsupport.jira.JiraClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a period's incidents with their whole changelogs, and their follow-ups, from Jira; then computes the
 * {@link Report}. Two searches, paged: the incidents with {@code expand=changelog} (on Cloud the changelog endpoint
 * only for an incident whose history is longer than the search embeds), and the follow-ups by label.
 *
 * <p>A follow-up is an issue in the follow-up project carrying the label {@value FollowUpSettings#LABEL} (every
 * follow-up prodsupport creates has it, whatever {@code followUps.labels} adds) that is linked to an incident of the
 * period, or carries that incident's origin label ({@code prodsupport-from-OPS-12}) should the link be gone.
 *
 * <p>JQL compares dates in the Jira user's time zone, so the searches ask for a day more on each side and the
 * period's UTC bounds are applied here.
 */
public final class IncidentHistories {

    static final List<String> INCIDENT_FIELDS = List.of("summary", "project", "status", "created", "description");
    static final List<String> FOLLOW_UP_FIELDS = List.of("status", "labels", "issuelinks", "created");

    private final JiraClient jira;
    private final IncidentScope scope;
    private final String followUpProject;
    private final Clock clock;

    public IncidentHistories(JiraClient jira, IncidentScope scope, String followUpProject, Clock clock) {
        this.jira = jira;
        this.scope = scope;
        this.followUpProject = followUpProject;
        this.clock = clock;
    }

    public Report report(Period period) {
        List<IncidentTimeline> incidents = incidents(period);
        Set<String> keys = incidents.stream().map(IncidentTimeline::key).collect(Collectors.toSet());
        List<FollowUp> followUps = keys.isEmpty() ? List.of() : followUps(period, keys);
        return Report.of(period, clock.instant(), scope.projects(), incidents, followUps);
    }

    List<IncidentTimeline> incidents(Period period) {
        String jql = scope.jql() + " AND created >= \"" + period.from().minusDays(1) + "\" AND created < \""
                + period.to().plusDays(1) + "\" ORDER BY created ASC";
        try (var found = jira.searchWithHistory(jql, INCIDENT_FIELDS)) {
            return found.map(IncidentTimeline::of)
                    .filter(i -> period.contains(i.created()))
                    .toList();
        }
    }

    List<FollowUp> followUps(Period period, Set<String> incidentKeys) {
        String jql = "project = " + quote(followUpProject) + " AND labels = " + quote(FollowUpSettings.LABEL)
                + " AND created >= \"" + period.from().minusDays(1) + "\" ORDER BY created ASC";
        List<FollowUp> out = new ArrayList<>();
        try (var found = jira.search(jql, FOLLOW_UP_FIELDS)) {
            found.forEach(issue -> {
                List<String> of = incidentsOf(issue, incidentKeys);
                if (!of.isEmpty()) {
                    out.add(new FollowUp(issue.key(), of, issue.fields().isDone()));
                }
            });
        }
        return out;
    }

    private static List<String> incidentsOf(Issue followUp, Set<String> incidentKeys) {
        Set<String> of = new java.util.TreeSet<>(RecurringCauses::byKeyNumber);
        for (IssueLink link : followUp.fields().issueLinks()) {
            for (String key : List.of(link.inwardKey(), link.outwardKey())) {
                if (!key.equals(followUp.key()) && incidentKeys.contains(key)) {
                    of.add(key);
                }
            }
        }
        for (String incident : incidentKeys) {
            if (followUp.fields().labels().contains(FollowUpSettings.originLabel(incident))) {
                of.add(incident);
            }
        }
        return List.copyOf(of);
    }

    private static String quote(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
