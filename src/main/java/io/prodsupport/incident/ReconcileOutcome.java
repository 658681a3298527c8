package io.prodsupport.incident;

import java.util.List;

/** What one reconciliation of one issue did, in words for logs, metrics and the demo. Empty when all was right. */
public record ReconcileOutcome(String issueKey, boolean incident, List<String> changes) {

    public ReconcileOutcome {
        changes = List.copyOf(changes);
    }

    static ReconcileOutcome notAnIncident(String issueKey) {
        return new ReconcileOutcome(issueKey, false, List.of());
    }

    public boolean changedSomething() {
        return !changes.isEmpty();
    }
}
