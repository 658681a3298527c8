package io.prodsupport.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prodsupport.explain.Activity;
import io.prodsupport.explain.ActivityLog;
import io.prodsupport.testing.PostgresServer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The activity log's queries on real SQLite and PostgreSQL: one incident's history, and the console's recent events. */
class ActivityLogTest {

    private static final Instant T0 = Instant.parse("2026-11-27T09:00:00Z");

    @TempDir
    static Path dir;

    static Stream<String> stores() {
        return Stream.of("sqlite", "postgresql");
    }

    private static ActivityLog open(String store) {
        Supplier<ActivityLog> log = store.equals("sqlite")
                ? () -> Stores.openActivityLog(
                        "jdbc:sqlite:" + dir.resolve("activity-" + System.nanoTime() + ".db"), null, null)
                : () -> Stores.openActivityLog(PostgresServer.freshDatabase("activity"), "postgres", null);
        return log.get();
    }

    @ParameterizedTest
    @MethodSource("stores")
    void recent_is_the_last_entries_over_every_incident_newest_first(String store) {
        try (ActivityLog log = open(store)) {
            assertThat(log.recent(5)).isEmpty();
            log.record(
                    new Activity("OPS-1", T0, "d-1", "jira:issue_created", Activity.Mode.ENFORCED, List.of("a", "b")));
            log.record(new Activity(
                    "OPS-2",
                    T0.plusSeconds(1),
                    "sweep:OPS-2:x",
                    "prodsupport:sweep",
                    Activity.Mode.FAILED,
                    List.of("JiraException: 503")));
            log.record(new Activity(
                    "OPS-1", T0.plusSeconds(2), "d-2", "comment_created", Activity.Mode.OBSERVED, List.of()));

            assertThat(log.recent(2))
                    .extracting(a -> a.issueKey() + " " + a.event() + " " + a.mode() + " " + a.did())
                    .containsExactly(
                            "OPS-1 comment_created OBSERVED []", "OPS-2 prodsupport:sweep FAILED [JiraException: 503]");
            assertThat(log.recent(10)).hasSize(3).last().satisfies(a -> {
                assertThat(a.at()).isEqualTo(T0);
                assertThat(a.source()).isEqualTo("d-1");
                assertThat(a.did()).containsExactly("a", "b");
            });
            assertThat(log.of("OPS-1"))
                    .extracting(Activity::event)
                    .containsExactly("jira:issue_created", "comment_created");
            assertThatThrownBy(() -> log.recent(0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("limit must be at least 1, not 0");
        }
    }
}
