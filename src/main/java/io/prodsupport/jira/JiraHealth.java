package io.prodsupport.jira;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * How Jira has been answering, seen from every request the client sends: when it last answered (any status below 500
 * but 429: a 404 is an answer), and how many attempts in a row have failed since (5xx, 429, no connection, timeout).
 * Readiness is judged from this, not from a probe of its own, so it costs Jira nothing.
 */
public final class JiraHealth implements Interceptor {

    /** What the readiness endpoint shows. */
    public record Snapshot(Optional<Instant> lastAnswer, int consecutiveFailures, Optional<String> lastFailure) {}

    private final Clock clock;
    private final AtomicReference<Snapshot> state =
            new AtomicReference<>(new Snapshot(Optional.empty(), 0, Optional.empty()));

    JiraHealth(Clock clock) {
        this.clock = clock;
    }

    public Snapshot snapshot() {
        return state.get();
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Response response;
        try {
            response = chain.proceed(chain.request());
        } catch (IOException e) {
            failed(e.getClass().getSimpleName() + ": " + e.getMessage());
            throw e;
        }
        if (response.code() >= 500 || response.code() == 429) {
            failed("HTTP " + response.code() + " on " + chain.request().url().encodedPath());
        } else {
            state.set(new Snapshot(Optional.of(clock.instant()), 0, Optional.empty()));
        }
        return response;
    }

    private void failed(String what) {
        state.updateAndGet(s -> new Snapshot(s.lastAnswer(), s.consecutiveFailures() + 1, Optional.of(what)));
    }
}
