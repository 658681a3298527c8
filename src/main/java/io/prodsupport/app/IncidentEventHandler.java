package io.prodsupport.app;

import io.prodsupport.config.IncidentModes;
import io.prodsupport.explain.Activity;
import io.prodsupport.explain.ActivityLog;
import io.prodsupport.inbox.EventHandler;
import io.prodsupport.inbox.InboxWorker;
import io.prodsupport.inbox.StoreUnavailableException;
import io.prodsupport.inbox.StoredEvent;
import io.prodsupport.incident.IncidentSignal;
import io.prodsupport.incident.IncidentWorkflow;
import io.prodsupport.incident.WorkflowOutcome;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The worker's handler: turns a stored event (a Jira webhook, or the sweep's note that an incident changed) into the
 * domain's {@link IncidentSignal} ({@link Signals}), hands it to the {@link IncidentWorkflow} of the incident's mode
 * (the enforcing one, or in observe mode the one that writes nothing to Jira), and records the outcome in the
 * {@link ActivityLog} for {@code prodsupport explain}.
 *
 * <p>Exceptions propagate, so the worker retries with back-off and parks the event as a dead letter after its last
 * attempt.
 */
final class IncidentEventHandler implements EventHandler {

    private static final Logger log = LoggerFactory.getLogger(IncidentEventHandler.class);

    private final Signals signals;
    private final IncidentWorkflow enforcing;
    private final IncidentWorkflow observing;
    private final IncidentModes modes;
    private final ActivityLog activity;
    private final PeopleNames names;
    private final Clock clock;
    /** What was last said an observed incident would get, so the same "would" is not repeated at every event. */
    private final Map<String, List<String>> lastObserved = new ConcurrentHashMap<>();

    /**
     * @param observing the workflow for incidents in observe mode (over a Jira that takes no writes, channels that send
     *                  nothing and a ledger that is not the store's); the enforcing one when no project observes
     */
    IncidentEventHandler(
            Signals signals,
            IncidentWorkflow enforcing,
            IncidentWorkflow observing,
            IncidentModes modes,
            ActivityLog activity,
            PeopleNames names,
            Clock clock) {
        this.names = names;
        this.signals = signals;
        this.enforcing = enforcing;
        this.observing = observing;
        this.modes = modes;
        this.activity = activity;
        this.clock = clock;
    }

    @Override
    public void handle(StoredEvent stored) {
        Optional<IncidentSignal> signal = signals.of(stored);
        if (signal.isEmpty()) {
            return;
        }
        String issue = signal.get().issue();
        // the key itself for the log lines, where the event named the issue only by id (the worker set that)
        MDC.put(InboxWorker.ISSUE_MDC_KEY, issue);
        boolean observed = observed(issue);
        WorkflowOutcome outcome;
        try {
            outcome = (observed ? observing : enforcing).handle(signal.get());
        } catch (RuntimeException e) {
            record(stored, issue, Activity.Mode.FAILED, List.of(String.valueOf(e.getMessage())));
            throw e;
        }
        if (!outcome.incident() && outcome.did().isEmpty()) {
            return; // not an incident: nothing to explain later
        }
        List<String> did = names.named(outcome.did());
        if (observed) {
            if (!did.isEmpty() && !did.equals(lastObserved.put(outcome.issueKey(), did))) {
                log.info("{} would (observe mode): {}", outcome.issueKey(), String.join("; ", did));
                record(stored, outcome.issueKey(), Activity.Mode.OBSERVED, did);
            }
            return;
        }
        if (outcome.issueKey() != null) {
            MDC.put(InboxWorker.ISSUE_MDC_KEY, outcome.issueKey());
        }
        if (!did.isEmpty()) {
            // the line starts with the issue's key (the MDC), so the message does not repeat it
            log.info("{} ({})", String.join("; ", did), stored.deliveryId());
        }
        record(stored, outcome.issueKey(), Activity.Mode.ENFORCED, did);
    }

    /**
     * An event names its issue by key (webhooks, the sweep); by id only when Jira left the key out. An id says nothing
     * of the project: then it is observed whenever any project is, since a write that should not happen cannot be
     * taken back.
     */
    private boolean observed(String issue) {
        int dash = issue.lastIndexOf('-');
        if (dash <= 0) {
            return modes.observeAll() || modes.observedByProject().containsValue(true);
        }
        return modes.observes(issue.substring(0, dash).toUpperCase(Locale.ROOT));
    }

    private void record(StoredEvent stored, String issue, Activity.Mode mode, List<String> did) {
        try {
            activity.record(
                    new Activity(issue, clock.instant(), stored.deliveryId(), stored.webhookEvent(), mode, did));
        } catch (StoreUnavailableException e) {
            // the record is for people reading later; the incident's work is done either way
            log.warn("{}: what was done is not recorded for `explain`: {}", issue, e.getMessage());
        }
    }
}
