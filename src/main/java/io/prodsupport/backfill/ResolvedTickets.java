package io.prodsupport.backfill;

import io.prodsupport.incident.Action;
import io.prodsupport.incident.FollowUps;
import io.prodsupport.incident.IncidentDescription;
import io.prodsupport.incident.Section;
import io.prodsupport.jira.Issue;
import java.util.List;

/**
 * The follow-up part of a backfill's dry run, for tickets in a done status whose Prevention / Mitigation lists
 * actions: the actions that would become tickets. (A real run makes them through the workflow, with the same
 * {@link FollowUps} as the webhook path.)
 */
public final class ResolvedTickets {

    private final FollowUps followUps;

    public ResolvedTickets(FollowUps followUps) {
        this.followUps = followUps;
    }

    /** Whether the ticket is done and lists prevention actions; {@code description} as it is after the backfill. */
    static boolean concerns(Issue issue, String description) {
        return issue.fields().isDone()
                && !IncidentDescription.parse(description)
                        .actions(Section.PREVENTION)
                        .isEmpty();
    }

    /** The actions that would become follow-ups: not naming a tracked issue, and without one in the ledger. */
    List<String> wouldCreate(Issue issue, String description) {
        return followUps.pending(issue, description).stream().map(Action::text).toList();
    }
}
