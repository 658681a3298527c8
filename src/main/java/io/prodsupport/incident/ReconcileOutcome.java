package io.prodsupport.incident;

import java.util.List;

/**
 * What one reconciliation of one issue did, in words for logs, metrics and the demo. Empty when all was right.
 *
 * @param done whether the incident was in a done status when it was read (follow-ups are only for resolved ones)
 */
public record ReconcileOutcome(String issueKey, boolean incident, boolean done, List<String> changes) {

    public ReconcileOutcome {
        changes = List.copyOf(changes);
    }

    static ReconcileOutcome notAnIncident(String issueKey) {
        return new ReconcileOutcome(issueKey, false, false, List.of());
    }

    public boolean changedSomething() {
        return !changes.isEmpty();
    }
}
