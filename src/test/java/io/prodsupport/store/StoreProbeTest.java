package io.prodsupport.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.prodsupport.inbox.Inbox;
import io.prodsupport.testing.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What `check` says of the store, against real SQLite files and a real PostgreSQL. */
class StoreProbeTest {

    @TempDir
    Path dir;

    private static String texts(StoreProbe probe) {
        return String.join(
                "\n",
                probe.lines().stream()
                        .map(l -> (l.ok() ? "ok " : "FAIL ") + l.text())
                        .toList());
    }

    @Test
    void a_sqlite_file_not_created_yet_is_fine_when_its_directory_exists() throws Exception {
        Path file = dir.resolve("prodsupport.db");
        StoreProbe probe = StoreProbe.of("jdbc:sqlite:" + file, null, null);

        assertThat(probe.ok()).isTrue();
        assertThat(texts(probe)).isEqualTo("ok store " + file + " does not exist yet; serve creates it");
        assertThat(file).as("check creates nothing").doesNotExist();
    }

    @Test
    void a_sqlite_file_in_a_missing_directory_fails() {
        StoreProbe probe = StoreProbe.of("jdbc:sqlite:" + dir.resolve("nowhere/prodsupport.db"), null, null);

        assertThat(probe.ok()).isFalse();
        assertThat(texts(probe)).contains("directory " + dir.resolve("nowhere") + " does not exist");
    }

    @Test
    void a_migrated_sqlite_store_is_reachable_up_to_date_and_takes_writes_and_the_probe_leaves_no_trace()
            throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("prodsupport.db");
        try (Inbox inbox = Stores.open(url, null, null)) {
            assertThat(inbox.depth()).isZero();
        }

        StoreProbe probe = StoreProbe.of(url, null, null);

        assertThat(texts(probe))
                .isEqualTo("ok store " + dir.resolve("prodsupport.db") + " reachable\n"
                        + "ok store schema is up to date (version " + SchemaMigrator.MIGRATIONS.size() + ")\n"
                        + "ok store takes writes");
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement()) {
            assertThat(s.executeQuery("SELECT COUNT(*) FROM sqlite_master WHERE name = 'prodsupport_check_probe'")
                            .getInt(1))
                    .isZero();
        }
    }

    @Test
    void a_store_migrated_by_a_newer_build_fails_with_what_to_do() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("prodsupport.db");
        Stores.open(url, null, null).close();
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO prodsupport_schema_version (version, name, installed_at) VALUES ("
                    + (SchemaMigrator.MIGRATIONS.size() + 1) + ", 'V99__future', 0)");
        }

        StoreProbe probe = StoreProbe.of(url, null, null);

        assertThat(probe.ok()).isFalse();
        assertThat(texts(probe))
                .contains("FAIL store schema is version " + (SchemaMigrator.MIGRATIONS.size() + 1)
                        + ", newer than this build");
    }

    @Test
    void a_read_only_sqlite_store_does_not_take_writes() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("prodsupport.db");
        Stores.open(url, null, null).close();

        StoreProbe probe = StoreProbe.of(url + "?open_mode=1", null, null); // SQLITE_OPEN_READONLY

        assertThat(probe.ok()).isFalse();
        assertThat(texts(probe)).contains("FAIL store does not take writes: ").contains("readonly");
    }

    @Test
    void a_new_postgresql_database_is_reachable_migrated_at_start_and_takes_writes() {
        String url = PostgresServer.freshDatabase("probe");

        StoreProbe probe = StoreProbe.of(url, "postgres", null);

        assertThat(probe.ok()).as(texts(probe)).isTrue();
        assertThat(texts(probe))
                .contains("ok store schema is version 0 of " + SchemaMigrator.MIGRATIONS.size()
                        + "; serve migrates it at start")
                .contains("ok store takes writes");
    }

    @Test
    void an_unreachable_postgresql_fails_in_one_line() {
        StoreProbe probe = StoreProbe.of("jdbc:postgresql://127.0.0.1:1/prodsupport", "postgres", null);

        assertThat(probe.ok()).isFalse();
        assertThat(probe.lines())
                .singleElement()
                .satisfies(l -> assertThat(l.text())
                        .startsWith("store jdbc:postgresql://127.0.0.1:1/prodsupport not reachable: ")
                        .doesNotContain("\n"));
    }
}
