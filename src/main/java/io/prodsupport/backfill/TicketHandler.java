package io.prodsupport.backfill;

import io.prodsupport.backfill.TicketResult.Outcome;
import io.prodsupport.incident.FollowUpsBusyException;
import io.prodsupport.incident.IncidentDescription;
import io.prodsupport.incident.IncidentPlan;
import io.prodsupport.incident.IncidentSignal;
import io.prodsupport.incident.IncidentWorkflow;
import io.prodsupport.incident.Section;
import io.prodsupport.jira.Issue;
import io.prodsupport.jira.JiraClient;
import io.prodsupport.jira.JiraException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One ticket of a backfill: a backfilled {@link IncidentSignal} through the {@link IncidentWorkflow} (or, in a dry
 * run, the workflow's preview only described), in a
 * dry run), the follow-ups of a resolved ticket, and for a closed ticket the root-cause sections it still lacks. Throttling is waited out, never reported
 * as a failure: Jira's 429 says "later", not "no".
 */
final class TicketHandler {

    /** A closed incident is reported when one of these is empty: it was closed without knowing why it happened. */
    static final List<Section> ROOT_CAUSE_SECTIONS = List.of(Section.ROOT_CAUSE, Section.FIXES_FOR_ROOT_CAUSE);

    private static final Duration MAX_PAUSE = Duration.ofSeconds(10);

    private final JiraClient jira;
    private final IncidentWorkflow workflow;
    private final ResolvedTickets resolved;
    private final BackfillSummary summary;
    private final boolean dryRun;
    private final boolean notifyUsers;

    TicketHandler(
            JiraClient jira,
            IncidentWorkflow workflow,
            ResolvedTickets resolved,
            BackfillSummary summary,
            boolean dryRun,
            boolean notifyUsers) {
        this.jira = jira;
        this.workflow = workflow;
        this.resolved = resolved;
        this.summary = summary;
        this.dryRun = dryRun;
        this.notifyUsers = notifyUsers;
    }

    /** A ticket as the search found it. */
    TicketResult handle(Issue searched) throws InterruptedException {
        return handle(searched.key(), searched);
    }

    /** A ticket known by key only (one that failed in an earlier run): read first. */
    TicketResult handle(String key) throws InterruptedException {
        return handle(key, null);
    }

    private TicketResult handle(String key, Issue searched) throws InterruptedException {
        Issue issue = searched;
        for (int attempt = 1; ; attempt++) {
            String status = issue == null || issue.fields().status() == null
                    ? "?"
                    : issue.fields().status().name();
            try {
                if (issue == null) {
                    issue = jira.getIssue(key, Backfill.searchFields(), Backfill.searchProperties());
                    status = issue.fields().status() == null
                            ? "?"
                            : issue.fields().status().name();
                }
                return once(issue, status);
            } catch (FollowUpsBusyException e) {
                // another attempt (a webhook worker) is making this incident's follow-ups: look again shortly
                Thread.sleep(Math.min(MAX_PAUSE.toMillis(), 500L * attempt));
                issue = null;
            } catch (JiraException e) {
                if (e.status() == 429) {
                    // the client's shared gate has paused every worker until Retry-After; this ticket ran out of its
                    // call's retry budget meanwhile, so it waits a little more and starts over from a fresh read
                    // (part of its plan may be applied already)
                    summary.throttledOnce();
                    Thread.sleep(Math.min(MAX_PAUSE.toMillis(), 500L * attempt));
                    issue = null;
                    continue;
                }
                if (e.status() == 404) {
                    return new TicketResult(key, status, Outcome.GONE, List.of(), List.of(), null);
                }
                return TicketResult.failed(key, status, e.getMessage());
            } catch (RuntimeException e) {
                return TicketResult.failed(key, status, e.toString());
            }
        }
    }

    private TicketResult once(Issue issue, String status) {
        IncidentSignal signal = IncidentSignal.backfilled(issue.key());
        IncidentPlan plan = workflow.preview(signal, issue);
        if (!plan.incident()) {
            return new TicketResult(issue.key(), status, Outcome.NOT_AN_INCIDENT, List.of(), List.of(), null);
        }
        List<String> missing = issue.fields().isDone() ? missingOnClose(plan) : List.of();
        String after = plan.description().orElse(issue.fields().description());
        boolean followUps = ResolvedTickets.concerns(issue, after);
        if (dryRun) {
            List<String> changes = new ArrayList<>(describe(plan));
            if (followUps) {
                resolved.wouldCreate(issue, after).forEach(action -> changes.add("follow-up \"" + action + "\""));
            }
            return new TicketResult(
                    issue.key(),
                    status,
                    changes.isEmpty() ? Outcome.UNCHANGED : Outcome.WOULD_CHANGE,
                    changes,
                    missing,
                    null);
        }
        List<String> changes = workflow.handle(signal, issue, notifyUsers).did();
        return new TicketResult(
                issue.key(), status, changes.isEmpty() ? Outcome.UNCHANGED : Outcome.CHANGED, changes, missing, null);
    }

    /** Judged on the description as it is after the backfill: a wrapped text has its root cause still "TBD". */
    private static List<String> missingOnClose(IncidentPlan plan) {
        String after = plan.description().orElse(plan.issue().fields().description());
        return IncidentDescription.parse(after).emptySections(ROOT_CAUSE_SECTIONS).stream()
                .map(Section::title)
                .toList();
    }

    /** The plan in the words the applied outcome uses, with what a reader of the dry run needs to judge it. */
    private static List<String> describe(IncidentPlan plan) {
        List<String> changes = new ArrayList<>();
        plan.fixVersion().ifPresent(v -> changes.add("fix version \"" + v + "\""));
        plan.watchers().forEach(person -> changes.add("watcher " + person));
        plan.assignTo().ifPresent(person -> changes.add("assigned to " + person));
        if (plan.description().isPresent()) {
            String original = plan.issue().fields().description();
            changes.add("description wrapped in the section template ("
                    + (original == null || original.isBlank()
                            ? "empty description"
                            : original.length() + " characters kept verbatim")
                    + ")");
        }
        return changes;
    }
}
