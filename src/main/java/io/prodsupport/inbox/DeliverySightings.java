package io.prodsupport.inbox;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which issues Jira has called the service about since it started listening, and the newest event time (Jira's own
 * clock, the payload's {@code timestamp}) of each: every authenticated delivery counts, whether stored, a duplicate or
 * an event of prodsupport's own account that was dropped. The sweep compares it with the changes it finds to notice
 * webhooks that never arrived. Kept in memory: it speaks of this process's listening only.
 */
public final class DeliverySightings {

    private final Instant since;
    private final Map<String, Instant> newest = new ConcurrentHashMap<>();

    /** @param since when the intake started listening (the service's clock) */
    public DeliverySightings(Instant since) {
        this.since = since;
    }

    public Instant since() {
        return since;
    }

    /**
     * A delivery about the issue, by every name it goes by (its key, {@code id:<issueId>} when the payload names only
     * the id).
     */
    public void saw(Iterable<String> issueRefs, Instant eventTime) {
        for (String ref : issueRefs) {
            newest.merge(ref, eventTime, (a, b) -> a.isAfter(b) ? a : b);
        }
    }

    /** Forgets issues whose newest delivery is older than {@code cutoff}: the sweep never looks back that far. */
    public void forgetBefore(Instant cutoff) {
        newest.values().removeIf(t -> t.isBefore(cutoff));
    }

    /** How many issues are remembered. */
    public int size() {
        return newest.size();
    }

    /** The newest event time of a delivery about the issue, under any of {@code issueRefs}. */
    public Optional<Instant> newestFor(Iterable<String> issueRefs) {
        Instant best = null;
        for (String ref : issueRefs) {
            Instant t = newest.get(ref);
            if (t != null && (best == null || t.isAfter(best))) {
                best = t;
            }
        }
        return Optional.ofNullable(best);
    }
}
