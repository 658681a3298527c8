package io.prodsupport.incident;

import io.prodsupport.jira.Issue;
import io.prodsupport.jira.IssueLink;
import io.prodsupport.jira.JiraClient;
import io.prodsupport.jira.JiraException;
import io.prodsupport.jira.NewIssue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Turns a resolved incident's prevention actions into follow-up issues, exactly once each (DESIGN.md §1 and §2).
 * Level-triggered: it works from the incident as read and does nothing unless it is in a done status; then for each action
 * without a follow-up it claims the action in the {@link FollowUpLedger}, looks for a follow-up made before a crash
 * ({@link FollowUpFinder}), creates one only when none is found (linked to the incident in the same call where the
 * project's create screen allows it, else by a link call afterwards), records its key, and
 * finally lists what was made in one comment. Each step is recorded before the next, so a retry after a crash
 * anywhere redoes only what is missing:
 * <ul>
 *   <li>after the create, before its key was recorded: the finder finds the follow-up by its origin property;</li>
 *   <li>after the link, before it was recorded: a fresh read of the incident's links shows it;</li>
 *   <li>after the comment, before it was recorded: a fresh read of the incident's comments shows it.</li>
 * </ul>
 * The fresh read is skipped when every follow-up was created by this same attempt: nobody else can have linked or
 * listed an issue that did not exist before it, so the normal path costs no extra call.
 *
 * <p>The comment is only made by an attempt that holds every unfinished row of the incident, so concurrent attempts
 * make one comment between them; the others stop with {@link FollowUpsBusyException} and are retried.
 */
public final class FollowUps {

    /** Long enough for one action's create and link even through Jira's rate limits and retries. */
    public static final Duration DEFAULT_LEASE = Duration.ofMinutes(2);

    static final List<String> FIELDS = List.of(
            "summary", "project", "issuetype", "labels", "status", "description", "priority", "issuelinks", "comment");

    private final JiraClient jira;
    private final IncidentScope scope;
    private final FollowUpSettings settings;
    private final FollowUpPlanner planner;
    private final FollowUpLedger ledger;
    private final Clock clock;
    private final Duration lease;
    /** Claims are per attempt, not per instance: two threads of one process must not both hold an action. */
    private final String instance = UUID.randomUUID().toString();

    private final AtomicLong attempts = new AtomicLong();
    /** Follow-ups this instance created since it started: for the service's metrics. */
    private final AtomicLong created = new AtomicLong();
    /** Follow-up projects whose create screen lacks Linked Issues: their follow-ups are linked by a second call. */
    private final Set<String> noLinksOnCreate = ConcurrentHashMap.newKeySet();

    public FollowUps(
            JiraClient jira,
            IncidentScope scope,
            FollowUpSettings settings,
            FollowUpLedger ledger,
            Clock clock,
            Duration lease) {
        this.jira = jira;
        this.scope = scope;
        this.settings = settings;
        this.planner = new FollowUpPlanner(settings);
        this.ledger = ledger;
        this.clock = clock;
        this.lease = lease;
    }

    /**
     * Makes whatever follow-ups of this incident are missing; returns what it did, empty when nothing was missing
     * (not an incident, not done, every action tracked).
     *
     * @throws FollowUpsBusyException when another attempt holds some of them: try again later
     */
    public Optional<String> reconcile(String incidentKey) {
        return reconcile(jira.getIssue(incidentKey, FIELDS));
    }

    /**
     * As {@link #reconcile(String)}, for an incident the caller has just read with (at least) {@link #FIELDS}.
     *
     * @throws FollowUpsBusyException when another attempt holds some of them: try again later
     */
    public Optional<String> reconcile(Issue incident) {
        if (!scope.covers(incident) || !incident.fields().isDone()) {
            return Optional.empty();
        }
        return new Attempt(incident, instance + "/" + attempts.incrementAndGet()).run();
    }

    /**
     * Each prevention action of the incident and what became of it, for {@code explain}: its follow-up and how far the
     * ledger got, or why it has none ("names OPS-99"; not resolved yet). Reads the ledger, not Jira.
     */
    public List<String> explain(Issue incident) {
        Map<String, FollowUpRecord> byAction = new HashMap<>();
        records(incident.key()).forEach(r -> byAction.put(r.actionId(), r));
        Set<String> tracking = trackingProjects(incident);
        List<String> lines = new ArrayList<>();
        for (Action action :
                IncidentDescription.parse(incident.fields().description()).actions(Section.PREVENTION)) {
            FollowUpRecord record = byAction.get(action.id());
            String what;
            if (record != null && record.hasFollowUp()) {
                what = record.followUpKey()
                        + switch (record.state()) {
                            case CLAIMED, CREATED -> " (created; link and comment to come)";
                            case LINKED -> " (created and linked; comment to come)";
                            case COMMENTED -> " (created, linked, listed in a comment)";
                        };
            } else if (action.isTrackedIn(tracking)) {
                what = "skipped: names " + String.join(", ", action.issueKeys());
            } else if (record != null) {
                what = "being made (claimed by " + record.claimedBy() + ")";
            } else {
                what = incident.fields().isDone()
                        ? "none yet: made at the next event or sweep"
                        : "none yet: made when the incident is resolved";
            }
            lines.add(action.text() + " \u2192 " + what);
        }
        return lines;
    }

    /** How many follow-ups this instance has created since it started. */
    public long createdSoFar() {
        return created.get();
    }

    /**
     * The actions of {@code description} that would get a follow-up if the incident were reconciled now: not
     * naming an issue of a tracking project and without one in the ledger (what a dry run shows; it reads no Jira).
     */
    public List<Action> pending(Issue incident, String description) {
        return needing(incident, description, records(incident.key()));
    }

    /**
     * The incident's follow-up rows: the ledger's rows without the post-mortem's, which shares the ledger under the
     * reserved action id {@value PostMortems#ACTION_ID} (no prevention action has that id) and is made, linked and
     * finished by {@link PostMortems}, never listed in the follow-up comment.
     */
    private List<FollowUpRecord> records(String incidentKey) {
        return ledger.records(incidentKey).stream()
                .filter(r -> !r.actionId().equals(PostMortems.ACTION_ID))
                .toList();
    }

    private List<Action> needing(Issue incident, String description, List<FollowUpRecord> records) {
        Set<String> withFollowUp = records.stream()
                .filter(FollowUpRecord::hasFollowUp)
                .map(FollowUpRecord::actionId)
                .collect(Collectors.toSet());
        return FollowUpPlanner.needingFollowUp(
                IncidentDescription.parse(description).actions(Section.PREVENTION),
                trackingProjects(incident),
                withFollowUp);
    }

    /** An action that names an issue of these projects is tracked already: the follow-up, incident projects. */
    private Set<String> trackingProjects(Issue incident) {
        Set<String> projects = new HashSet<>();
        projects.add(settings.project().toUpperCase(Locale.ROOT));
        scope.projects().forEach(p -> projects.add(p.toUpperCase(Locale.ROOT)));
        if (incident.fields().projectKey() != null) {
            projects.add(incident.fields().projectKey());
        }
        return projects;
    }

    /** One pass over one incident, with the rows it holds, so a failure can let go of exactly those. */
    private final class Attempt {
        private final Issue incident;
        private final String key;
        private final String claimant;
        private final Set<String> held = new LinkedHashSet<>();
        private final Set<String> createdHere = new HashSet<>();
        private final Set<String> linkedOnCreate = new HashSet<>();
        private final Set<String> busy = new LinkedHashSet<>();
        private final List<String> did = new ArrayList<>();

        Attempt(Issue incident, String claimant) {
            this.incident = incident;
            this.key = incident.key();
            this.claimant = claimant;
        }

        Optional<String> run() {
            List<FollowUpRecord> all = ledger.records(key);
            List<FollowUpRecord> records = all.stream()
                    .filter(r -> !r.actionId().equals(PostMortems.ACTION_ID))
                    .toList();
            List<Action> needing = needing(incident, incident.fields().description(), records);
            Set<String> needingIds = needing.stream().map(Action::id).collect(Collectors.toSet());
            List<FollowUpRecord> orphans = records.stream()
                    .filter(r -> r.state() == FollowUpRecord.State.CLAIMED && !needingIds.contains(r.actionId()))
                    .toList();
            if (needing.isEmpty() && records.stream().allMatch(r -> r.state() == FollowUpRecord.State.COMMENTED)) {
                return Optional.empty();
            }
            try {
                FollowUpFinder finder = new FollowUpFinder(
                        jira,
                        settings.project(),
                        incident,
                        all.stream()
                                .filter(FollowUpRecord::hasFollowUp)
                                .map(FollowUpRecord::followUpKey)
                                .collect(Collectors.toSet()));
                needing.forEach(action -> make(action, finder));
                orphans.forEach(orphan -> adopt(orphan, finder));
                finish();
            } catch (RuntimeException e) {
                letGo(e);
                throw e;
            }
            return did.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", did));
        }

        private void make(Action action, FollowUpFinder finder) {
            FollowUpLedger.Claim claim = claim(action.id(), FollowUpPlanner.summary(action, key));
            if (!claim.held()) {
                return;
            }
            // a row someone else started on may have got its follow-up since this attempt first looked at Jira
            Optional<String> existing =
                    claim == FollowUpLedger.Claim.NEW ? finder.find(action.id()) : finder.findAfresh(action.id());
            String followUp;
            if (existing.isPresent()) {
                followUp = existing.get();
                did.add("found " + followUp + " made before");
            } else {
                String url = jira.serverInfo().browseUrl(key);
                followUp = create(planner.newIssue(action, incident, url));
                createdHere.add(followUp);
                created.incrementAndGet();
                did.add("created " + followUp);
            }
            recordCreated(action.id(), followUp);
        }

        /**
         * Creates the follow-up already linked to the incident, in one call, where the project's create screen allows
         * it (Jira refuses {@code issuelinks} otherwise: then it is created plain and linked by {@link #finish}).
         */
        private String create(NewIssue request) {
            String project = settings.project().toUpperCase(Locale.ROOT);
            if (!noLinksOnCreate.contains(project)) {
                try {
                    String followUp = jira.createIssue(request.linkedFrom(settings.linkType(), key))
                            .key();
                    linkedOnCreate.add(followUp);
                    return followUp;
                } catch (JiraException e) {
                    if (!e.refusedField("issuelinks")) {
                        throw e;
                    }
                    // a 400 creates nothing, so creating it again without the link cannot make a second one
                    noLinksOnCreate.add(project);
                }
            }
            return jira.createIssue(request).key();
        }

        /** An intent whose action is gone or now names its issue: keep its follow-up if one was made, else drop it. */
        private void adopt(FollowUpRecord orphan, FollowUpFinder finder) {
            if (!claim(orphan.actionId(), orphan.summary()).held()) {
                return;
            }
            Optional<String> existing = finder.findAfresh(orphan.actionId());
            if (existing.isPresent()) {
                recordCreated(orphan.actionId(), existing.get());
                did.add("found " + existing.get() + " made before");
            } else {
                ledger.forget(key, orphan.actionId(), claimant);
                held.remove(orphan.actionId());
            }
        }

        private void recordCreated(String actionId, String followUp) {
            if (!ledger.created(key, actionId, followUp, claimant, clock.instant())) {
                throw new FollowUpsBusyException(
                        "the claim on " + key + " action " + actionId + " ran out while " + followUp + " was made");
            }
        }

        /** Links and lists every unfinished follow-up of the incident, holding all of them or none. */
        private void finish() {
            List<FollowUpRecord> open = records(key).stream()
                    .filter(r -> r.state() != FollowUpRecord.State.COMMENTED)
                    .toList();
            for (FollowUpRecord record : open) {
                if (!record.hasFollowUp()
                        || !claim(record.actionId(), record.summary()).held()) {
                    busy.add(record.actionId());
                }
            }
            if (!busy.isEmpty()) {
                throw new FollowUpsBusyException(
                        "follow-ups of " + key + " are being made by another attempt: " + String.join(", ", busy));
            }
            if (open.isEmpty()) {
                return;
            }
            boolean allOurs = open.stream().allMatch(r -> createdHere.contains(r.followUpKey()));
            Issue current = allOurs ? incident : jira.getIssue(key, List.of("issuelinks", "comment"));
            Set<String> linkedKeys = linkedKeys(current);
            for (FollowUpRecord record : open) {
                if (record.state() == FollowUpRecord.State.CREATED) {
                    if (!linkedKeys.contains(record.followUpKey()) && !linkedOnCreate.contains(record.followUpKey())) {
                        jira.linkIssues(settings.linkType(), key, record.followUpKey());
                        did.add("linked " + record.followUpKey());
                    }
                    ledger.linked(key, record.actionId(), claimant, clock.instant());
                }
            }
            List<FollowUpRecord> unlisted = open.stream()
                    .filter(r -> current.fields().comments().stream()
                            .noneMatch(c -> FollowUpPlanner.mentions(c.body(), r.followUpKey())))
                    .toList();
            if (!unlisted.isEmpty()) {
                jira.addComment(key, FollowUpPlanner.comment(unlisted));
                did.add("commented on " + key);
            }
            ledger.commented(key, open.stream().map(FollowUpRecord::actionId).toList(), claimant, clock.instant());
            held.clear();
        }

        private FollowUpLedger.Claim claim(String actionId, String summary) {
            Instant now = clock.instant();
            FollowUpLedger.Claim claim = ledger.claim(key, actionId, summary, claimant, now, now.plus(lease));
            (claim.held() ? held : busy).add(actionId);
            return claim;
        }

        /** The lease would run out anyway; ending it now lets the retry start at once. */
        private void letGo(RuntimeException failure) {
            if (held.isEmpty()) {
                return;
            }
            try {
                ledger.release(key, held, claimant);
            } catch (RuntimeException e) {
                failure.addSuppressed(e);
            }
        }

        private Set<String> linkedKeys(Issue issue) {
            Set<String> keys = new HashSet<>();
            for (IssueLink link : issue.fields().issueLinks()) {
                keys.add(link.inwardKey().equals(key) ? link.outwardKey() : link.inwardKey());
            }
            return keys;
        }
    }
}
