package io.prodsupport.backfill;

import io.prodsupport.backfill.BackfillCheckpoints.Checkpoint;
import io.prodsupport.backfill.BackfillCheckpoints.Failure;
import io.prodsupport.backfill.TicketResult.Outcome;
import io.prodsupport.incident.IncidentWorkflow;
import io.prodsupport.jira.Issue;
import io.prodsupport.jira.JiraClient;
import io.prodsupport.jira.JiraException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Runs the incident workflow over every ticket a JQL search finds, {@code concurrency} at a time. The search is read
 * a little ahead of the workers ({@link SearchAhead}) and a ticket is taken from it only when a worker is free, so at
 * most a few pages and the tickets in flight are in memory whatever the count; the tickets worth a line in the report
 * go to a temporary file ({@link NotableResults}). The checkpoint's watermark advances only past tickets that are all finished, at most once
 * a second: after a crash, a resume redoes at most a second's worth of tickets, which is harmless because the
 * reconciler only does what is missing.
 */
public final class Backfill {

    private static final Duration FLUSH_EVERY = Duration.ofSeconds(1);
    /** Tickets the search is read ahead of the workers: two pages of 100. */
    private static final int READ_AHEAD = 200;
    /**
     * How long the start waits for the count of tickets (one search of ids, 100 a page) before it starts without it;
     * the progress display gets the count when it comes. Counting 100,000 tickets is 1,000 calls, half a minute at
     * 20 ms each, that the run no longer waits for.
     */
    private static final Duration COUNT_WAIT = Duration.ofSeconds(2);

    private final JiraClient jira;
    private final IncidentWorkflow workflow;
    private final ResolvedTickets resolved;
    private final BackfillCheckpoints checkpoints;
    private final Clock clock;
    private volatile boolean stopping;

    public Backfill(
            JiraClient jira,
            IncidentWorkflow workflow,
            ResolvedTickets resolved,
            BackfillCheckpoints checkpoints,
            Clock clock) {
        this.jira = jira;
        this.workflow = workflow;
        this.resolved = resolved;
        this.checkpoints = checkpoints;
        this.clock = clock;
    }

    /** The fields a ticket is searched with: what the workflow's rules look at, so it needs no read of its own. */
    static List<String> searchFields() {
        return IncidentWorkflow.fields();
    }

    /** The issue properties a ticket is searched with. */
    static List<String> searchProperties() {
        return IncidentWorkflow.properties();
    }

    /** Stop taking tickets; those in flight finish and the checkpoint is written (Ctrl-C). */
    public void stop() {
        stopping = true;
    }

    public BackfillSummary run(BackfillOptions options, BackfillListener listener) throws InterruptedException {
        String jql = options.orderedJql();
        Optional<Checkpoint> earlier = options.resume() ? checkpoints.find(jql) : Optional.empty();
        Optional<String> resumeAfter = earlier.flatMap(Checkpoint::watermark);
        List<Failure> retry = earlier.isPresent() ? checkpoints.failures(jql) : List.of();
        if (!options.dryRun() && earlier.isEmpty()) {
            checkpoints.begin(jql, clock.instant());
        }
        BackfillSummary summary = new BackfillSummary(
                jql,
                options.dryRun(),
                clock.instant(),
                resumeAfter,
                earlier.map(Checkpoint::finished).orElse(0L));
        Progress progress = new Progress(
                jql,
                options,
                summary,
                listener,
                earlier.map(Checkpoint::finished).orElse(0L));
        CompletableFuture<Long> count = new CompletableFuture<>();
        Thread counter = new Thread(() -> count.complete(expected(options, jql)), "backfill-count");
        counter.setDaemon(true);
        counter.start();
        AtomicBoolean over = new AtomicBoolean();
        long counted = countWithin(count, COUNT_WAIT);
        listener.starting(counted);
        if (counted < 0) {
            count.thenAccept(expected -> {
                synchronized (over) {
                    if (!over.get() && expected >= 0) {
                        listener.expected(expected);
                    }
                }
            });
        }
        TicketHandler handler =
                new TicketHandler(jira, workflow, resolved, summary, options.dryRun(), options.notifyUsers());
        ExecutorService pool = Executors.newFixedThreadPool(options.concurrency(), workerThreads());
        Semaphore free = new Semaphore(options.concurrency());
        boolean completed = false;
        try {
            for (Failure failure : retry) {
                free.acquire();
                pool.execute(() -> progress.finishRetry(handle(handler, failure.issueKey()), free));
            }
            completed = feed(options, jql, resumeAfter, handler, pool, free, progress);
        } finally {
            pool.shutdown();
            pool.awaitTermination(1, TimeUnit.HOURS);
            progress.flush();
            summary.ended(clock.instant(), completed);
            if (completed && !options.dryRun()) {
                checkpoints.complete(jql, clock.instant());
            }
            synchronized (over) {
                over.set(true);
            }
            counter.interrupt();
            listener.ended();
        }
        return summary;
    }

    /** Hands tickets from the search to the pool; true when the search was read to its end. */
    private boolean feed(
            BackfillOptions options,
            String jql,
            Optional<String> resumeAfter,
            TicketHandler handler,
            ExecutorService pool,
            Semaphore free,
            Progress progress)
            throws InterruptedException {
        ResumePoint skip = new ResumePoint(resumeAfter);
        long taken = 0;
        try (Stream<Issue> search = jira.search(jql, searchFields(), searchProperties());
                SearchAhead ahead = new SearchAhead(
                        search.iterator(), issues -> nextPage(issues, progress.summary()), READ_AHEAD)) {
            while (!stopping && (options.limit() == 0 || taken < options.limit())) {
                SearchAhead.Next next = ahead.take();
                if (next.end()) {
                    return true;
                }
                if (next.failure() != null) {
                    progress.summary().searchFailed(next.failure());
                    return false;
                }
                Issue issue = next.issue();
                if (skip.skips(issue.key())) {
                    progress.skipped();
                    continue;
                }
                free.acquire();
                long sequence = progress.started(issue.key());
                taken++;
                pool.execute(() -> progress.finish(sequence, handle(handler, issue), free));
            }
        }
        return false;
    }

    /** {@code hasNext} may fetch a page; a page refused for throttling is asked for again, never given up. */
    private static boolean nextPage(Iterator<Issue> issues, BackfillSummary summary) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return issues.hasNext();
            } catch (JiraException e) {
                if (e.status() != 429) {
                    throw e;
                }
                summary.throttledOnce();
                Thread.sleep(Math.min(10_000L, 500L * attempt));
            }
        }
    }

    private static TicketResult handle(TicketHandler handler, Issue issue) {
        try {
            return handler.handle(issue);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return TicketResult.failed(issue.key(), "?", "interrupted before it was done");
        }
    }

    private static TicketResult handle(TicketHandler handler, String key) {
        try {
            return handler.handle(key);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return TicketResult.failed(key, "?", "interrupted before it was done");
        }
    }

    private static long countWithin(CompletableFuture<Long> count, Duration wait) throws InterruptedException {
        try {
            return count.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return -1;
        } catch (ExecutionException e) {
            return -1;
        }
    }

    /** How many tickets the search will pass, for the progress display: one cheap search of ids, 100 a page. */
    private long expected(BackfillOptions options, String jql) {
        try (Stream<Issue> ids = jira.search(jql, List.of("id"))) {
            long count = ids.count();
            return options.limit() == 0 ? count : Math.min(count, options.limit());
        } catch (JiraException | UncheckedIOException e) {
            return -1; // the real search reports the problem; the display goes without a total
        } catch (RuntimeException e) {
            return -1; // interrupted at the end of a short run, or anything else: the display goes without a total
        }
    }

    private static java.util.concurrent.ThreadFactory workerThreads() {
        AtomicInteger number = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "backfill-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Skips, after a resume, what an earlier run finished: everything up to the watermark key, in search order. */
    private static final class ResumePoint {
        private final Optional<String> after;
        private boolean passed;

        ResumePoint(Optional<String> after) {
            this.after = after;
            this.passed = after.isEmpty();
        }

        boolean skips(String key) {
            if (passed) {
                return false;
            }
            String mark = after.orElseThrow();
            if (key.equals(mark)) {
                passed = true;
                return true;
            }
            // the mark's ticket may have been deleted or moved since: stop skipping once the search is past it
            passed = IssueKeys.ORDER.compare(key, mark) > 0;
            return !passed;
        }
    }

    /** Records results, moves the watermark and writes the checkpoint; shared by the workers. */
    private final class Progress {
        private final String jql;
        private final BackfillOptions options;
        private final BackfillSummary summary;
        private final BackfillListener listener;
        private final Watermark watermark = new Watermark();
        private final long finishedBefore;
        private long sequence;
        private long finished;
        private Instant lastFlush = Instant.MIN;
        private String flushed;

        Progress(
                String jql,
                BackfillOptions options,
                BackfillSummary summary,
                BackfillListener listener,
                long finishedBefore) {
            this.jql = jql;
            this.options = options;
            this.summary = summary;
            this.listener = listener;
            this.finishedBefore = finishedBefore;
        }

        BackfillSummary summary() {
            return summary;
        }

        void skipped() {
            summary.skippedOne();
            listener.skipped();
        }

        /** Called on the feeding thread, in search order. */
        long started(String key) {
            long next = ++sequence;
            watermark.started(next, key);
            return next;
        }

        void finish(long ticket, TicketResult result, Semaphore free) {
            try {
                record(result);
                watermark.finished(ticket);
                synchronized (this) {
                    finished++;
                    if (Duration.between(lastFlush, clock.instant()).compareTo(FLUSH_EVERY) >= 0) {
                        flush();
                    }
                }
            } finally {
                free.release();
            }
        }

        void finishRetry(TicketResult result, Semaphore free) {
            try {
                record(result);
                if (!options.dryRun() && result.outcome() != Outcome.FAILED) {
                    checkpoints.recovered(jql, result.key());
                }
            } finally {
                free.release();
            }
        }

        private void record(TicketResult result) {
            summary.record(result);
            if (!options.dryRun() && result.outcome() == Outcome.FAILED) {
                checkpoints.failed(jql, result.key(), result.reason(), clock.instant());
            }
            listener.finished(result);
        }

        synchronized void flush() {
            lastFlush = clock.instant();
            Optional<String> mark = watermark.mark();
            if (options.dryRun() || mark.isEmpty() || mark.get().equals(flushed)) {
                return;
            }
            checkpoints.advance(jql, mark.get(), finishedBefore + finished, lastFlush);
            flushed = mark.get();
        }
    }
}
