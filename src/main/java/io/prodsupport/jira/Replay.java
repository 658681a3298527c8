package io.prodsupport.jira;

import okhttp3.Request;

/**
 * Whether repeating a request is harmless, attached to a request as a tag by the endpoint method that
 * knows. GET, PUT and DELETE are {@link #SAFE} by HTTP's definition; POST is {@link #UNSAFE} unless the
 * endpoint says otherwise (search is a read; adding a watcher twice leaves one watcher).
 */
enum Replay {
    /** Jira ends in the same state however often the request arrives. */
    SAFE,
    /** A repeat may act twice (a second issue, a second comment) if the first one reached Jira. */
    UNSAFE;

    static Replay of(Request request) {
        Replay tagged = request.tag(Replay.class);
        if (tagged != null) {
            return tagged;
        }
        return switch (request.method()) {
            case "GET", "HEAD", "PUT", "DELETE", "OPTIONS" -> SAFE;
            default -> UNSAFE;
        };
    }
}
