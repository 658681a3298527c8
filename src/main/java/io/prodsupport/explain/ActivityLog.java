package io.prodsupport.explain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Where the service records what it did for each event; kept for {@link #RETENTION} and then pruned. */
public interface ActivityLog extends AutoCloseable {

    /** How long activity is kept: long enough to explain any incident of the last quarter. */
    Duration RETENTION = Duration.ofDays(90);

    void record(Activity activity);

    /** The incident's activity, oldest first. */
    List<Activity> of(String issueKey);

    /** The last {@code limit} entries over every incident, newest first (the console's recent events). */
    List<Activity> recent(int limit);

    /** Deletes activity older than {@code before}, a batch at a time; returns how many rows went. */
    int prune(Instant before);

    @Override
    void close();
}
