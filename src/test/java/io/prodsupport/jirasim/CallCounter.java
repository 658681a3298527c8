package io.prodsupport.jirasim;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Requests received per endpoint, keyed by method + the OpenAPI path template with v2 paths, e.g.
 * {@code "PUT /rest/api/2/issue/{issueIdOrKey}"}. Every request counts, including the ones a fault answered.
 */
public final class CallCounter {
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    void record(String endpoint) {
        counts.computeIfAbsent(endpoint, k -> new AtomicInteger()).incrementAndGet();
    }

    public int count(String endpoint) {
        AtomicInteger c = counts.get(endpoint);
        return c == null ? 0 : c.get();
    }

    public int total() {
        return counts.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    public SortedMap<String, Integer> snapshot() {
        SortedMap<String, Integer> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    public void reset() {
        counts.clear();
    }
}
