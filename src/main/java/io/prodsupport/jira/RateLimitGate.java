package io.prodsupport.jira;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * One gate shared by every call of a client: when Jira answers 429, or 503 with {@code Retry-After}, the
 * gate closes until that instant and every call, on any thread, waits before its next request. Backing
 * off per thread would let the other threads keep Jira's rate limiter tripped.
 *
 * <p>A call whose {@link CallDeadline} falls before the gate opens fails at once with a 429
 * {@link JiraException} instead of waiting past its budget.
 */
final class RateLimitGate implements Interceptor {

    static final Duration DEFAULT_PAUSE = Duration.ofSeconds(5);

    private final Clock clock;
    private final Sleeper sleeper;
    private final AtomicReference<Instant> closedUntil = new AtomicReference<>(Instant.MIN);
    private final RetryStats stats;

    RateLimitGate(Clock clock, Sleeper sleeper, RetryStats stats) {
        this.clock = clock;
        this.sleeper = sleeper;
        this.stats = stats;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        awaitOpen(request);
        Response response = chain.proceed(request);
        pauseRequested(response, clock.instant()).ifPresent(this::closeUntil);
        return response;
    }

    /** The instant before which no request goes out; in the past when the gate is open. */
    Instant closedUntil() {
        return closedUntil.get();
    }

    private void closeUntil(Instant until) {
        closedUntil.accumulateAndGet(until, (a, b) -> a.isAfter(b) ? a : b);
    }

    private void awaitOpen(Request request) throws InterruptedIOException {
        CallDeadline deadline = request.tag(CallDeadline.class);
        while (true) {
            Instant until = closedUntil.get();
            Instant now = clock.instant();
            if (!now.isBefore(until)) {
                return;
            }
            if (deadline != null && until.isAfter(deadline.at())) {
                throw new JiraException(
                        request.method() + " " + request.url().encodedPath()
                                + " not sent: Jira is rate limiting this client until " + until
                                + ", beyond the call's retry budget",
                        429,
                        request.method(),
                        request.url().encodedPath(),
                        List.of(),
                        Map.of());
            }
            Duration wait = Duration.between(now, until);
            try {
                stats.waitedForRateLimit(wait);
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while Jira's rate limit was in force");
            }
        }
    }

    /** Whether the response asks every caller to pause, and until when. */
    static Optional<Instant> pauseRequested(Response response, Instant now) {
        String retryAfter = response.header("Retry-After");
        if (response.code() == 429) {
            return Optional.of(now.plus(parseRetryAfter(retryAfter, now).orElse(DEFAULT_PAUSE)));
        }
        if (response.code() == 503 && retryAfter != null) {
            return Optional.of(now.plus(parseRetryAfter(retryAfter, now).orElse(DEFAULT_PAUSE)));
        }
        return Optional.empty();
    }

    /** {@code Retry-After} is either delay-seconds or an HTTP-date (RFC 9110 §10.2.3). */
    static Optional<Duration> parseRetryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String trimmed = value.trim();
        try {
            if (trimmed.chars().allMatch(Character::isDigit)) {
                return Optional.of(Duration.ofSeconds(Long.parseLong(trimmed)));
            }
            Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
            return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
        } catch (NumberFormatException | DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
