package io.prodsupport.incident;

import io.prodsupport.jira.Issue;
import java.util.List;

/**
 * What one reconciliation of one issue did, in words for logs, metrics and the demo. Empty when all was right.
 *
 * @param after the issue as Jira holds it after these changes (its description and properties), so the rules that
 *              run next need not read it again
 */
public record ReconcileOutcome(String issueKey, boolean incident, List<String> changes, Issue after) {

    public ReconcileOutcome {
        changes = List.copyOf(changes);
    }

    static ReconcileOutcome notAnIncident(Issue issue) {
        return new ReconcileOutcome(issue.key(), false, List.of(), issue);
    }

    public boolean changedSomething() {
        return !changes.isEmpty();
    }
}
