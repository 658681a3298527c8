package io.prodsupport.backfill;

import io.prodsupport.backfill.TicketResult.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * What one backfill run did: counts by outcome, the tickets worth a line in the report, and how the run went. Results
 * arrive from worker threads; tickets that met the standard are only counted, and those worth a line are kept in a
 * temporary file ({@link NotableResults}), so memory stays flat however many tickets the search finds. Closing the
 * summary deletes that file.
 */
public final class BackfillSummary implements AutoCloseable {

    private final String jql;
    private final boolean dryRun;
    private final Instant startedAt;
    private final Optional<String> resumedAfter;
    private final long finishedBefore;
    private final Map<Outcome, AtomicLong> counts = new EnumMap<>(Outcome.class);
    private final NotableResults notable = new NotableResults();
    private final AtomicLong closedWithGaps = new AtomicLong();
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
            notable.add(result);
            if (result.closedWithGaps()) {
                closedWithGaps.incrementAndGet();
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

    /** The tickets worth a line, by key; read back from disk, so the caller closes the stream. */
    public Stream<TicketResult> notable() {
        return notable.sorted();
    }

    /** The tickets that failed, by key (few: a failure is the exception). */
    public List<TicketResult> failures() {
        try (Stream<TicketResult> all = notable()) {
            return all.filter(r -> r.outcome() == Outcome.FAILED).toList();
        }
    }

    /** The closed tickets without a root cause or its fix, by key; the caller closes the stream. */
    public Stream<TicketResult> closedWithGaps() {
        return notable().filter(TicketResult::closedWithGaps);
    }

    public long closedWithGapsCount() {
        return closedWithGaps.get();
    }

    /** Deletes the temporary file that held the tickets for the report. */
    @Override
    public void close() {
        notable.close();
    }

    /** 0 when every ticket was handled, 1 when some failed or the search itself failed. */
    public int exitCode() {
        return count(Outcome.FAILED) == 0 && searchFailure == null ? 0 : 1;
    }
}
