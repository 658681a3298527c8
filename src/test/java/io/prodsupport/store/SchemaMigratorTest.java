package io.prodsupport.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prodsupport.inbox.Inbox;
import io.prodsupport.inbox.StoreUnavailableException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an upgrade and a rollback meet: the store's schema version against the release's migrations. */
class SchemaMigratorTest {

    @TempDir
    Path dir;

    @Test
    void opening_a_store_twice_migrates_once() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("prodsupport.db");
        Stores.open(url, null, null).close();
        Stores.open(url, null, null).close();

        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT COUNT(*), MAX(version) FROM prodsupport_schema_version")) {
            r.next();
            assertThat(r.getInt(1)).isEqualTo(SchemaMigrator.MIGRATIONS.size());
            assertThat(r.getInt(2)).isEqualTo(SchemaMigrator.MIGRATIONS.size());
        }
    }

    @Test
    void an_older_release_refuses_a_store_a_newer_one_migrated_and_leaves_it_as_it_was() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("prodsupport.db");
        try (Inbox inbox = Stores.open(url, null, null)) {
            assertThat(inbox.depth()).isZero();
        }
        int newer = SchemaMigrator.MIGRATIONS.size() + 1;
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement()) {
            // what a later release's migration leaves behind
            s.execute("INSERT INTO prodsupport_schema_version (version, name, installed_at) VALUES (" + newer + ", 'V"
                    + newer + "__from_the_future', 0)");
        }

        assertThatThrownBy(() -> Stores.open(url, null, null))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessage("cannot migrate the store: the store's schema is version " + newer + " (V" + newer
                        + "__from_the_future), newer than this release knows (" + (newer - 1) + ", "
                        + SchemaMigrator.MIGRATIONS.get(newer - 2) + "): a newer prodsupport migrated it; run that"
                        + " release, or restore the backup taken before the upgrade (README, \"Upgrading\")");

        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT MAX(version) FROM prodsupport_schema_version")) {
            r.next();
            assertThat(r.getInt(1)).isEqualTo(newer);
        }
    }
}
