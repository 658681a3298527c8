package io.prodsupport.jira;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;

/**
 * What the client's retries and rate-limit pauses have cost so far, for {@code /metrics}: how often it sent a request
 * again and why, how long it backed off in all and at most, and how long callers waited on Jira's rate limit. Kept
 * free of a metrics library; {@code app} publishes it.
 */
public final class RetryStats {

    /** Why a request was sent again. */
    public enum Reason {
        /** 5xx without {@code Retry-After}, on a request that is safe to repeat. */
        SERVER_ERROR,
        /** A timeout or a broken connection. */
        IO_ERROR,
        /** 429, or 503 with {@code Retry-After}: sent again once the pause was over. */
        RATE_LIMITED
    }

    private final AtomicLong[] retries = new AtomicLong[Reason.values().length];
    private final AtomicLong backoffNanos = new AtomicLong();
    private final LongAccumulator longestBackoffNanos = new LongAccumulator(Math::max, 0);
    private final AtomicLong rateLimitWaits = new AtomicLong();
    private final AtomicLong rateLimitWaitNanos = new AtomicLong();

    public RetryStats() {
        for (int i = 0; i < retries.length; i++) {
            retries[i] = new AtomicLong();
        }
    }

    void retried(Reason reason, Duration backoff) {
        retries[reason.ordinal()].incrementAndGet();
        backoffNanos.addAndGet(backoff.toNanos());
        longestBackoffNanos.accumulate(backoff.toNanos());
    }

    void waitedForRateLimit(Duration wait) {
        rateLimitWaits.incrementAndGet();
        rateLimitWaitNanos.addAndGet(wait.toNanos());
    }

    public long retries(Reason reason) {
        return retries[reason.ordinal()].get();
    }

    /** Back-off slept before repeating a request after a 5xx or an I/O error, in all. */
    public Duration backoff() {
        return Duration.ofNanos(backoffNanos.get());
    }

    public Duration longestBackoff() {
        return Duration.ofNanos(longestBackoffNanos.get());
    }

    /** Times a caller waited because Jira had asked every caller to pause. */
    public long rateLimitWaits() {
        return rateLimitWaits.get();
    }

    public Duration rateLimitWait() {
        return Duration.ofNanos(rateLimitWaitNanos.get());
    }
}
