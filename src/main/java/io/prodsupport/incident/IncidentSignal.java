package io.prodsupport.incident;

import java.util.Objects;
import java.util.Optional;

/**
 * What happened to an issue, reduced to what the {@link IncidentWorkflow} decides on. A webhook, the sweep and the
 * backfill each produce one; none of them carries the issue's state, which the workflow reads from Jira (webhooks are
 * hints, Jira is the truth).
 *
 * @param issue       the issue's key, or its id when that is all the event named (Data Center comment events)
 * @param kind        what happened
 * @param source      where the signal came from, for logs: the webhook delivery id, {@code sweep:…}, {@code backfill}
 * @param changelogId Jira's id of the change, the same on every redelivery of it; present for {@link Kind#CLOSED}
 * @param fromStatus  the status the issue left, for {@link Kind#CLOSED}
 * @param actor       who did it (accountId on Cloud, username on Data Center), when known
 * @param commentText the comment's text, for {@link Kind#COMMENTED}
 */
public record IncidentSignal(
        String issue,
        Kind kind,
        String source,
        Optional<String> changelogId,
        Optional<String> fromStatus,
        Optional<String> actor,
        Optional<String> commentText) {

    public enum Kind {
        /** Jira created the issue. */
        CREATED,
        /** A field changed, other than a move into a done status. */
        UPDATED,
        /** The status changed into one of the done category. */
        CLOSED,
        /** Someone commented. */
        COMMENTED,
        /** The sweep found the issue changed since its last run; a webhook may have been lost. */
        SWEPT,
        /** The backfill is bringing an old ticket up to the standard. */
        BACKFILLED
    }

    public IncidentSignal {
        Objects.requireNonNull(issue, "issue");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(source, "source");
    }

    public static IncidentSignal created(String issue, String source, Optional<String> actor) {
        return new IncidentSignal(
                issue, Kind.CREATED, source, Optional.empty(), Optional.empty(), actor, Optional.empty());
    }

    public static IncidentSignal updated(String issue, String source, Optional<String> actor) {
        return new IncidentSignal(
                issue, Kind.UPDATED, source, Optional.empty(), Optional.empty(), actor, Optional.empty());
    }

    public static IncidentSignal closed(
            String issue, String source, String changelogId, String fromStatus, Optional<String> actor) {
        return new IncidentSignal(
                issue, Kind.CLOSED, source, Optional.of(changelogId), Optional.of(fromStatus), actor, Optional.empty());
    }

    public static IncidentSignal commented(String issue, String source, Optional<String> author, String text) {
        return new IncidentSignal(
                issue, Kind.COMMENTED, source, Optional.empty(), Optional.empty(), author, Optional.ofNullable(text));
    }

    public static IncidentSignal swept(String issue, String source) {
        return new IncidentSignal(
                issue, Kind.SWEPT, source, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public static IncidentSignal backfilled(String issue) {
        return new IncidentSignal(
                issue,
                Kind.BACKFILLED,
                "backfill",
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }
}
