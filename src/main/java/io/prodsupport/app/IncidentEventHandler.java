package io.prodsupport.app;

import io.prodsupport.inbox.EventHandler;
import io.prodsupport.inbox.StoredEvent;
import io.prodsupport.incident.IncidentSignal;
import io.prodsupport.incident.IncidentWorkflow;
import io.prodsupport.incident.WorkflowOutcome;
import io.prodsupport.sweep.Sweep;
import io.prodsupport.webhook.JiraEvent;
import io.prodsupport.webhook.JiraEventParser;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's handler: turns a stored event (a Jira webhook, or the sweep's note that an incident changed) into the
 * domain's {@link IncidentSignal} and hands it to the {@link IncidentWorkflow}, which decides what it means.
 * Exceptions propagate, so the worker retries with back-off and parks the event as a dead letter after its last
 * attempt.
 */
final class IncidentEventHandler implements EventHandler {

    private static final Logger log = LoggerFactory.getLogger(IncidentEventHandler.class);

    private final JiraEventParser parser;
    private final IncidentWorkflow workflow;

    IncidentEventHandler(JiraEventParser parser, IncidentWorkflow workflow) {
        this.parser = parser;
        this.workflow = workflow;
    }

    @Override
    public void handle(StoredEvent stored) {
        signal(stored).ifPresent(signal -> {
            WorkflowOutcome outcome = workflow.handle(signal);
            if (!outcome.did().isEmpty()) {
                log.info("{} {}: {}", stored.deliveryId(), outcome.issueKey(), String.join("; ", outcome.did()));
            }
        });
    }

    /** What the stored event says happened; empty for events about no issue, or about a deleted one. */
    Optional<IncidentSignal> signal(StoredEvent stored) {
        if (Sweep.EVENT.equals(stored.webhookEvent())) {
            return Optional.of(IncidentSignal.swept(stored.orderingKey(), stored.deliveryId()));
        }
        JiraEvent event = parser.parse(stored.body());
        Optional<String> issue = event.issueKey().or(event::issueId);
        if (issue.isEmpty() || event.isIssueDeleted()) {
            return Optional.empty();
        }
        String key = issue.get();
        String source = stored.deliveryId();
        Optional<String> actor = event.causedBy().map(JiraEvent.EventUser::ref);
        if (event.isIssueCreated()) {
            return Optional.of(IncidentSignal.created(key, source, actor));
        }
        if (event.movedToDone()) {
            JiraEvent.Change status = event.change("status").orElseThrow();
            return Optional.of(
                    IncidentSignal.closed(key, source, event.changelogId().orElse(source), status.fromText(), actor));
        }
        if (event.isCommentCreated()) {
            return Optional.of(IncidentSignal.commented(
                    key, source, actor, event.commentBody().orElse("")));
        }
        return Optional.of(IncidentSignal.updated(key, source, actor));
    }
}
