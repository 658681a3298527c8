package io.prodsupport.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Redeliveries of one event racing each other, as inbox workers of several instances would run them. */
final class RacingDeliveries {

    private RacingDeliveries() {}

    /** Runs every delivery at once, each on a thread of its own, in an order {@code random} shuffles; each is handled. */
    static void race(List<Callable<Integer>> deliveries, Random random) throws Exception {
        Collections.shuffle(deliveries, random);
        ExecutorService pool = Executors.newFixedThreadPool(deliveries.size());
        try {
            for (Future<Integer> attempts : pool.invokeAll(deliveries, 2, TimeUnit.MINUTES)) {
                assertThat(attempts.get()).isPositive();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * One delivery as the inbox worker runs it: again after each failure (a busy claim too), a little later; counts
     * the failed attempts in {@code failedAttempts} and returns the attempt that handled it.
     */
    static int untilHandled(Runnable handle, int startDelayMillis, AtomicInteger failedAttempts)
            throws InterruptedException {
        Thread.sleep(startDelayMillis);
        for (int attempt = 1; attempt <= 200; attempt++) {
            try {
                handle.run();
                return attempt;
            } catch (RuntimeException e) {
                failedAttempts.incrementAndGet();
                Thread.sleep(5 + attempt % 7 * 5);
            }
        }
        throw new AssertionError("delivery never handled");
    }
}
