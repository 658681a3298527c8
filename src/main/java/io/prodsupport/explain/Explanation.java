package io.prodsupport.explain;

import io.prodsupport.jira.ChangeHistory;
import io.prodsupport.jira.Issue;
import io.prodsupport.jira.IssueFields;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code prodsupport explain KEY}: one incident, what prodsupport did to it and why, in the words of the rules. Three
 * sources, each said where it comes from: what the rules recorded on the ticket (its properties), the follow-up of each
 * prevention action (the ledger), the moves Jira's changelog holds, and every event handled with its outcome (the
 * activity log).
 *
 * @param recorded  what the rules recorded on the ticket, one line each
 * @param followUps each prevention action and what became of it
 * @param postMortem its post-mortem task (the ledger) and how far its making got, or why it has none
 * @param activity  the events handled for it, oldest first
 * @param observed  whether its project is in observe mode now
 * @param changelog Jira's changelog of the incident, oldest first: the moves the events were about
 */
public record Explanation(
        Issue issue,
        boolean observed,
        List<String> recorded,
        List<String> followUps,
        String postMortem,
        List<Activity> activity,
        List<ChangeHistory> changelog) {

    /** The fields whose changes tell an incident's story; other changes are counted, not listed. */
    private static final List<String> STORY_FIELDS = List.of("status", "resolution", "assignee", "priority");

    public Explanation {
        changelog = List.copyOf(changelog);
        recorded = List.copyOf(recorded);
        followUps = List.copyOf(followUps);
        activity = List.copyOf(activity);
    }

    public List<String> lines() {
        IssueFields f = issue.fields();
        List<String> out = new ArrayList<>();
        out.add(issue.key() + "  " + f.summary());
        out.add("  " + (f.status() != null ? f.status().name() : "no status")
                + ", owner " + (f.assignee() != null ? f.assignee().displayName() : "nobody")
                + (f.created() != null ? ", created " + f.created().toInstant() : "")
                + (observed ? "  [observe mode: nothing is written to Jira]" : ""));
        out.add("");
        out.add("Recorded on the ticket (issue properties):");
        if (recorded.isEmpty()) {
            out.add("  nothing: prodsupport has not shaped this incident (or only observed it)");
        }
        recorded.forEach(line -> out.add("  " + line));
        out.add("");
        out.add("Prevention / Mitigation actions and their follow-ups (ledger):");
        if (followUps.isEmpty()) {
            out.add("  no actions listed");
        }
        followUps.forEach(line -> out.add("  * " + line));
        out.add("");
        out.add("Post-mortem (ledger): " + postMortem);
        out.add("");
        out.add("Jira's changelog (status, resolution, owner and priority; oldest first):");
        int other = 0;
        for (ChangeHistory entry : changelog) {
            List<String> story = entry.items().stream()
                    .filter(item -> STORY_FIELDS.contains(item.fieldId()))
                    .map(item -> item.fieldId() + ": " + (item.fromString() != null ? item.fromString() : "none")
                            + " \u2192 " + (item.toText() != null ? item.toText() : "none"))
                    .toList();
            if (story.isEmpty()) {
                other++;
            } else {
                out.add("  " + entry.created().toInstant() + "  " + String.join("; ", story));
            }
        }
        if (other > 0) {
            out.add("  and " + other + " other change(s) (description, fix versions, labels, …)");
        }
        if (changelog.isEmpty()) {
            out.add("  no changes");
        }
        out.add("");
        out.add("Events handled (activity log, oldest first):");
        if (activity.isEmpty()) {
            out.add("  none recorded (events before this version, or older than " + ActivityLog.RETENTION.toDays()
                    + " days, are not kept)");
        }
        for (Activity a : activity) {
            String how = switch (a.mode()) {
                case ENFORCED -> a.did().isEmpty() ? "nothing to do" : "did";
                case OBSERVED -> "would have (observe mode)";
                case FAILED -> "failed, retried later";
            };
            out.add("  " + a.at() + "  " + a.event() + "  " + a.source() + "  " + how);
            a.did().forEach(line -> out.add("      - " + line));
        }
        return out;
    }
}
