package io.prodsupport.backfill;

import io.prodsupport.backfill.TicketResult.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one backfill run did: counts by outcome, the tickets worth a line in the report, and how the run went. Results
 * arrive from worker threads; tickets that met the standard are only counted, so memory grows with the tickets that
 * needed something, not with the size of the search.
 */
public final class BackfillSummary {

    private final String jql;
    private final boolean dryRun;
    private final Instant startedAt;
    private final Optional<String> resumedAfter;
    private final long finishedBefore;
    private final Map<Outcome, AtomicLong> counts = new EnumMap<>(Outcome.class);
    private final List<TicketResult> notable = new ArrayList<>();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong throttled = new AtomicLong();
    private volatile Instant endedAt;
    private volatile String searchFailure;
    private volatile boolean searchCompleted;

    BackfillSummary(String jql, boolean dryRun, Instant startedAt, Optional<String> resumedAfter, long finishedBefore) {
        this.jql = jql;
        this.dryRun = dryRun;
        this.startedAt = startedAt;
        this.resumedAfter = resumedAfter;
        this.finishedBefore = finishedBefore;
        for (Outcome outcome : Outcome.values()) {
            counts.put(outcome, new AtomicLong());
        }
    }

    void record(TicketResult result) {
        counts.get(result.outcome()).incrementAndGet();
        if (result.notable()) {
            synchronized (notable) {
                notable.add(result);
            }
        }
    }

    void skippedOne() {
        skipped.incrementAndGet();
    }

    void throttledOnce() {
        throttled.incrementAndGet();
    }

    void searchFailed(String reason) {
        searchFailure = reason;
    }

    void ended(Instant at, boolean completed) {
        searchCompleted = completed;
        endedAt = at;
    }

    public String jql() {
        return jql;
    }

    public boolean dryRun() {
        return dryRun;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Duration runTime() {
        return Duration.between(startedAt, endedAt == null ? startedAt : endedAt);
    }

    /** The watermark this run continued after ({@code --resume}), if any. */
    public Optional<String> resumedAfter() {
        return resumedAfter;
    }

    /** Tickets earlier runs had finished before this one resumed. */
    public long finishedBefore() {
        return finishedBefore;
    }

    public long count(Outcome outcome) {
        return counts.get(outcome).get();
    }

    /** Tickets this run handled, whatever the outcome. */
    public long handled() {
        return counts.values().stream().mapToLong(AtomicLong::get).sum();
    }

    public long skipped() {
        return skipped.get();
    }

    /** How often a ticket waited for Jira's rate limit and was tried again. */
    public long throttled() {
        return throttled.get();
    }

    public Optional<String> searchFailure() {
        return Optional.ofNullable(searchFailure);
    }

    /** Whether the search was read to its end (not cut short by --limit, Ctrl-C or a failure). */
    public boolean searchCompleted() {
        return searchCompleted;
    }

    /** The tickets worth a line, by key. */
    public List<TicketResult> notable() {
        synchronized (notable) {
            return notable.stream()
                    .sorted(Comparator.comparing(TicketResult::key, IssueKeys.ORDER))
                    .toList();
        }
    }

    public List<TicketResult> failures() {
        return notable().stream().filter(r -> r.outcome() == Outcome.FAILED).toList();
    }

    public List<TicketResult> closedWithGaps() {
        return notable().stream().filter(TicketResult::closedWithGaps).toList();
    }

    /** 0 when every ticket was handled, 1 when some failed or the search itself failed. */
    public int exitCode() {
        return count(Outcome.FAILED) == 0 && searchFailure == null ? 0 : 1;
    }
}
