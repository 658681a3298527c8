package io.prodsupport.jira;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Retries within a {@link RetryBudget}. What is retried depends on whether Jira may already have acted:
 * <ul>
 *   <li>429, and 503 with {@code Retry-After}: always; Jira refused the request, and {@link RateLimitGate}
 *       holds every caller until the pause is over.
 *   <li>other 5xx, timeouts and broken connections: only for {@link Replay#SAFE} requests, after a back-off
 *       with full jitter. Jira may have created the issue before answering 500, so an unsafe POST is
 *       returned to the caller, who de-duplicates (the follow-up ledger and origin properties do). Unsafe: creating
 *       an issue, a version, a link, a comment, a transition, and adding an attachment (a repeat attaches the file
 *       twice; the mail intake looks for a file of the same name and size before it attaches again).
 *   <li>I/O errors before anything was sent (connection refused, unknown host): always.
 *   <li>other 4xx: never; asking again gets the same answer.
 * </ul>
 * OkHttp's own silent connection retry is switched off by the client, so this is the only retry policy.
 */
final class RetryInterceptor implements Interceptor {

    private final RetryBudget budget;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final RetryStats stats;

    RetryInterceptor(RetryBudget budget, Clock clock, Sleeper sleeper, RandomGenerator random, RetryStats stats) {
        this.budget = budget;
        this.clock = clock;
        this.sleeper = sleeper;
        this.random = random;
        this.stats = stats;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Instant deadline = clock.instant().plus(budget.maxTotal());
        Request request = chain.request()
                .newBuilder()
                .tag(CallDeadline.class, new CallDeadline(deadline))
                .build();
        boolean safe = Replay.of(request) == Replay.SAFE;
        for (int attempt = 1; ; attempt++) {
            boolean lastAttempt = attempt >= budget.maxAttempts();
            Response response;
            try {
                response = chain.proceed(request);
            } catch (IOException e) {
                Duration delay = jitteredDelay(attempt);
                if (lastAttempt || !retryable(chain, e, safe) || !fits(delay, deadline)) {
                    throw e;
                }
                stats.retried(RetryStats.Reason.IO_ERROR, delay);
                sleep(delay);
                continue;
            }
            if (lastAttempt) {
                return response;
            }
            if (RateLimitGate.pauseRequested(response, clock.instant()).isPresent()) {
                response.close(); // the gate makes the next attempt wait
                stats.retried(RetryStats.Reason.RATE_LIMITED, Duration.ZERO);
                continue;
            }
            Duration delay = jitteredDelay(attempt);
            if (response.code() < 500 || !safe || !fits(delay, deadline)) {
                return response;
            }
            response.close();
            stats.retried(RetryStats.Reason.SERVER_ERROR, delay);
            sleep(delay);
        }
    }

    private static boolean retryable(Chain chain, IOException e, boolean safe) {
        if (chain.call().isCanceled() || Thread.currentThread().isInterrupted()) {
            return false;
        }
        boolean notSent = e instanceof ConnectException
                || e instanceof NoRouteToHostException
                || e instanceof UnknownHostException;
        return safe || notSent;
    }

    /** Full jitter: uniform in {@code [0, cap]}, so callers that failed together do not retry together. */
    private Duration jitteredDelay(int attempt) {
        long capNanos = budget.backoffCap(attempt).toNanos();
        return Duration.ofNanos(capNanos <= 0 ? 0 : random.nextLong(capNanos + 1));
    }

    private boolean fits(Duration delay, Instant deadline) {
        return !clock.instant().plus(delay).isAfter(deadline);
    }

    private void sleep(Duration delay) throws InterruptedIOException {
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while backing off before retrying Jira");
        }
    }
}
