package io.prodsupport.incident;

import io.prodsupport.jira.Flavour;
import io.prodsupport.jira.Issue;
import io.prodsupport.jira.IssueEdit;
import io.prodsupport.jira.JiraClient;
import io.prodsupport.jira.JiraException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Brings one incident to the desired state of DESIGN.md §1: the fix version, the section template around the
 * reporter's words and, for a new ticket, the watchers, the on-duty person and an owner. Level-triggered: it reads the
 * issue and does only what is missing, so running it twice changes nothing the second time, and the webhook that told
 * us about the issue is only a hint.
 *
 * <p>Planning (reads only) is split from applying (writes) so that the backfill runs the same code over old tickets,
 * and its dry run can show the plan without applying it.
 */
public final class IncidentReconciler {

    static final List<String> FIELDS =
            List.of("summary", "project", "issuetype", "labels", "status", "fixVersions", "assignee", "description");

    private final JiraClient jira;
    private final IncidentScope scope;
    private final FixVersions fixVersions;
    private final List<String> watchers;
    private final OnCallRotation rotation;
    private final Clock clock;

    public IncidentReconciler(
            JiraClient jira,
            IncidentScope scope,
            FixVersions fixVersions,
            List<String> watchers,
            OnCallRotation rotation,
            Clock clock) {
        this.jira = jira;
        this.scope = scope;
        this.fixVersions = fixVersions;
        this.watchers = List.copyOf(watchers);
        this.rotation = rotation;
        this.clock = clock;
    }

    /** The fields {@link #plan} reads; a search that feeds it must ask for these. */
    public static List<String> fields() {
        return FIELDS;
    }

    /** The webhook path: read the issue, plan as for a new incident, apply with notifications on. */
    public ReconcileOutcome reconcile(String issueKey) {
        return apply(plan(jira.getIssue(issueKey, FIELDS), ReconcileMode.NEW_INCIDENT), true);
    }

    /**
     * What {@code issue} lacks, from the fields it was read with ({@link #fields()}). Writes nothing; in
     * {@link ReconcileMode#NEW_INCIDENT} it reads the issue's watchers.
     */
    public IncidentPlan plan(Issue issue, ReconcileMode mode) {
        if (!scope.covers(issue)) {
            return IncidentPlan.notAnIncident(issue);
        }
        Optional<String> onDuty = mode.staffsTheTicket() ? rotation.onDuty(clock.instant()) : Optional.empty();
        Optional<String> mention = onDuty.map(p -> mention(p, jira.flavour()));
        Optional<String> fixVersion =
                issue.fields().fixVersions().stream().anyMatch(v -> v.equalsIgnoreCase(fixVersions.name()))
                        ? Optional.empty()
                        : Optional.of(fixVersions.name());
        Optional<String> assignTo = issue.fields().assignee() == null ? onDuty : Optional.empty();
        String text = issue.fields().description();
        Optional<String> description = IncidentDescription.parse(text).isTemplated()
                ? Optional.empty()
                : Optional.of(SectionTemplate.wrap(text, mention.orElse(null)));
        List<String> missingWatchers = mode.staffsTheTicket() ? missingWatchers(issue.key(), onDuty) : List.of();
        return new IncidentPlan(issue, true, fixVersion, assignTo, description, mention, missingWatchers);
    }

    /** Makes the edits {@code plan} lists, as one issue edit plus one call per watcher. */
    public ReconcileOutcome apply(IncidentPlan plan, boolean notifyUsers) {
        if (!plan.incident()) {
            return ReconcileOutcome.notAnIncident(plan.key());
        }
        String key = plan.key();
        String projectKey = plan.issue().fields().projectKey();
        List<String> changes = new ArrayList<>();
        IssueEdit edit = new IssueEdit();
        if (plan.fixVersion().isPresent()) {
            if (fixVersions.ensure(projectKey)) {
                changes.add("created version \"" + fixVersions.name() + "\" in " + projectKey);
            }
            edit.addFixVersion(fixVersions.name());
            changes.add("fix version \"" + fixVersions.name() + "\"");
        }
        plan.assignTo().ifPresent(person -> {
            edit.setAssignee(person, jira.flavour());
            changes.add("assigned to " + person);
        });
        if (plan.description().isPresent()) {
            // a person may have typed since the first read; write the template only around what is there now
            String latest = jira.getIssue(key, List.of("description")).fields().description();
            if (!IncidentDescription.parse(latest).isTemplated()) {
                edit.setDescription(SectionTemplate.wrap(latest, plan.mention().orElse(null)));
                changes.add("description wrapped in the section template");
            }
        }
        if (!edit.isEmpty()) {
            editIssue(key, projectKey, edit, notifyUsers);
        }
        for (String person : plan.watchers()) {
            jira.addWatcher(key, person);
            changes.add("watcher " + person);
        }
        return new ReconcileOutcome(key, true, plan.issue().fields().isDone(), changes);
    }

    private void editIssue(String key, String projectKey, IssueEdit edit, boolean notifyUsers) {
        try {
            jira.editIssue(key, edit, notifyUsers);
        } catch (JiraException e) {
            if (e.status() == 400 && e.errors().containsKey("fixVersions")) {
                fixVersions.forget(projectKey); // deleted since we cached it; the retry will create it again
            }
            throw e;
        }
    }

    private List<String> missingWatchers(String key, Optional<String> onDuty) {
        Set<String> wanted = new LinkedHashSet<>(watchers);
        onDuty.ifPresent(wanted::add);
        if (wanted.isEmpty()) {
            return List.of();
        }
        wanted.removeAll(jira.watchers(key));
        return List.copyOf(wanted);
    }

    /** How wiki markup mentions a person: by accountId on Cloud, by username on Data Center. */
    static String mention(String userRef, Flavour flavour) {
        return flavour == Flavour.CLOUD ? "[~accountid:" + userRef + "]" : "[~" + userRef + "]";
    }
}
