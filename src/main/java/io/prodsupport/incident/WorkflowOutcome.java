package io.prodsupport.incident;

import java.util.List;

/**
 * What the {@link IncidentWorkflow} did for one signal, in words for logs, reports and the demo; empty when the
 * incident was already as it should be.
 *
 * @param incident whether the issue is an incident in the configured scope (false also when it is gone)
 * @param resolved whether it is resolved after the signal (a close the gate bounced is not)
 * @param did      one entry per thing done: fields set, watchers added, channels told, gate, follow-ups
 */
public record WorkflowOutcome(String issueKey, boolean incident, boolean resolved, List<String> did) {

    public WorkflowOutcome {
        did = List.copyOf(did);
    }

    static WorkflowOutcome notAnIncident(String issueKey) {
        return new WorkflowOutcome(issueKey, false, false, List.of());
    }

    static WorkflowOutcome gone(String issueKey) {
        return new WorkflowOutcome(issueKey, false, false, List.of("the issue is gone, nothing to do"));
    }

    public boolean changedSomething() {
        return incident && !did.isEmpty();
    }
}
