package io.prodsupport.backfill;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The last ticket before which every ticket is finished, when several are worked on at once. Tickets are numbered in
 * search order as they are taken; the mark moves only past numbers that are all finished, so a resume after it never
 * skips a ticket that was still in flight when the run stopped. Thread-safe.
 */
final class Watermark {

    private final TreeMap<Long, String> inFlight = new TreeMap<>();
    private final TreeMap<Long, String> finishedAhead = new TreeMap<>();
    private String mark;

    /** Called in search order, before the ticket is handed to a worker. */
    synchronized void started(long sequence, String key) {
        inFlight.put(sequence, key);
    }

    /** @return the new mark when this finish moved it */
    synchronized Optional<String> finished(long sequence) {
        String key = inFlight.remove(sequence);
        if (key == null) {
            throw new IllegalStateException("ticket " + sequence + " finished without having started");
        }
        finishedAhead.put(sequence, key);
        long firstOpen = inFlight.isEmpty() ? Long.MAX_VALUE : inFlight.firstKey();
        Map<Long, String> passed = finishedAhead.headMap(firstOpen);
        if (passed.isEmpty()) {
            return Optional.empty();
        }
        mark = finishedAhead.floorEntry(firstOpen - 1).getValue();
        passed.clear();
        return Optional.of(mark);
    }

    synchronized Optional<String> mark() {
        return Optional.ofNullable(mark);
    }
}
