package io.prodsupport.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code prodsupport check} says of the store, without changing it: whether it can be reached, how far its schema
 * is migrated (a start migrates the rest), and whether it takes writes (a table created and rolled back, which proves
 * the file, its directory or the database role may be written). A SQLite file that does not exist yet is fine when its
 * directory can be written: {@code serve} creates it.
 *
 * @param lines one line each, said so that an administrator can act on them
 */
public record StoreProbe(List<Line> lines) {

    /** One fact about the store, passed or not. */
    public record Line(boolean ok, String text) {}

    public StoreProbe {
        lines = List.copyOf(lines);
    }

    public boolean ok() {
        return lines.stream().allMatch(Line::ok);
    }

    private static StoreProbe one(boolean ok, String text) {
        return new StoreProbe(List.of(new Line(ok, text)));
    }

    public static StoreProbe of(String jdbcUrl, String username, String password) {
        SqlDialect dialect = SqlDialect.of(jdbcUrl);
        String where = dialect == SqlDialect.SQLITE
                ? sqliteFile(jdbcUrl).map(Path::toString).orElse(jdbcUrl)
                : jdbcUrl;
        if (dialect == SqlDialect.SQLITE) {
            Optional<Path> file = sqliteFile(jdbcUrl);
            if (file.isPresent() && !Files.exists(file.get())) {
                Path dir = file.get().getParent();
                if (dir == null || !Files.isDirectory(dir)) {
                    return one(false, "store " + where + ": directory " + dir + " does not exist");
                }
                return Files.isWritable(dir)
                        ? one(true, "store " + where + " does not exist yet; serve creates it")
                        : one(
                                false,
                                "store " + where + ": directory " + dir + " is not writable by this user, so the"
                                        + " file cannot be created");
            }
        }
        List<Line> lines = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl, username, password)) {
            lines.add(new Line(true, "store " + where + " reachable"));
            int version = schemaVersion(c);
            int latest = SchemaMigrator.MIGRATIONS.size();
            if (version > latest) {
                lines.add(new Line(
                        false,
                        "store schema is version " + version + ", newer than this build (" + latest
                                + "): run the newer prodsupport, or restore the backup taken before upgrading"));
            } else if (version < latest) {
                lines.add(new Line(
                        true, "store schema is version " + version + " of " + latest + "; serve migrates it at start"));
            } else {
                lines.add(new Line(true, "store schema is up to date (version " + version + ")"));
            }
            String writable = writable(c);
            lines.add(
                    writable == null
                            ? new Line(true, "store takes writes")
                            : new Line(false, "store does not take writes: " + writable));
            return new StoreProbe(lines);
        } catch (SQLException e) {
            lines.add(new Line(false, "store " + where + " not reachable: " + firstLine(e.getMessage())));
            return new StoreProbe(lines);
        }
    }

    private static Optional<Path> sqliteFile(String jdbcUrl) {
        String rest = jdbcUrl.substring("jdbc:sqlite:".length());
        int query = rest.indexOf('?');
        String path = query >= 0 ? rest.substring(0, query) : rest;
        if (path.isEmpty() || path.startsWith(":memory:") || path.startsWith("file:")) {
            return Optional.empty();
        }
        return Optional.of(Path.of(path).toAbsolutePath().normalize());
    }

    private static int schemaVersion(Connection c) {
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM prodsupport_schema_version")) {
            r.next();
            return r.getInt(1);
        } catch (SQLException e) {
            return 0; // no version table: a new store
        }
    }

    /** @return null when a write went through (and was rolled back), else why not */
    private static String writable(Connection c) {
        try {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE prodsupport_check_probe (x INTEGER)");
                s.execute("INSERT INTO prodsupport_check_probe (x) VALUES (1)");
            } finally {
                c.rollback();
            }
            return null;
        } catch (SQLException e) {
            return firstLine(e.getMessage());
        }
    }

    private static String firstLine(String message) {
        return message == null
                ? "no reason given"
                : message.lines().findFirst().orElse("").strip();
    }
}
