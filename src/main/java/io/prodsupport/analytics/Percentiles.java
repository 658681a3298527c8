package io.prodsupport.analytics;

import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * The median and 90th percentile of some durations, in whole seconds, by the nearest-rank method: the value at rank
 * ⌈p/100 × n⌉ of the sorted values, always one of the observed values. Null percentiles when there are none.
 */
public record Percentiles(Long p50Seconds, Long p90Seconds, int count) {

    public static Percentiles of(Collection<Duration> durations) {
        List<Long> seconds =
                durations.stream().map(Duration::getSeconds).sorted().toList();
        if (seconds.isEmpty()) {
            return new Percentiles(null, null, 0);
        }
        return new Percentiles(nearestRank(seconds, 50), nearestRank(seconds, 90), seconds.size());
    }

    /** {@code sorted} ascending and not empty. */
    static long nearestRank(List<Long> sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(1, rank) - 1);
    }
}
