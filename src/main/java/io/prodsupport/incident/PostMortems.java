package io.prodsupport.incident;

import io.prodsupport.jira.Issue;
import io.prodsupport.jira.IssueLink;
import io.prodsupport.jira.JiraClient;
import io.prodsupport.jira.JiraException;
import io.prodsupport.jira.NewIssue;
import io.prodsupport.jira.Priority;
import io.prodsupport.notify.ChannelMessage;
import io.prodsupport.notify.Outbox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * The post-mortem task of a resolved incident whose priority is at or above {@code postmortem.minPriority} in Jira's own
 * priority order (read from Jira, {@code GET /priority}): one task in {@code postmortem.project}, labelled
 * {@value #LABEL}, linked to the incident, its description a start for the review ({@link PostMortemText}, from the
 * incident's changelog and comments). Exactly once, by the follow-ups' machinery: a row of the {@link FollowUpLedger}
 * under the reserved action id {@value #ACTION_ID} claims it before the create call; the task carries its origin
 * ({@link FollowUpOrigin} with that action id) set by the create call itself and the incident's origin label, so the
 * {@link FollowUpFinder} finds a task made just before a crash instead of making a second; the row records the key,
 * then the link, then that it is finished. Two creators racing: one holds the row, the other stops with
 * {@link FollowUpsBusyException} and is retried, and then finds the row finished.
 *
 * <p>An incident gets one only when it was resolved within {@link #WINDOW} of now: turning post-mortems on, or a
 * comment on a years-old incident, must not open reviews of the past. The workflow never asks for one from the
 * backfill (which never tells anyone anything either).
 */
public final class PostMortems {

    /** The ledger's action id for the post-mortem; prevention actions' ids are 16 hex digits, so it cannot clash. */
    public static final String ACTION_ID = "postmortem";
    /** Every post-mortem task carries it. */
    public static final String LABEL = "prodsupport-postmortem";
    /** An incident resolved longer ago than this when prodsupport first sees it resolved gets no post-mortem. */
    public static final Duration WINDOW = Duration.ofDays(7);

    static final List<String> FIELDS = List.of(
            "summary",
            "project",
            "issuetype",
            "labels",
            "status",
            "description",
            "priority",
            "issuelinks",
            "comment",
            "created",
            "reporter",
            "assignee",
            "resolution",
            "resolutiondate",
            "updated");

    private final JiraClient jira;
    private final IncidentScope scope;
    /** Null: no {@code postmortem} section, no post-mortems. */
    private final PostMortemSettings settings;

    private final FollowUpLedger ledger;
    private final Clock clock;
    private final Duration lease;
    private final String instance = UUID.randomUUID().toString();
    private final AtomicLong attempts = new AtomicLong();
    private final AtomicLong created = new AtomicLong();
    /** Jira's priority names, highest first; read once and again when a name is not in it (a priority added since). */
    private final AtomicReference<List<String>> priorityOrder = new AtomicReference<>();

    public PostMortems(
            JiraClient jira,
            IncidentScope scope,
            PostMortemSettings settings,
            FollowUpLedger ledger,
            Clock clock,
            Duration lease) {
        this.jira = jira;
        this.scope = scope;
        this.settings = settings;
        this.ledger = ledger;
        this.clock = clock;
        this.lease = lease;
    }

    private Outbox outbox = (message, channels, now, due) -> {};
    private Set<String> channels = Set.of();

    /**
     * Tells {@code channels} through {@code outbox} of each post-mortem task once it is linked (one message per
     * incident, its id {@code postmortem:<key>}); without it, nobody is told (the backfill, tests).
     */
    public PostMortems telling(Outbox outbox, Collection<String> channels) {
        this.outbox = outbox;
        this.channels = new LinkedHashSet<>(channels);
        return this;
    }

    /** No {@code postmortem} section in the config: nothing is ever made, and {@code explain} says why. */
    public static PostMortems off(JiraClient jira, IncidentScope scope, FollowUpLedger ledger, Clock clock) {
        return new PostMortems(jira, scope, null, ledger, clock, FollowUps.DEFAULT_LEASE);
    }

    public boolean enabled() {
        return settings != null;
    }

    /** How many post-mortem tasks this instance has created since it started. */
    public long createdSoFar() {
        return created.get();
    }

    /**
     * What is wrong with {@code postmortem.minPriority} given Jira's priorities, in one line; empty when it names one of
     * them (case ignored, as Jira compares names). For start-up: a threshold Jira does not have would make no
     * post-mortem ever, silently.
     */
    public static Optional<String> thresholdProblem(List<Priority> priorities, String minPriority) {
        if (priorities.stream().anyMatch(p -> p.name() != null && p.name().equalsIgnoreCase(minPriority))) {
            return Optional.empty();
        }
        return Optional.of("postmortem.minPriority \"" + minPriority + "\" is not one of Jira's priorities ("
                + priorities.stream().map(Priority::name).collect(Collectors.joining(", ")) + ")");
    }

    /** As {@link #reconcile(Issue)}, reading the incident first. */
    public Optional<String> reconcile(String incidentKey) {
        return reconcile(jira.getIssue(incidentKey, FIELDS));
    }

    /**
     * Makes the incident's post-mortem task if it should have one and has none; returns what it did, empty when there
     * was nothing to do (not configured, not an incident, not resolved, below the threshold, resolved too long ago,
     * made already).
     *
     * @throws FollowUpsBusyException when another attempt is making it right now: try again later
     */
    public Optional<String> reconcile(Issue incident) {
        if (settings == null || !scope.covers(incident) || !incident.fields().isDone()) {
            return Optional.empty();
        }
        Optional<FollowUpRecord> row = row(incident.key());
        if (row.filter(r -> r.state() == FollowUpRecord.State.COMMENTED).isPresent()) {
            return Optional.empty();
        }
        // a row already started is finished whatever the priority is now: its task may exist
        if (row.isEmpty() && whyNot(incident).isPresent()) {
            return Optional.empty();
        }
        return new Attempt(incident, instance + "/" + attempts.incrementAndGet()).run();
    }

    /**
     * Why a resolved (or not yet resolved) incident gets no post-mortem, empty when it qualifies: below the threshold,
     * no priority, a threshold Jira does not know, resolved before {@link #WINDOW}.
     */
    Optional<String> whyNot(Issue incident) {
        String priority = incident.fields().priority();
        int min = rank(settings.minPriority());
        if (min < 0) {
            return Optional.of("postmortem.minPriority \"" + settings.minPriority()
                    + "\" is not one of Jira's priorities (" + String.join(", ", priorityOrder.get()) + ")");
        }
        if (priority == null) {
            return Optional.of("it has no priority");
        }
        int rank = rank(priority);
        if (rank < 0) {
            return Optional.of("its priority " + priority + " is not in Jira's priority list");
        }
        if (rank > min) {
            return Optional.of("priority " + priority + " is below postmortem.minPriority " + settings.minPriority());
        }
        if (incident.fields().isDone()) {
            OffsetDateTime resolved = incident.fields().resolutionDate() != null
                    ? incident.fields().resolutionDate()
                    : incident.fields().updated();
            if (resolved != null
                    && resolved.toInstant().isBefore(clock.instant().minus(WINDOW))) {
                return Optional.of("it was resolved on " + PostMortemText.at(resolved.toInstant()) + ", more than "
                        + WINDOW.toDays() + " days before prodsupport saw it resolved");
            }
        }
        return Optional.empty();
    }

    /** The name's place in Jira's list (0 = highest), -1 when Jira has no such priority even after a fresh read. */
    private int rank(String name) {
        List<String> order = priorityOrder.get();
        int rank = order == null ? -1 : indexOf(order, name);
        if (rank < 0) {
            order = jira.priorities().stream().map(Priority::name).toList();
            priorityOrder.set(order);
            rank = indexOf(order, name);
        }
        return rank;
    }

    private static int indexOf(List<String> order, String name) {
        for (int i = 0; i < order.size(); i++) {
            if (order.get(i) != null && order.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    /** One line for {@code explain}: the post-mortem and how far its making got, or why there is none. Reads the ledger. */
    public String explain(Issue incident) {
        if (settings == null) {
            return "none: post-mortems are off (no postmortem section in the config)";
        }
        Optional<FollowUpRecord> row = row(incident.key());
        if (row.isPresent() && row.get().hasFollowUp()) {
            return row.get().followUpKey()
                    + (row.get().state() == FollowUpRecord.State.COMMENTED
                            ? " (made and linked)"
                            : " (made; link to come)");
        }
        if (row.isPresent()) {
            return "being made (claimed by " + row.get().claimedBy() + ")";
        }
        Optional<String> why = whyNot(incident);
        if (why.isPresent()) {
            return "none: " + why.get();
        }
        return incident.fields().isDone()
                ? "none yet: made at the next event or sweep"
                : "none yet: made when the incident is resolved (priority "
                        + incident.fields().priority() + " is at or above " + settings.minPriority() + ")";
    }

    private Optional<FollowUpRecord> row(String incidentKey) {
        return ledger.records(incidentKey).stream()
                .filter(r -> r.actionId().equals(ACTION_ID))
                .findFirst();
    }

    /** One pass: claim, find or create, record, link, finish; a failure lets go of the claim. */
    private final class Attempt {
        private final Issue incident;
        private final String key;
        private final String claimant;
        private final List<String> did = new ArrayList<>();

        Attempt(Issue incident, String claimant) {
            this.incident = incident;
            this.key = incident.key();
            this.claimant = claimant;
        }

        Optional<String> run() {
            Instant now = clock.instant();
            FollowUpLedger.Claim claim =
                    ledger.claim(key, ACTION_ID, PostMortemText.summary(incident), claimant, now, now.plus(lease));
            if (!claim.held()) {
                if (row(key).filter(r -> r.state() == FollowUpRecord.State.COMMENTED)
                        .isPresent()) {
                    return Optional.empty(); // finished by another attempt since this one looked
                }
                throw new FollowUpsBusyException("the post-mortem of " + key + " is being made by another attempt");
            }
            try {
                make(claim);
            } catch (RuntimeException e) {
                try {
                    ledger.release(key, Set.of(ACTION_ID), claimant);
                } catch (RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
            return did.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", did));
        }

        private void make(FollowUpLedger.Claim claim) {
            List<FollowUpRecord> records = ledger.records(key);
            FollowUpRecord row = records.stream()
                    .filter(r -> r.actionId().equals(ACTION_ID))
                    .findFirst()
                    .orElseThrow(() -> new FollowUpsBusyException("the post-mortem row of " + key + " vanished"));
            String task = row.followUpKey();
            boolean linked = false;
            boolean createdHere = false;
            if (task == null) {
                Set<String> known = records.stream()
                        .filter(FollowUpRecord::hasFollowUp)
                        .map(FollowUpRecord::followUpKey)
                        .collect(Collectors.toSet());
                FollowUpFinder finder = new FollowUpFinder(jira, settings.project(), incident, known);
                // a row someone else started on may have got its task since this attempt first read the incident
                Optional<String> existing =
                        claim == FollowUpLedger.Claim.NEW ? finder.find(ACTION_ID) : finder.findAfresh(ACTION_ID);
                if (existing.isPresent()) {
                    task = existing.get();
                    did.add("found " + task + " made before");
                } else {
                    Created made = create();
                    task = made.key();
                    linked = made.linked();
                    createdHere = true;
                    created.incrementAndGet();
                    did.add("created " + task);
                }
                if (!ledger.created(key, ACTION_ID, task, claimant, clock.instant())) {
                    throw new FollowUpsBusyException(
                            "the claim on the post-mortem of " + key + " ran out while " + task + " was made");
                }
            }
            if (row.state() != FollowUpRecord.State.LINKED) {
                if (!linked && (createdHere || !isLinked(task))) {
                    jira.linkIssues(settings.linkType(), key, task);
                    did.add("linked " + task);
                }
                if (!ledger.linked(key, ACTION_ID, claimant, clock.instant())) {
                    throw new FollowUpsBusyException(
                            "the claim on the post-mortem of " + key + " ran out while " + task + " was linked");
                }
            }
            // before the row is finished, so a crash here queues it again on the retry (its id dedupes)
            if (!channels.isEmpty()) {
                Instant now = clock.instant();
                outbox.enqueue(
                        ChannelMessage.postMortem(
                                Notices.of(jira, incident),
                                task,
                                jira.serverInfo().browseUrl(task)),
                        channels,
                        now,
                        now);
            }
            // a post-mortem has no comment on the incident (the link shows it): linked is finished
            ledger.commented(key, List.of(ACTION_ID), claimant, clock.instant());
        }

        private boolean isLinked(String task) {
            for (IssueLink link :
                    jira.getIssue(key, List.of("issuelinks")).fields().issueLinks()) {
                if (link.inwardKey().equals(task) || link.outwardKey().equals(task)) {
                    return true;
                }
            }
            return false;
        }

        /**
         * Reads the incident's whole history (a plain GET, so the resolution just made is in it), then creates the task
         * linked to the incident in the same call where the project's create screen allows it.
         */
        private Created create() {
            var history = jira.issueWithHistory(key, FIELDS);
            Issue now = history.issue();
            String url = jira.serverInfo().browseUrl(key);
            NewIssue request = new NewIssue(
                    settings.project(),
                    settings.issueType(),
                    PostMortemText.summary(now),
                    PostMortemText.description(now, IncidentChronology.of(history), url),
                    List.of(LABEL, FollowUpSettings.originLabel(key)),
                    null,
                    Map.of(
                            FollowUpOrigin.PROPERTY,
                            new FollowUpOrigin(key, ACTION_ID, now.fields().projectKey())));
            try {
                return new Created(
                        jira.createIssue(request.linkedFrom(settings.linkType(), key))
                                .key(),
                        true);
            } catch (JiraException e) {
                if (!e.refusedField("issuelinks")) {
                    throw e;
                }
                // a 400 creates nothing, so creating it again without the link cannot make a second one
                return new Created(jira.createIssue(request).key(), false);
            }
        }
    }

    private record Created(String key, boolean linked) {}
}
