package io.prodsupport.sweep;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.prodsupport.inbox.Accepted;
import io.prodsupport.inbox.InboundEvent;
import io.prodsupport.inbox.Inbox;
import io.prodsupport.jira.Issue;
import io.prodsupport.jira.JiraClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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

    public void start() {
        timer.scheduleWithFixedDelay(this::runSafely, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One run: returns how many changed incidents were newly queued. */
    public int runOnce() {
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
            }
        }
        // the next run looks back to this run's start, whatever time this one took
        lookback = Duration.between(started, clock.instant()).plus(interval);
        if (newlyQueued > 0) {
            queued.increment(newlyQueued);
            onQueued.run();
            log.info("sweep queued {} incident(s) changed in the last {} minutes", newlyQueued, minutes);
        }
        return newlyQueued;
    }

    private void runSafely() {
        try {
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
