package io.prodsupport.sweep;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.prodsupport.inbox.Accepted;
import io.prodsupport.inbox.DeliverySightings;
import io.prodsupport.inbox.InboundEvent;
import io.prodsupport.inbox.Inbox;
import io.prodsupport.jira.Issue;
import io.prodsupport.jira.JiraClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every {@code interval}, searches the incidents updated since the previous run (with a margin) and queues each in the
 * inbox as an event of its own kind ({@value #EVENT}, naming only the issue), which the worker hands to the workflow
 * as a swept signal: re-read, reconcile, follow-ups. The
 * delivery id is the issue key plus its {@code updated} time, so each change is queued once however often it is
 * seen, and a change a webhook already brought is simply reconciled again, which changes nothing.
 *
 * <p>Relative JQL dates ({@code updated >= -12m}) are used on purpose: an absolute date in JQL is read in the
 * searching user's time zone.
 */
public final class Sweep implements AutoCloseable {

    /** The {@code webhookEvent} of queued sweep events; no Jira sends it. */
    public static final String EVENT = "prodsupport:sweep";
    /** Covers clock skew and Cloud's eventually consistent search. */
    static final Duration MARGIN = Duration.ofMinutes(2);

    /** A change younger than this may still have its webhook on the way: it is judged by a later run. */
    static final Duration DELIVERY_GRACE = Duration.ofMinutes(1);
    /** Jira stamps a change and its webhook separately; an event this much older than the change still counts. */
    static final Duration STAMP_TOLERANCE = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(Sweep.class);

    private final JiraClient jira;
    private final Inbox inbox;
    private final String scopeJql;
    private final Duration interval;
    private final Clock clock;
    private final Runnable onQueued;
    private final Counter queued;
    private final Counter failed;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sweep");
        t.setDaemon(true);
        return t;
    });
    private Duration lookback;
    private final AtomicLong runs = new AtomicLong();
    private volatile Instant lastRun;
    private Optional<DeliverySightings> sightings = Optional.empty();
    private Optional<MissedWebhooks> missed = Optional.empty();
    /** Whether this instance runs the tick due at an instant; several instances on one store take turns. */
    private Predicate<Instant> myTurn = now -> true;
    /** The change of each issue judged last (its updated time), so each change is judged once. */
    private final Map<String, Instant> judged = new HashMap<>();

    /**
     * @param scopeJql      the JQL of the incident scope (without ORDER BY)
     * @param firstLookback how far back the first run looks: the time the service may have been down
     * @param onQueued      run after events were queued (the worker's nudge)
     */
    public Sweep(
            JiraClient jira,
            Inbox inbox,
            String scopeJql,
            Duration interval,
            Duration firstLookback,
            Clock clock,
            MeterRegistry registry,
            Runnable onQueued) {
        this.jira = jira;
        this.inbox = inbox;
        this.scopeJql = scopeJql;
        this.interval = interval;
        this.lookback = firstLookback;
        this.clock = clock;
        this.onQueued = onQueued;
        this.queued = Counter.builder("prodsupport.sweep.queued")
                .description("Incidents the sweep found changed and queued")
                .register(registry);
        this.failed = Counter.builder("prodsupport.sweep.failed")
                .description("Sweep runs that could not search Jira or reach the store")
                .register(registry);
    }

    /**
     * Also notices webhooks that never arrived: each incident change the sweep finds is compared with the deliveries
     * the intake saw (see {@link #judge}).
     */
    public Sweep watching(DeliverySightings sightings, MissedWebhooks missed) {
        this.sightings = Optional.of(sightings);
        this.missed = Optional.of(missed);
        return this;
    }

    /**
     * With several instances on one store, only the one whose turn it is runs a tick ({@code turn} asks the store);
     * the others skip it. A skipping instance keeps its look-back, so when it takes over from one that died, its first
     * run still reaches back to its own last one.
     */
    public Sweep takingTurns(Predicate<Instant> turn) {
        this.myTurn = turn;
        return this;
    }

    public void start() {
        timer.scheduleWithFixedDelay(this::tick, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One run: returns how many changed incidents were newly queued. */
    public synchronized int runOnce() {
        Instant started = clock.instant();
        long minutes = Math.max(1, lookback.plus(MARGIN).toMinutes());
        // ordered by a field an edit does not move: the worker edits what this run queued while it still pages, and
        // ordered by 'updated' each edited incident jumped to the end and pushed an unseen one back onto a page already
        // read (issue 13's trial: 38 of 500 incidents were never queued)
        String jql = "(" + scopeJql + ") AND updated >= -" + minutes + "m ORDER BY created ASC";
        int newlyQueued = 0;
        try (Stream<Issue> changed = jira.search(jql, List.of("updated", "project", "status"))) {
            for (Issue issue : (Iterable<Issue>) changed::iterator) {
                if (inbox.accept(event(issue, started)) == Accepted.NEW) {
                    newlyQueued++;
                }
                judge(issue, started);
            }
        }
        // a change older than the next run's look-back is never judged: what was heard before it can go
        sightings.ifPresent(
                s -> s.forgetBefore(started.minus(lookback.plus(MARGIN).plus(Duration.ofDays(1)))));
        runs.incrementAndGet();
        lastRun = started;
        // the next run looks back to this run's start, whatever time this one took
        lookback = Duration.between(started, clock.instant()).plus(interval);
        if (newlyQueued > 0) {
            queued.increment(newlyQueued);
            onQueued.run();
            log.info("sweep queued {} incident(s) changed in the last {} minutes", newlyQueued, minutes);
        }
        return newlyQueued;
    }

    /**
     * The rule: an incident's latest change (its {@code updated}, Jira's clock) should have been announced by a
     * delivery about that issue whose event time (the payload's {@code timestamp}, Jira's clock too) is no more than
     * {@link #STAMP_TOLERANCE} older. A change is judged once, when it is older than {@link #DELIVERY_GRACE} (its
     * webhook may still be on its way before that) and only when it was made after the intake started listening (plus
     * the same grace, for clock skew). A later change that did arrive covers an earlier lost one: the sweep sees only
     * the latest.
     */
    private void judge(Issue issue, Instant now) {
        if (sightings.isEmpty() || issue.fields().updated() == null) {
            return;
        }
        Instant updated = issue.fields().updated().toInstant();
        if (updated.isBefore(sightings.get().since().plus(DELIVERY_GRACE))
                || updated.isAfter(now.minus(DELIVERY_GRACE))) {
            return;
        }
        Instant before = judged.get(issue.key());
        if (before != null && !updated.isAfter(before)) {
            return;
        }
        judged.put(issue.key(), updated);
        judged.values().removeIf(t -> t.isBefore(now.minus(Duration.ofDays(1))));
        List<String> refs = issue.id() == null ? List.of(issue.key()) : List.of(issue.key(), "id:" + issue.id());
        boolean heard = sightings
                .get()
                .newestFor(refs)
                .filter(t -> !t.isBefore(updated.minus(STAMP_TOLERANCE)))
                .isPresent();
        if (!heard) {
            missed.get().record(now);
            log.warn(
                    "{}: changed at {} but no webhook came for it (the sweep handles it now); likely causes: the admin"
                            + " webhook is not registered or misses this project or event (`prodsupport check`,"
                            + " `prodsupport webhook register`), it calls a wrong URL (not webhook.publicUrl, or a"
                            + " proxy that does not forward it), or its secret is not one of webhook.secrets (then"
                            + " this log shows 401s)",
                    issue.key(),
                    updated);
        }
    }

    /** How many runs have finished: the first one starts with the service, in the background. */
    public long runs() {
        return runs.get();
    }

    /** When the last run that finished started; empty before the first. */
    public Optional<Instant> lastRun() {
        return Optional.ofNullable(lastRun);
    }

    public Duration interval() {
        return interval;
    }

    /** One timer tick: this instance's turn runs the sweep, a failure is counted and logged, never thrown. */
    void tick() {
        try {
            if (!myTurn.test(clock.instant())) {
                return; // another instance runs this tick
            }
            runOnce();
        } catch (RuntimeException e) {
            failed.increment();
            log.warn("sweep failed, next try in {}: {}", interval, e.getMessage());
        }
    }

    /** The change as an inbox event: the issue and when it changed, nothing else (the worker reads the rest). */
    private static InboundEvent event(Issue issue, Instant now) {
        String updated = issue.fields().updated() != null
                ? issue.fields().updated().toInstant().toString()
                : "";
        return new InboundEvent("sweep:" + issue.key() + ":" + updated, issue.key(), EVENT, now, new byte[0]);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
