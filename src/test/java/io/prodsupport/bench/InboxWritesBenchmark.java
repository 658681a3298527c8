package io.prodsupport.bench;

import io.prodsupport.inbox.Inbox;
import io.prodsupport.store.Stores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;

/**
 * What one SQLite commit of the inbox costs the disk, without HTTP or the intake's CPU around it (issue 13): one
 * thread inserts rows the way the group commit does (a batch per transaction, {@code synchronous=FULL}, WAL) into the
 * real migrated schema, and the benchmark prints rows per second, milliseconds per commit and — the figure that does
 * not depend on how busy the disk is — KiB written to disk per row ({@code /proc/self/io}: the WAL's frames and the
 * checkpoints' pages). Variants, measured in turns so a disk whose speed drifts moves all alike:
 *
 * <ul>
 *   <li>{@code as built}: the schema the migrations make;
 *   <li>{@code no unique delivery id}: the same table without the unique index on {@code delivery_id} (random ids, so
 *       each row dirties a leaf of its own), to show what deduplication by that index costs;
 *   <li>{@code checkpoint every 10,000 pages}: {@code wal_autocheckpoint=10000} instead of SQLite's 1,000.
 * </ul>
 *
 * <p>Rows carry 2.1 KB of incompressible bytes (a 7.5 KB webhook after LZ4) and one of 50 issue keys. Arguments:
 * rows per commit (default 15, what the intake's commits held at 64 senders), seconds per turn (default 4), turns
 * (default 3).
 */
public final class InboxWritesBenchmark {

    private static final int BODY_BYTES = 2_100;

    private record Variant(String name, boolean uniqueDeliveryId, int autocheckpointPages) {}

    public static void main(String[] args) throws Exception {
        int batch = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int turns = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        List<Variant> variants = List.of(
                new Variant("as built", true, 1_000),
                new Variant("no unique delivery id", false, 1_000),
                new Variant("checkpoint every 10,000 pages", true, 10_000));
        Path dir = Files.createTempDirectory("prodsupport-inbox-writes");
        System.out.printf(
                "%d rows per commit, %d s per turn, %d turns; files in %s on %s%n",
                batch, seconds, turns, dir, Files.getFileStore(dir).type());
        String schema = migratedTableSql(dir.resolve("schema.db"));
        for (int turn = 1; turn <= turns; turn++) {
            for (Variant v : variants) {
                Path db = dir.resolve("turn" + turn + "-" + v.name().replaceAll("\\W+", "-") + ".db");
                measure(v, schema, db, batch, seconds);
            }
        }
        System.exit(0);
    }

    /** The inbox table's and its indexes' SQL as the migrations made them. */
    private static String migratedTableSql(Path file) throws SQLException {
        try (Inbox inbox = Stores.open("jdbc:sqlite:" + file, null, null)) {
            // opened: migrated
        }
        StringBuilder sql = new StringBuilder();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT sql FROM sqlite_master WHERE tbl_name = 'inbox_event'"
                        + " AND sql IS NOT NULL ORDER BY type DESC")) {
            while (r.next()) {
                sql.append(r.getString(1)).append(";\n");
            }
        }
        return sql.toString();
    }

    private static void measure(Variant v, String schema, Path file, int batch, int seconds)
            throws SQLException, IOException {
        Properties p = new Properties();
        p.setProperty("journal_mode", "WAL");
        p.setProperty("synchronous", "FULL");
        p.setProperty("jdbc.get_generated_keys", "false");
        p.setProperty("wal_autocheckpoint", String.valueOf(v.autocheckpointPages()));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file, p)) {
            try (Statement s = c.createStatement()) {
                String ddl = v.uniqueDeliveryId()
                        ? schema
                        : schema.replace("delivery_id   TEXT    NOT NULL UNIQUE", "delivery_id   TEXT    NOT NULL");
                if (!v.uniqueDeliveryId() && ddl.equals(schema)) {
                    throw new IllegalStateException("the migrated inbox_event no longer reads as expected:\n" + schema);
                }
                for (String statement : ddl.split(";\n")) {
                    s.executeUpdate(statement);
                }
            }
            c.setAutoCommit(false);
            Random random = new Random(13);
            byte[] body = new byte[BODY_BYTES];
            List<Long> commitNanos = new ArrayList<>();
            long rows = 0;
            long written = IntakeThroughputBenchmark.bytesWrittenToDisk();
            long start = System.nanoTime();
            long end = start + seconds * 1_000_000_000L;
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO inbox_event (delivery_id, ordering_key, webhook_event, body, body_encoding,"
                            + " received_at, state, attempt, available_at) VALUES (?, ?, ?, ?, 'lz4', ?, 'PENDING', 0, ?)")) {
                while (System.nanoTime() < end) {
                    long began = System.nanoTime();
                    for (int i = 0; i < batch; i++) {
                        random.nextBytes(body);
                        long now = System.currentTimeMillis();
                        insert.setString(1, UUID.randomUUID().toString());
                        insert.setString(2, "OPS-" + random.nextInt(50));
                        insert.setString(3, "jira:issue_updated");
                        insert.setBytes(4, body);
                        insert.setLong(5, now);
                        insert.setLong(6, now);
                        insert.executeUpdate();
                        rows++;
                    }
                    c.commit();
                    commitNanos.add(System.nanoTime() - began);
                }
            }
            double took = (System.nanoTime() - start) / 1e9;
            long slow = commitNanos.stream()
                    .filter(n -> n > 8_000_000)
                    .mapToLong(Long::longValue)
                    .sum();
            System.out.printf(
                    "%-30s %6.0f rows/s, %.2f ms per commit, %.1f KiB written per row, %.0f%% of the time in commits"
                            + " over 8 ms (those that checkpoint)%n",
                    v.name(),
                    rows / took,
                    took * 1000 / commitNanos.size(),
                    (IntakeThroughputBenchmark.bytesWrittenToDisk() - written) / 1024.0 / rows,
                    100 * slow / 1e9 / took);
        }
    }
}
