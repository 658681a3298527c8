package io.prodsupport.incident;

import io.prodsupport.jira.Flavour;
import io.prodsupport.jira.Issue;
import io.prodsupport.jira.IssueEdit;
import io.prodsupport.jira.JiraClient;
import io.prodsupport.jira.JiraException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Brings one incident to the shape of DESIGN.md §1: the fix version, the section template around the reporter's words
 * and, when the {@link IncidentWorkflow} says the incident is being staffed now, its owner and watchers ({@link
 * Staffing}). Level-triggered: it plans from the issue as read and does only what is missing, so running it twice
 * changes nothing the second time.
 *
 * <p>Planning (no calls) is split from applying (writes) so that the backfill's dry run can show the plan without
 * applying it.
 */
public final class IncidentReconciler {

    static final List<String> FIELDS =
            List.of("summary", "project", "issuetype", "labels", "status", "fixVersions", "assignee", "description");

    private final JiraClient jira;
    private final IncidentScope scope;
    private final FixVersions fixVersions;
    private final Staffing staffing;

    public IncidentReconciler(JiraClient jira, IncidentScope scope, FixVersions fixVersions, Staffing staffing) {
        this.jira = jira;
        this.scope = scope;
        this.fixVersions = fixVersions;
        this.staffing = staffing;
    }

    /** The fields {@link #plan} reads; a search that feeds it must ask for these. */
    public static List<String> fields() {
        return FIELDS;
    }

    /**
     * What {@code issue} lacks, from the fields it was read with ({@link #fields()}). Makes no call.
     *
     * @param staffNow whether the incident is being staffed now: new, and not staffed before
     */
    public IncidentPlan plan(Issue issue, boolean staffNow) {
        if (!scope.covers(issue)) {
            return IncidentPlan.notAnIncident(issue);
        }
        // with nobody on duty and no watchers configured there is nobody to staff it with, and nothing to record
        Optional<Staffing.Crew> crew =
                staffNow ? Optional.of(staffing.crew()).filter(c -> !c.isEmpty()) : Optional.empty();
        Optional<String> onDuty = crew.flatMap(Staffing.Crew::onDuty);
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
        return new IncidentPlan(
                issue,
                true,
                fixVersion,
                assignTo,
                description,
                mention,
                crew.map(Staffing.Crew::watchers).orElse(List.of()),
                crew.map(Staffing.Crew::record));
    }

    /**
     * Makes the edits {@code plan} lists: one call per watcher, then one issue edit for the fix version, the owner, the
     * template and the staffing record together. The watchers come first so that the record, written with the edit,
     * is only there once they were added: a crash in between adds them again (harmless: watching twice is watching
     * once) rather than never.
     */
    public ReconcileOutcome apply(IncidentPlan plan, boolean notifyUsers) {
        if (!plan.incident()) {
            return ReconcileOutcome.notAnIncident(plan.issue());
        }
        String key = plan.key();
        Issue after = plan.issue();
        String projectKey = plan.issue().fields().projectKey();
        List<String> changes = new ArrayList<>();
        for (String person : plan.watchers()) {
            jira.addWatcher(key, person);
            changes.add("watcher " + person);
        }
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
            if (IncidentDescription.parse(latest).isTemplated()) {
                after = after.withDescription(latest);
            } else {
                String wrapped = SectionTemplate.wrap(latest, plan.mention().orElse(null));
                edit.setDescription(wrapped);
                after = after.withDescription(wrapped);
                changes.add("description wrapped in the section template");
            }
        }
        if (plan.staffed().isPresent()) {
            after = after.withProperty(Staffing.PROPERTY, plan.staffed().get());
        }
        if (edit.changesFields()) {
            plan.staffed().ifPresent(record -> edit.setProperty(Staffing.PROPERTY, record));
            editIssue(key, projectKey, edit, notifyUsers);
        } else if (plan.staffed().isPresent()) {
            jira.setIssueProperty(key, Staffing.PROPERTY, plan.staffed().get());
        }
        return new ReconcileOutcome(key, true, plan.issue().fields().isDone(), changes, after);
    }

    private void editIssue(String key, String projectKey, IssueEdit edit, boolean notifyUsers) {
        try {
            jira.editIssue(key, edit, notifyUsers);
        } catch (JiraException e) {
            if (e.refusedField("fixVersions")) {
                fixVersions.forget(projectKey); // deleted since we cached it; the retry will create it again
            }
            throw e;
        }
    }

    /** How wiki markup mentions a person: by accountId on Cloud, by username on Data Center. */
    static String mention(String userRef, Flavour flavour) {
        return flavour == Flavour.CLOUD ? "[~accountid:" + userRef + "]" : "[~" + userRef + "]";
    }
}
