package io.prodsupport.incident;

import io.prodsupport.jira.Issue;
import io.prodsupport.jira.JiraClient;
import io.prodsupport.jira.JiraException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What an event means for an incident, in the order of its life (DESIGN.md §1). Every signal — a webhook, the sweep,
 * the backfill — comes through here:
 *
 * <ol>
 *   <li>read the issue once, with every field and property the rules below look at;</li>
 *   <li>shape it: fix version and section template; and when it is new and was never staffed, its owner and
 *       watchers ({@link Staffing}, once per incident);</li>
 *   <li>when it is new, tell the channels ({@link IncidentAnnouncement}, once per channel);</li>
 *   <li>copy the "why" questions of its comments into Whys ({@link WhysFromComments}, once per question);</li>
 *   <li>when the signal is a close, run the close gate ({@link CloseGate});</li>
 *   <li>when it is resolved (and stays so), make the follow-ups of its prevention actions ({@link FollowUps}), and its
 *       post-mortem task when its priority calls for one ({@link PostMortems}; never from the backfill);</li>
 *   <li>tell the channels what changed since they were last told ({@link IncidentProgress}, folded).</li>
 * </ol>
 *
 * Each rule gets the issue as the rules before it left it (their writes applied to the one read), so an event about an
 * open incident that is already in shape costs that one read and nothing else. A new rule that reacts to events goes
 * here, between the others, with its fields and properties added to the read.
 */
public final class IncidentWorkflow {

    static final List<String> FIELDS = union(
            IncidentReconciler.FIELDS,
            CloseGate.FIELDS,
            FollowUps.FIELDS,
            PostMortems.FIELDS,
            IncidentAnnouncement.FIELDS,
            IncidentProgress.FIELDS,
            List.of("created", "resolution"));
    static final List<String> PROPERTIES = List.of(
            Staffing.PROPERTY,
            CloseGate.PROPERTY,
            IncidentAnnouncement.PROPERTY,
            WhysFromComments.PROPERTY,
            IncidentProgress.PROPERTY,
            Reminders.NUDGED,
            Reminders.REMINDED);

    private final JiraClient jira;
    private final IncidentReconciler reconciler;
    private final CloseGate gate;
    private final FollowUps followUps;
    private final PostMortems postMortems;
    private final IncidentAnnouncement announcement;
    private final WhysFromComments whys;
    private final IncidentProgress progress;
    private final Clock clock;

    public IncidentWorkflow(
            JiraClient jira,
            IncidentReconciler reconciler,
            CloseGate gate,
            FollowUps followUps,
            PostMortems postMortems,
            IncidentAnnouncement announcement,
            WhysFromComments whys,
            IncidentProgress progress,
            Clock clock) {
        this.jira = jira;
        this.reconciler = reconciler;
        this.gate = gate;
        this.followUps = followUps;
        this.postMortems = postMortems;
        this.announcement = announcement;
        this.whys = whys;
        this.progress = progress;
        this.clock = clock;
    }

    /** The fields one read must ask for; a search that feeds {@link #handle(IncidentSignal, Issue, boolean)} too. */
    public static List<String> fields() {
        return FIELDS;
    }

    /** The issue properties one read must ask for. */
    public static List<String> properties() {
        return PROPERTIES;
    }

    /**
     * Handles a signal from a webhook or the sweep: reads the issue (one call), then does what is missing, telling
     * Jira's users about its edits as a person's edit would.
     *
     * @throws JiraException when Jira refuses or fails; the caller retries the signal later (every rule is
     *                       level-triggered, so a retry redoes only what is missing)
     */
    public WorkflowOutcome handle(IncidentSignal signal) {
        Issue issue;
        try {
            issue = jira.getIssue(signal.issue(), FIELDS, PROPERTIES);
        } catch (JiraException e) {
            if (e.status() == 404) {
                return WorkflowOutcome.gone(signal.issue());
            }
            throw e;
        }
        return handle(signal, issue, true);
    }

    /**
     * Handles a signal about an issue the caller has just read with {@link #fields()} and {@link #properties()} (the
     * backfill's search).
     *
     * @param notifyUsers whether Jira e-mails people about the edits ({@code false} needs project admin rights)
     */
    public WorkflowOutcome handle(IncidentSignal signal, Issue issue, boolean notifyUsers) {
        boolean isNew = isNew(signal, issue);
        IncidentPlan plan = plan(issue, isNew);
        if (!plan.incident()) {
            return WorkflowOutcome.notAnIncident(issue.key());
        }
        ReconcileOutcome shaped = reconciler.apply(plan, notifyUsers);
        List<String> did = new ArrayList<>(shaped.changes());
        Issue now = shaped.after();
        if (isNew && announces(signal)) {
            announcement.announce(now, plan.assignTo().isPresent()).ifPresent(did::add);
        }
        // the backfill does not rewrite old tickets' descriptions beyond the template
        if (signal.kind() != IncidentSignal.Kind.BACKFILLED) {
            WhysFromComments.Result copied = whys.apply(now, notifyUsers);
            now = copied.issue();
            copied.did().ifPresent(did::add);
        }
        Optional<String> bounced = Optional.empty();
        if (signal.kind() == IncidentSignal.Kind.CLOSED) {
            bounced = gate.check(now, closing(signal, issue.key()));
            bounced.ifPresent(d -> did.add("close gate " + d));
        }
        // every event of a resolved incident: its prevention actions may have been added or edited since
        if (now.fields().isDone() && bounced.isEmpty()) {
            followUps.reconcile(now).ifPresent(d -> did.add("follow-ups: " + d));
            // the backfill brings old tickets up to standard; it does not open reviews of past incidents
            if (signal.kind() != IncidentSignal.Kind.BACKFILLED) {
                postMortems.reconcile(now).ifPresent(d -> did.add("post-mortem: " + d));
            }
        }
        // a bounced close is moved back by prodsupport itself: the issue as read is not what Jira now holds; and a
        // close the gate refuses (an earlier event may read it before the close's own event comes) is not told either
        if (announces(signal) && bounced.isEmpty() && !gate.refuses(now)) {
            progress.report(now, isNew && plan.assignTo().isPresent()).ifPresent(did::add);
        }
        return new WorkflowOutcome(issue.key(), true, now.fields().isDone() && bounced.isEmpty(), did);
    }

    /**
     * What the rules have recorded on the incident (its {@code prodsupport.*} properties), one line each, for
     * {@code explain}: the incident as read with {@link #fields()} and {@link #properties()}.
     */
    public static List<String> recorded(Issue issue) {
        return Stream.of(
                        Staffing.describe(issue),
                        IncidentAnnouncement.describe(issue),
                        WhysFromComments.describe(issue),
                        IncidentProgress.describe(issue),
                        Reminders.describe(issue),
                        CloseGate.describe(issue))
                .flatMap(Optional::stream)
                .toList();
    }

    /** What the signal would change in the issue's shape and staffing, without a call (the backfill's dry run). */
    public IncidentPlan preview(IncidentSignal signal, Issue issue) {
        return plan(issue, isNew(signal, issue));
    }

    /** Staffed now when new and never staffed before. */
    private IncidentPlan plan(Issue issue, boolean isNew) {
        return reconciler.plan(issue, isNew && !Staffing.done(issue));
    }

    /**
     * New: its creation, or an incident created within {@link NewIncidents#WINDOW} that the sweep or the backfill meets
     * (its creation's webhook may have been lost). Comments, edits and closes never make an incident new.
     */
    private boolean isNew(IncidentSignal signal, Issue issue) {
        return switch (signal.kind()) {
            case CREATED -> true;
            case SWEPT, BACKFILLED -> NewIncidents.isRecent(issue, clock.instant());
            case UPDATED, CLOSED, COMMENTED -> false;
        };
    }

    /** The backfill works quietly: it never announces, even a recent incident, nor tells of changes. */
    private static boolean announces(IncidentSignal signal) {
        return signal.kind() != IncidentSignal.Kind.BACKFILLED;
    }

    private static ClosingEvent closing(IncidentSignal signal, String key) {
        return new ClosingEvent(
                key,
                signal.changelogId().orElse(signal.source()),
                signal.fromStatus().orElse(""),
                signal.actor().orElse(""));
    }

    @SafeVarargs
    private static List<String> union(List<String>... lists) {
        Set<String> all = new LinkedHashSet<>();
        Stream.of(lists).forEach(all::addAll);
        return List.copyOf(all);
    }
}
