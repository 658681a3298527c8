package io.prodsupport.webhook;

import java.time.Duration;

/**
 * What the HTTP face allows one sender, so a slow or hostile one is cut off instead of served: Jira sends a whole
 * webhook (a few KB) at once, so a body that trickles in, or never finishes, is not Jira's.
 *
 * @param idleTimeout       a connection with no traffic for this long is closed (kept-alive and half-sent alike)
 * @param maxHeaderBytes    the request line and headers together; more is answered 431
 * @param minBodyBytesPerSecond a body arriving slower than this (measured from when it was first waited for) is
 *                          answered 408
 * @param bodyDeadline      a body not complete this long after the headers is answered 408, however fast it drips
 * @param maxBodyBytes      a body over this is answered 413 as soon as it passes it
 * @param requestsPerClient requests from one address handled at once (body loading included); the rest wait their
 *                          turn without holding a thread
 */
public record HttpLimits(
        Duration idleTimeout,
        int maxHeaderBytes,
        long minBodyBytesPerSecond,
        Duration bodyDeadline,
        int maxBodyBytes,
        int requestsPerClient) {

    /** Generous for Jira (bursts of hundreds of deliveries are queued per address, not refused). */
    public static final HttpLimits DEFAULTS = new HttpLimits(
            Duration.ofSeconds(30), 16 * 1024, 1024, Duration.ofSeconds(10), WebhookIntake.MAX_BODY_BYTES, 32);

    public HttpLimits {
        if (idleTimeout.isNegative()
                || idleTimeout.isZero()
                || bodyDeadline.isNegative()
                || bodyDeadline.isZero()
                || maxHeaderBytes <= 0
                || minBodyBytesPerSecond < 0
                || maxBodyBytes <= 0
                || requestsPerClient <= 0) {
            throw new IllegalArgumentException("HTTP limits must be positive: " + this);
        }
    }
}
