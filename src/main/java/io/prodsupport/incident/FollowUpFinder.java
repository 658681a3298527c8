package io.prodsupport.incident;

import io.prodsupport.jira.Issue;
import io.prodsupport.jira.IssueLink;
import io.prodsupport.jira.JiraClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds a follow-up that was made but not recorded (a crash between the create call and the ledger), by the origin
 * property every follow-up carries: first among the issues linked to the incident (a plain GET of the incident,
 * consistent), then among the search results for the incident's origin label (Cloud's search lags behind writes, so
 * it comes second). The search runs at most once, and each candidate's property is read at most once, per instance;
 * issues the ledger already knows are not candidates, so the common case costs one search and no property reads.
 */
final class FollowUpFinder {

    private final JiraClient jira;
    private final String project;
    private final Issue incident;
    private final Set<String> known;
    private final Map<String, Optional<FollowUpOrigin>> origins = new HashMap<>();
    private List<String> searched;

    /**
     * @param project where the issues it looks for are made: {@code followUps.project}, or {@code postmortem.project}
     * @param known   issue keys the ledger already maps to actions
     */
    FollowUpFinder(JiraClient jira, String project, Issue incident, Set<String> known) {
        this.jira = jira;
        this.project = project;
        this.incident = incident;
        this.known = Set.copyOf(known);
    }

    /**
     * The key of the follow-up already made for this action of the incident, if any, from the incident as this
     * attempt first read it and one search per attempt: enough for an action nobody else has claimed since (a
     * follow-up made before the ledger knew of it, e.g. by another store).
     */
    Optional<String> find(String actionId) {
        Optional<String> linked = firstMatching(linkedCandidates(incident), actionId);
        return linked.isPresent() ? linked : firstMatching(searchCandidates(), actionId);
    }

    /**
     * As {@link #find}, but from Jira as it is now: for an action another attempt worked on, which may have created
     * or linked its follow-up after this attempt read the incident and searched.
     */
    Optional<String> findAfresh(String actionId) {
        Issue now = jira.getIssue(incident.key(), List.of("issuelinks"));
        Optional<String> linked = firstMatching(linkedCandidates(now), actionId);
        if (linked.isPresent()) {
            return linked;
        }
        searched = null;
        return firstMatching(searchCandidates(), actionId);
    }

    private Optional<String> firstMatching(List<String> candidates, String actionId) {
        for (String key : candidates) {
            if (!known.contains(key)
                    && origin(key)
                            .filter(o -> o.isFor(incident.key(), actionId))
                            .isPresent()) {
                return Optional.of(key);
            }
        }
        return Optional.empty();
    }

    private Optional<FollowUpOrigin> origin(String key) {
        return origins.computeIfAbsent(
                key,
                k -> jira.issueProperty(k, FollowUpOrigin.PROPERTY, FollowUpOrigin.class)
                        .filter(FollowUpOrigin::complete));
    }

    private List<String> linkedCandidates(Issue issue) {
        Set<String> keys = new LinkedHashSet<>();
        for (IssueLink link : issue.fields().issueLinks()) {
            String other = link.inwardKey().equals(incident.key()) ? link.outwardKey() : link.inwardKey();
            if (other.startsWith(project.toUpperCase(Locale.ROOT) + "-")) {
                keys.add(other);
            }
        }
        return new ArrayList<>(keys);
    }

    private List<String> searchCandidates() {
        if (searched == null) {
            searched = jira.search(jql(), List.of("summary")).map(Issue::key).toList();
        }
        return searched;
    }

    /** Follow-ups of this incident, by their origin label; the origin property of each is then checked. */
    String jql() {
        return "project = " + quote(project) + " AND labels = " + quote(FollowUpSettings.originLabel(incident.key()));
    }

    private static String quote(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
