package io.prodsupport.app;

import io.prodsupport.inbox.EventHandler;
import io.prodsupport.inbox.StoredEvent;
import io.prodsupport.incident.CloseGate;
import io.prodsupport.incident.ClosingEvent;
import io.prodsupport.incident.FollowUps;
import io.prodsupport.incident.IncidentAnnouncement;
import io.prodsupport.incident.IncidentReconciler;
import io.prodsupport.incident.ReconcileOutcome;
import io.prodsupport.jira.JiraException;
import io.prodsupport.sweep.Sweep;
import io.prodsupport.webhook.JiraEvent;
import io.prodsupport.webhook.JiraEventParser;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the worker does with one stored webhook event: treat it as a hint about which issue to look at, reconcile
 * that issue, tell the channels about a new one, run the close gate when the event reports a move into a done
 * status, and make the follow-ups of a resolved incident. Exceptions propagate, so
 * the worker retries with back-off and parks the event as a dead letter after its last attempt.
 */
final class IncidentEventHandler implements EventHandler {

    private static final Logger log = LoggerFactory.getLogger(IncidentEventHandler.class);

    private final JiraEventParser parser;
    private final IncidentReconciler reconciler;
    private final CloseGate gate;
    private final FollowUps followUps;
    private final IncidentAnnouncement announcement;

    IncidentEventHandler(
            JiraEventParser parser,
            IncidentReconciler reconciler,
            CloseGate gate,
            FollowUps followUps,
            IncidentAnnouncement announcement) {
        this.parser = parser;
        this.reconciler = reconciler;
        this.gate = gate;
        this.followUps = followUps;
        this.announcement = announcement;
    }

    @Override
    public void handle(StoredEvent stored) {
        JiraEvent event = parser.parse(stored.body());
        Optional<String> issue = event.issueKey().or(event::issueId);
        if (issue.isEmpty() || "jira:issue_deleted".equals(event.webhookEvent())) {
            return;
        }
        ReconcileOutcome outcome;
        try {
            outcome = reconciler.reconcile(issue.get());
        } catch (JiraException e) {
            if (e.status() == 404) {
                log.info("{} {}: the issue is gone, nothing to do", stored.deliveryId(), issue.get());
                return;
            }
            throw e;
        }
        if (outcome.changedSomething()) {
            log.info("{} {}: {}", stored.deliveryId(), outcome.issueKey(), String.join(", ", outcome.changes()));
        }
        // after the reconciliation, so the announcement names the on-duty owner it just assigned
        if (outcome.incident() && (event.isIssueCreated() || Sweep.EVENT.equals(event.webhookEvent()))) {
            announcement
                    .announce(outcome.issueKey())
                    .ifPresent(did -> log.info("{} {}: {}", stored.deliveryId(), outcome.issueKey(), did));
        }
        boolean bounced = false;
        if (outcome.incident() && event.movedToDone()) {
            JiraEvent.Change status = event.change("status").orElseThrow();
            ClosingEvent close = new ClosingEvent(
                    outcome.issueKey(),
                    event.changelogId().orElse(stored.deliveryId()),
                    status.fromText(),
                    event.causedBy().map(JiraEvent.EventUser::ref).orElse(""));
            Optional<String> did = gate.check(close);
            did.ifPresent(d -> log.info("{} {}: close gate {}", stored.deliveryId(), outcome.issueKey(), d));
            bounced = did.isPresent();
        }
        // every event of a resolved incident: its prevention actions may have been added or edited since
        if (outcome.done() && !bounced) {
            followUps
                    .reconcile(outcome.issueKey())
                    .ifPresent(did -> log.info("{} {}: follow-ups: {}", stored.deliveryId(), outcome.issueKey(), did));
        }
    }
}
