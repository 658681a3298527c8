package io.prodsupport.incident;

import io.prodsupport.jira.Flavour;
import io.prodsupport.jira.Issue;
import io.prodsupport.jira.IssueEdit;
import io.prodsupport.jira.JiraClient;
import io.prodsupport.jira.JiraException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
            try {
                jira.addWatcher(key, person);
                changes.add("watcher " + person);
            } catch (JiraException e) {
                // a configured person who is not a Jira user (an e-mail address instead of an accountId, say) must not
                // stop the rest of the incident's work
                changes.add("watcher " + notAUser(person, e));
            }
        }
        if (plan.fixVersion().isPresent() && fixVersions.ensure(projectKey)) {
            changes.add("created version \"" + fixVersions.name() + "\" in " + projectKey);
        }
        Optional<String> description = Optional.empty();
        if (plan.description().isPresent()) {
            // a person may have typed since the first read; write the template only around what is there now
            String latest = jira.getIssue(key, List.of("description")).fields().description();
            if (IncidentDescription.parse(latest).isTemplated()) {
                after = after.withDescription(latest);
            } else {
                description =
                        Optional.of(SectionTemplate.wrap(latest, plan.mention().orElse(null)));
                after = after.withDescription(description.get());
            }
        }
        Optional<String> owner = plan.assignTo();
        IssueEdit edit = edit(plan, owner, description);
        if (edit.changesFields()) {
            try {
                editIssue(key, projectKey, edit, notifyUsers);
            } catch (JiraException e) {
                if (owner.isEmpty() || !e.refusedField("assignee")) {
                    throw e;
                }
                changes.add(
                        "owner " + owner.get() + " not assigned: " + e.errors().get("assignee"));
                owner = Optional.empty();
                editIssue(key, projectKey, edit(plan, owner, description), notifyUsers);
            }
            plan.fixVersion().ifPresent(v -> changes.add("fix version \"" + v + "\""));
            owner.ifPresent(person -> changes.add("assigned to " + person));
            description.ifPresent(d -> changes.add("description wrapped in the section template"));
        } else if (plan.staffed().isPresent()) {
            jira.setIssueProperty(key, Staffing.PROPERTY, plan.staffed().get());
        }
        if (plan.staffed().isPresent()) {
            after = after.withProperty(Staffing.PROPERTY, plan.staffed().get());
        }
        return new ReconcileOutcome(key, true, changes, after);
    }

    /** The one edit: fix version, owner, template and the staffing record together. */
    private IssueEdit edit(IncidentPlan plan, Optional<String> owner, Optional<String> description) {
        IssueEdit edit = new IssueEdit();
        plan.fixVersion().ifPresent(edit::addFixVersion);
        owner.ifPresent(person -> edit.setAssignee(person, jira.flavour()));
        description.ifPresent(edit::setDescription);
        if (edit.changesFields()) {
            plan.staffed().ifPresent(record -> edit.setProperty(Staffing.PROPERTY, record));
        }
        return edit;
    }

    /**
     * What to say when adding {@code person} failed: Jira does not know them (Cloud answers 404, Data Center 400,
     * both saying the user does not exist). Anything else is Jira failing or refusing the issue: rethrown.
     */
    private static String notAUser(String person, JiraException e) {
        String says = String.join(" ", e.errorMessages());
        boolean unknownUser = (e.status() == 404 || e.status() == 400)
                && says.toLowerCase(Locale.ROOT).matches(".*user.*does not exist.*");
        if (!unknownUser) {
            throw e;
        }
        return person + " skipped: not a Jira user (" + says + ")";
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
