package io.prodsupport.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the versioned SQL files under {@code db/migration/<dialect>/} in order, each in its own transaction,
 * and records them in {@code prodsupport_schema_version}. Flyway's file naming is kept so the files could move to
 * Flyway unchanged; this small migrator spares a dependency whose SQLite support moved between modules.
 */
final class SchemaMigrator {

    /**
     * Every migration, oldest first. Adding one: add the two SQL files and a line here. A migration's version is its
     * position in this list; {@link #currentVersion} checks that a store was migrated by a build with the same list.
     */
    static final List<String> MIGRATIONS = List.of(
            "V1__inbox",
            "V2__followup_ledger",
            "V3__backfill_checkpoint",
            "V4__mail_ledger",
            "V5__activity",
            "V6__inbox_body_encoding",
            "V7__inbox_retention",
            "V8__notify_outbox_and_timer");

    private static final Logger log = LoggerFactory.getLogger(SchemaMigrator.class);
    /** An arbitrary constant: the PostgreSQL advisory lock that serialises migrations of instances starting together. */
    private static final long LOCK_ID = 0x70726f64L;

    private final DataSource dataSource;
    private final SqlDialect dialect;

    SchemaMigrator(DataSource dataSource, SqlDialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
    }

    void migrate() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                if (dialect == SqlDialect.POSTGRESQL) {
                    s.execute("SELECT pg_advisory_xact_lock(" + LOCK_ID + ")");
                }
                s.execute("CREATE TABLE IF NOT EXISTS prodsupport_schema_version ("
                        + "version INTEGER PRIMARY KEY, name TEXT NOT NULL, installed_at BIGINT NOT NULL)");
                int current = currentVersion(c);
                for (int version = current + 1; version <= MIGRATIONS.size(); version++) {
                    String name = MIGRATIONS.get(version - 1);
                    for (String sql : statements(read(dialect.migrationResource(name)))) {
                        s.execute(sql);
                    }
                    try (PreparedStatement p = c.prepareStatement(
                            "INSERT INTO prodsupport_schema_version (version, name, installed_at) VALUES (?, ?, ?)")) {
                        p.setInt(1, version);
                        p.setString(2, name);
                        p.setLong(3, System.currentTimeMillis());
                        p.executeUpdate();
                    }
                    log.info("store schema migrated to {} ({})", version, name);
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static int currentVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM prodsupport_schema_version")) {
            r.next();
            int version = r.getInt(1);
            if (version > MIGRATIONS.size()) {
                // an older release on a newer schema would read and write tables it does not know: refuse, say how out
                throw new IllegalStateException("the store's schema is version " + version + " (" + name(c, version)
                        + "), newer than this release knows (" + MIGRATIONS.size() + ", "
                        + MIGRATIONS.get(MIGRATIONS.size() - 1) + "): a newer prodsupport migrated it; run that"
                        + " release, or restore the backup taken before the upgrade (README, \"Upgrading\")");
            }
            checkApplied(c);
            return version;
        }
    }

    private static String name(Connection c, int version) throws SQLException {
        try (PreparedStatement p =
                c.prepareStatement("SELECT name FROM prodsupport_schema_version WHERE version = ?")) {
            p.setInt(1, version);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? r.getString(1) : "unnamed";
            }
        }
    }

    /**
     * Versions are positions in {@link #MIGRATIONS}: a store migrated by a build whose list differed (branches merged
     * in another order) would silently skip a migration here, so each applied version must carry the same name.
     */
    private static void checkApplied(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT version, name FROM prodsupport_schema_version ORDER BY version")) {
            while (r.next()) {
                int version = r.getInt(1);
                String expected = MIGRATIONS.get(version - 1);
                if (!expected.equals(r.getString(2))) {
                    throw new IllegalStateException("the store's schema version " + version + " is " + r.getString(2)
                            + ", but this build's version " + version + " is " + expected
                            + "; it was migrated by another build");
                }
            }
        }
    }

    /** Splits on semicolons that end a line; the migrations contain no procedural code. */
    static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--") || trimmed.isEmpty()) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String sql = current.toString().strip();
                statements.add(sql.substring(0, sql.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().strip());
        }
        return statements;
    }

    private static String read(String resource) {
        try (InputStream in = SchemaMigrator.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("migration " + resource + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
    }
}
