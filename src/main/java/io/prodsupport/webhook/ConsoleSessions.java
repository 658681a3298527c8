package io.prodsupport.webhook;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's logins, in memory (a restart logs everybody out): a random session id for the cookie and a random
 * CSRF token per session, both 256 bits. A session ends {@link #TTL} after login, or at logout.
 */
public final class ConsoleSessions {

    /** How long a login lasts: a working day. */
    public static final Duration TTL = Duration.ofHours(12);
    /** Sessions kept at most; the oldest goes when a login would exceed it. */
    static final int MAX = 1_000;

    /** A login: its CSRF token and when it ends. */
    public record Session(String csrf, Instant expires) {
        /** Whether {@code given} is this session's CSRF token, compared in constant time. */
        public boolean csrfMatches(String given) {
            return given != null && MessageDigest.isEqual(given.getBytes(), csrf.getBytes());
        }

        @Override
        public String toString() {
            return "Session[expires=" + expires + "]";
        }
    }

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    public ConsoleSessions(Clock clock) {
        this.clock = clock;
    }

    /** Starts a session; returns its id (for the cookie only: never log it). */
    public String start() {
        Instant now = clock.instant();
        sessions.values().removeIf(s -> !s.expires().isAfter(now));
        if (sessions.size() >= MAX) {
            sessions.entrySet().stream()
                    .min(Map.Entry.comparingByValue(java.util.Comparator.comparing(Session::expires)))
                    .ifPresent(oldest -> sessions.remove(oldest.getKey()));
        }
        String id = randomToken();
        sessions.put(id, new Session(randomToken(), now.plus(TTL)));
        return id;
    }

    /** The live session of {@code id}; an expired one is forgotten. */
    public Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Session s = sessions.get(id);
        if (s == null) {
            return Optional.empty();
        }
        if (!s.expires().isAfter(clock.instant())) {
            sessions.remove(id, s);
            return Optional.empty();
        }
        return Optional.of(s);
    }

    public void end(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    int size() {
        return sessions.size();
    }

    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
