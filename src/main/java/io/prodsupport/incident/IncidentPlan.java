package io.prodsupport.incident;

import io.prodsupport.jira.Issue;
import java.util.List;
import java.util.Optional;

/**
 * What one issue lacks, worked out from one read of it; nothing has been written yet. The backfill's dry run prints
 * it, everything else hands it to {@link IncidentReconciler#apply}.
 *
 * @param fixVersion  the fix version to add, when the issue does not carry it
 * @param assignTo    the on-duty person to assign, when the incident is staffed now and has no owner
 * @param description the templated description as it would be written from the text read; the apply side re-reads
 *                    the text right before writing and wraps whatever is there then
 * @param mention     how the template's Next Actions mentions the on-duty person, or empty
 * @param watchers    people to add as watchers, when the incident is staffed now
 * @param staffed     what to record in {@value Staffing#PROPERTY}, when the incident is staffed now
 */
public record IncidentPlan(
        Issue issue,
        boolean incident,
        Optional<String> fixVersion,
        Optional<String> assignTo,
        Optional<String> description,
        Optional<String> mention,
        List<String> watchers,
        Optional<Staffing.Record> staffed) {

    public IncidentPlan {
        watchers = List.copyOf(watchers);
    }

    static IncidentPlan notAnIncident(Issue issue) {
        return new IncidentPlan(
                issue,
                false,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                List.of(),
                Optional.empty());
    }

    public String key() {
        return issue.key();
    }

    /** Nothing is missing: applying the plan makes no call to Jira. */
    public boolean isEmpty() {
        return fixVersion.isEmpty()
                && assignTo.isEmpty()
                && description.isEmpty()
                && watchers.isEmpty()
                && staffed.isEmpty();
    }
}
