package io.prodsupport.jira;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * A clock and sleeper that never touch the wall clock. In {@link #autoAdvancing()} mode a sleep moves time
 * forward at once; in {@link #manual()} mode a sleeper blocks until the test calls {@link #advance}, so a
 * test can see who is waiting.
 */
final class FakeTime extends Clock implements Sleeper {

    private final boolean autoAdvance;
    private Instant now = Instant.parse("2026-11-23T10:00:00Z");
    private final List<Duration> sleeps = new ArrayList<>();
    private int sleeping;

    private FakeTime(boolean autoAdvance) {
        this.autoAdvance = autoAdvance;
    }

    static FakeTime autoAdvancing() {
        return new FakeTime(true);
    }

    static FakeTime manual() {
        return new FakeTime(false);
    }

    @Override
    public synchronized void sleep(Duration duration) throws InterruptedException {
        sleeps.add(duration);
        Instant wakeAt = now.plus(duration);
        if (autoAdvance) {
            now = wakeAt;
            return;
        }
        sleeping++;
        try {
            while (now.isBefore(wakeAt)) {
                wait();
            }
        } finally {
            sleeping--;
        }
    }

    synchronized void advance(Duration duration) {
        now = now.plus(duration);
        notifyAll();
    }

    /** How many threads are blocked in {@link #sleep} right now. */
    synchronized int sleeping() {
        return sleeping;
    }

    synchronized List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }

    @Override
    public synchronized Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("FakeTime is UTC only");
    }
}
