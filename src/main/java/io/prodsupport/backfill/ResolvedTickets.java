package io.prodsupport.backfill;

import io.prodsupport.incident.Action;
import io.prodsupport.incident.FollowUpLedger;
import io.prodsupport.incident.FollowUpPlanner;
import io.prodsupport.incident.FollowUpRecord;
import io.prodsupport.incident.FollowUps;
import io.prodsupport.incident.IncidentDescription;
import io.prodsupport.incident.Section;
import io.prodsupport.jira.Issue;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The follow-up part of a backfill, for tickets in a done status whose Prevention / Mitigation lists actions: the
 * same {@link FollowUps} the webhook path uses makes the follow-ups (exactly once, through its ledger); the dry run
 * only lists the actions that would become tickets.
 */
public final class ResolvedTickets {

    private final FollowUps followUps;
    private final FollowUpLedger ledger;
    private final Set<String> trackingProjects;

    /** @param trackingProjects the follow-up project and the incident projects: an action naming their issue is tracked */
    public ResolvedTickets(FollowUps followUps, FollowUpLedger ledger, List<String> trackingProjects) {
        this.followUps = followUps;
        this.ledger = ledger;
        this.trackingProjects = trackingProjects.stream().map(p -> p.toUpperCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Whether the ticket is done and lists prevention actions; {@code description} as it is after the backfill. */
    static boolean concerns(Issue issue, String description) {
        return issue.fields().status() != null && "done".equals(issue.fields().status().categoryKey())
                && !IncidentDescription.parse(description).actions(Section.PREVENTION).isEmpty();
    }

    /** The actions that would become follow-ups: not naming a tracked issue, and without one in the ledger. */
    List<String> wouldCreate(Issue issue, String description) {
        Set<String> withFollowUp = ledger.records(issue.key()).stream().filter(FollowUpRecord::hasFollowUp)
                .map(FollowUpRecord::actionId).collect(Collectors.toSet());
        Set<String> tracking = new HashSet<>(trackingProjects);
        tracking.add(issue.fields().projectKey());
        return FollowUpPlanner.needingFollowUp(IncidentDescription.parse(description).actions(Section.PREVENTION),
                tracking, withFollowUp).stream().map(Action::text).toList();
    }

    /** Makes the missing follow-ups; what was done, empty when nothing was missing. */
    Optional<String> reconcile(String key) {
        return followUps.reconcile(key);
    }
}
