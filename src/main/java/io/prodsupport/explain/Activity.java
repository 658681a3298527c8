package io.prodsupport.explain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One event prodsupport handled for an incident, and its outcome.
 *
 * @param source what brought it: a webhook's delivery id, {@code sweep}, {@code backfill}
 * @param event  the kind of event as Jira named it ({@code jira:issue_updated}, {@code comment_created}, …)
 * @param did    one line per thing done (or, {@link Mode#OBSERVED}, that would have been done); the error for
 *               {@link Mode#FAILED}; empty when there was nothing to do
 */
public record Activity(String issueKey, Instant at, String source, String event, Mode mode, List<String> did) {

    public enum Mode {
        /** Done in Jira. */
        ENFORCED,
        /** Not done: the project is in observe mode; {@code did} is what would have been done. */
        OBSERVED,
        /** The attempt failed; the event is retried (or parked as a dead letter after its last attempt). */
        FAILED
    }

    public Activity {
        Objects.requireNonNull(issueKey, "issueKey");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(mode, "mode");
        did = List.copyOf(did);
    }
}
