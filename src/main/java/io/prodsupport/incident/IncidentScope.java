package io.prodsupport.incident;

import io.prodsupport.jira.Issue;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which issues are production-support incidents: those in the configured projects, narrowed by issue types and a
 * label when set. Project keys and type names compare case-insensitively, as Jira does; labels exactly.
 */
public record IncidentScope(List<String> projects, List<String> issueTypes, Optional<String> label) {

    public IncidentScope {
        projects = List.copyOf(projects);
        issueTypes = List.copyOf(issueTypes);
    }

    public boolean covers(Issue issue) {
        String project = issue.fields().projectKey();
        String type = issue.fields().issueType();
        return project != null
                && upper(projects).contains(project.toUpperCase(Locale.ROOT))
                && (issueTypes.isEmpty() || type != null && upper(issueTypes).contains(type.toUpperCase(Locale.ROOT)))
                && label.map(l -> issue.fields().labels().contains(l)).orElse(true);
    }

    /** The JQL that finds every incident, for the backfill and the sweep. */
    public String jql() {
        StringBuilder jql =
                new StringBuilder("project in (").append(quoted(projects)).append(')');
        if (!issueTypes.isEmpty()) {
            jql.append(" AND issuetype in (").append(quoted(issueTypes)).append(')');
        }
        label.ifPresent(l -> jql.append(" AND labels = ").append(quote(l)));
        return jql.toString();
    }

    private static Set<String> upper(List<String> values) {
        return values.stream().map(v -> v.toUpperCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    private static String quoted(List<String> values) {
        return values.stream().map(IncidentScope::quote).collect(Collectors.joining(", "));
    }

    private static String quote(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
