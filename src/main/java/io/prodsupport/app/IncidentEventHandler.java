package io.prodsupport.app;

import io.prodsupport.inbox.EventHandler;
import io.prodsupport.inbox.InboxWorker;
import io.prodsupport.inbox.StoredEvent;
import io.prodsupport.incident.IncidentSignal;
import io.prodsupport.incident.IncidentWorkflow;
import io.prodsupport.incident.WorkflowOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The worker's handler: turns a stored event (a Jira webhook, or the sweep's note that an incident changed) into the
 * domain's {@link IncidentSignal} ({@link Signals}) and hands it to the {@link IncidentWorkflow}, which decides what it
 * means.
 * Exceptions propagate, so the worker retries with back-off and parks the event as a dead letter after its last
 * attempt.
 */
final class IncidentEventHandler implements EventHandler {

    private static final Logger log = LoggerFactory.getLogger(IncidentEventHandler.class);

    private final Signals signals;
    private final IncidentWorkflow workflow;

    IncidentEventHandler(Signals signals, IncidentWorkflow workflow) {
        this.signals = signals;
        this.workflow = workflow;
    }

    @Override
    public void handle(StoredEvent stored) {
        signals.of(stored).ifPresent(signal -> {
            WorkflowOutcome outcome = workflow.handle(signal);
            // the key itself, where the event named the issue only by id (the worker set the ordering key)
            if (outcome.issueKey() != null) {
                MDC.put(InboxWorker.ISSUE_MDC_KEY, outcome.issueKey());
            }
            if (!outcome.did().isEmpty()) {
                log.info("{}: {}", stored.deliveryId(), String.join("; ", outcome.did()));
            }
        });
    }
}
