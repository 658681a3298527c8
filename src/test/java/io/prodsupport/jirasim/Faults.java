package io.prodsupport.jirasim;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Faults to inject into REST answers, for all endpoints or (through {@link #on(String)}) one endpoint key
 * such as {@code "POST /rest/api/2/issue"}. Counted faults ("next n") are used up by matching calls;
 * periodic ones ("every nth") count matching calls. Rules are checked in the order they were added.
 */
public final class Faults {
    /** What a rule does to a call. */
    enum Kind {
        RATE_LIMIT,
        FAIL,
        SLOW,
        DROP_CONNECTION
    }

    /** {@code amount}: status for FAIL, Retry-After seconds for RATE_LIMIT. */
    record Rule(
            String endpoint,
            Kind kind,
            int amount,
            Duration duration,
            AtomicInteger remaining,
            int every,
            AtomicInteger seen) {

        boolean appliesTo(String key) {
            if (endpoint != null && !endpoint.equals(key)) {
                return false;
            }
            if (every > 0) {
                return seen.incrementAndGet() % every == 0;
            }
            return remaining.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
        }
    }

    private final List<Rule> rules;
    private final String endpoint;
    private final FaultState shared;

    /**
     * A REST call as the site answered it: when ({@link System#nanoTime()}, once any latency has passed), which
     * endpoint, and the {@code Retry-After} seconds when it was answered 429 (0 otherwise).
     */
    public record Answer(long nanos, String endpoint, int retryAfterSeconds) {}

    /** Latency and the token bucket are site-wide, like a real site's load, so they live outside the views. */
    static final class FaultState {
        volatile Duration latency = Duration.ZERO;
        volatile TokenBucket bucket;
        /** Null until {@link #recordAnswers()}. */
        volatile List<Answer> answers;
    }

    Faults() {
        this(new CopyOnWriteArrayList<>(), null, new FaultState());
    }

    private Faults(List<Rule> rules, String endpoint, FaultState shared) {
        this.rules = rules;
        this.endpoint = endpoint;
        this.shared = shared;
    }

    /** The same knobs, restricted to one endpoint key ({@code "METHOD /rest/api/2/template"}). */
    public Faults on(String endpointKey) {
        return new Faults(rules, endpointKey, shared);
    }

    public Faults rateLimitNext(int n, int retryAfterSeconds) {
        return add(Kind.RATE_LIMIT, retryAfterSeconds, null, n, 0);
    }

    public Faults rateLimitEvery(int nth, int retryAfterSeconds) {
        return add(Kind.RATE_LIMIT, retryAfterSeconds, null, 0, nth);
    }

    public Faults failNext(int n, int status) {
        return add(Kind.FAIL, status, null, n, 0);
    }

    public Faults failEvery(int nth, int status) {
        return add(Kind.FAIL, status, null, 0, nth);
    }

    /** The next n calls are answered normally but only after {@code delay}. */
    public Faults slowNext(int n, Duration delay) {
        return add(Kind.SLOW, 0, delay, n, 0);
    }

    /** The next n calls get no answer at all: the connection is closed, the client sees an IOException. */
    public Faults dropConnectionNext(int n) {
        return add(Kind.DROP_CONNECTION, 0, null, n, 0);
    }

    /** Added to every call (site-wide, even on an {@link #on(String)} view). */
    public Faults latency(Duration latency) {
        shared.latency = latency;
        return this;
    }

    /** A token bucket of {@code callsPerSecond} (burst of the same size); calls over it get 429 + Retry-After. */
    public Faults rateLimit(int callsPerSecond) {
        shared.bucket = new TokenBucket(callsPerSecond);
        return this;
    }

    /** From now on, keeps an {@link Answer} per REST call, for tests that check when calls came (off by default). */
    public Faults recordAnswers() {
        shared.answers = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        return this;
    }

    /** The calls answered since {@link #recordAnswers()}, in the order they were answered. */
    public List<Answer> answers() {
        List<Answer> answers = shared.answers;
        if (answers == null) {
            return List.of();
        }
        synchronized (answers) {
            return List.copyOf(answers);
        }
    }

    void answered(String endpointKey, int retryAfterSeconds) {
        List<Answer> answers = shared.answers;
        if (answers != null) {
            answers.add(new Answer(System.nanoTime(), endpointKey, retryAfterSeconds));
        }
    }

    /** Removes every fault, latency and rate limit. */
    public Faults clear() {
        rules.clear();
        shared.latency = Duration.ZERO;
        shared.bucket = null;
        return this;
    }

    private Faults add(Kind kind, int amount, Duration duration, int n, int every) {
        rules.add(new Rule(endpoint, kind, amount, duration, new AtomicInteger(n), every, new AtomicInteger()));
        return this;
    }

    List<Rule> rules() {
        return rules;
    }

    FaultState shared() {
        return shared;
    }

    /** Refills continuously; thread-safe by its monitor. */
    static final class TokenBucket {
        private final int perSecond;
        private double tokens;
        private long last = System.nanoTime();

        TokenBucket(int perSecond) {
            this.perSecond = perSecond;
            this.tokens = perSecond;
        }

        /** 0 when a token was taken, else the whole seconds until one is available (at least 1). */
        synchronized int take() {
            long now = System.nanoTime();
            tokens = Math.min(perSecond, tokens + (now - last) / 1e9 * perSecond);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (int) Math.max(1, Math.ceil((1 - tokens) / perSecond));
        }
    }
}
