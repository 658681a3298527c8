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
 * Brings one incident to the desired state of DESIGN.md §1 for a new ticket: the fix version, the section template
 * around the reporter's words, the watchers and the on-duty person, an owner. Level-triggered: it reads the issue
 * from Jira and does only what is missing, so running it twice changes nothing the second time, and the webhook
 * that told us about the issue is only a hint.
 */
public final class IncidentReconciler {

    static final List<String> FIELDS = List.of("summary", "project", "issuetype", "labels", "status", "fixVersions",
            "assignee", "description");

    private final JiraClient jira;
    private final IncidentScope scope;
    private final FixVersions fixVersions;
    private final List<String> watchers;
    private final OnCallRotation rotation;
    private final Clock clock;

    public IncidentReconciler(JiraClient jira, IncidentScope scope, FixVersions fixVersions, List<String> watchers,
                              OnCallRotation rotation, Clock clock) {
        this.jira = jira;
        this.scope = scope;
        this.fixVersions = fixVersions;
        this.watchers = List.copyOf(watchers);
        this.rotation = rotation;
        this.clock = clock;
    }

    public ReconcileOutcome reconcile(String issueKey) {
        Issue issue = jira.getIssue(issueKey, FIELDS);
        if (!scope.covers(issue)) {
            return ReconcileOutcome.notAnIncident(issue.key());
        }
        String key = issue.key();
        Flavour flavour = jira.flavour();
        Optional<String> onDuty = rotation.onDuty(clock.instant());
        List<String> changes = new ArrayList<>();
        IssueEdit edit = new IssueEdit();

        if (issue.fields().fixVersions().stream().noneMatch(v -> v.equalsIgnoreCase(fixVersions.name()))) {
            if (fixVersions.ensure(issue.fields().projectKey())) {
                changes.add("created version \"" + fixVersions.name() + "\" in " + issue.fields().projectKey());
            }
            edit.addFixVersion(fixVersions.name());
            changes.add("fix version \"" + fixVersions.name() + "\"");
        }
        if (issue.fields().assignee() == null && onDuty.isPresent()) {
            edit.setAssignee(onDuty.get(), flavour);
            changes.add("assigned to " + onDuty.get());
        }
        if (!IncidentDescription.parse(issue.fields().description()).isTemplated()) {
            // a person may have typed since the first read; write the template only around what is there now
            String latest = jira.getIssue(key, List.of("description")).fields().description();
            if (!IncidentDescription.parse(latest).isTemplated()) {
                edit.setDescription(SectionTemplate.wrap(latest, onDuty.map(p -> mention(p, flavour)).orElse(null)));
                changes.add("description wrapped in the section template");
            }
        }
        if (!edit.isEmpty()) {
            editIssue(key, issue.fields().projectKey(), edit);
        }
        changes.addAll(addMissingWatchers(key, onDuty));
        boolean done = issue.fields().status() != null && "done".equals(issue.fields().status().categoryKey());
        return new ReconcileOutcome(key, true, done, changes);
    }

    private void editIssue(String key, String projectKey, IssueEdit edit) {
        try {
            jira.editIssue(key, edit, true);
        } catch (JiraException e) {
            if (e.status() == 400 && e.errors().containsKey("fixVersions")) {
                fixVersions.forget(projectKey); // deleted since we cached it; the retry will create it again
            }
            throw e;
        }
    }

    private List<String> addMissingWatchers(String key, Optional<String> onDuty) {
        Set<String> wanted = new LinkedHashSet<>(watchers);
        onDuty.ifPresent(wanted::add);
        if (wanted.isEmpty()) {
            return List.of();
        }
        wanted.removeAll(jira.watchers(key));
        List<String> added = new ArrayList<>();
        for (String person : wanted) {
            jira.addWatcher(key, person);
            added.add("watcher " + person);
        }
        return added;
    }

    /** How wiki markup mentions a person: by accountId on Cloud, by username on Data Center. */
    static String mention(String userRef, Flavour flavour) {
        return flavour == Flavour.CLOUD ? "[~accountid:" + userRef + "]" : "[~" + userRef + "]";
    }
}
