package io.prodsupport.store;

import com.zaxxer.hikari.HikariDataSource;
import io.prodsupport.explain.Activity;
import io.prodsupport.explain.ActivityLog;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The activity log over JDBC, the same SQL on SQLite and PostgreSQL; {@code did} is stored one line per entry. */
final class JdbcActivityLog implements ActivityLog {

    /** Rows deleted per statement when pruning, so intake never waits long behind a prune. */
    static final int PRUNE_BATCH = 500;

    private final Transactions tx;

    JdbcActivityLog(HikariDataSource pool) {
        this.tx = new Transactions(pool);
    }

    @Override
    public void record(Activity a) {
        tx.update(
                "record what was done for " + a.issueKey(),
                "INSERT INTO activity (issue_key, at, source, event, mode, did) VALUES (?, ?, ?, ?, ?, ?)",
                a.issueKey(),
                a.at().toEpochMilli(),
                a.source(),
                a.event(),
                a.mode().name(),
                String.join("\n", a.did()));
    }

    @Override
    public List<Activity> of(String issueKey) {
        return tx.run("read what was done for " + issueKey, c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT issue_key, at, source, event, mode, did FROM activity"
                    + " WHERE issue_key = ? ORDER BY id")) {
                p.setString(1, issueKey);
                return read(p);
            }
        });
    }

    @Override
    public List<Activity> recent(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, not " + limit);
        }
        return tx.run("read the recent activity", c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT issue_key, at, source, event, mode, did FROM activity ORDER BY id DESC LIMIT ?")) {
                p.setInt(1, limit);
                return read(p);
            }
        });
    }

    private static List<Activity> read(PreparedStatement p) throws java.sql.SQLException {
        List<Activity> out = new ArrayList<>();
        try (ResultSet r = p.executeQuery()) {
            while (r.next()) {
                String did = r.getString(6);
                out.add(new Activity(
                        r.getString(1),
                        Instant.ofEpochMilli(r.getLong(2)),
                        r.getString(3),
                        r.getString(4),
                        Activity.Mode.valueOf(r.getString(5)),
                        did.isEmpty() ? List.of() : did.lines().toList()));
            }
        }
        return out;
    }

    @Override
    public int prune(Instant before) {
        int total = 0;
        int batch;
        do {
            batch = tx.update(
                    "prune old activity",
                    "DELETE FROM activity WHERE id IN (SELECT id FROM activity WHERE at < ? LIMIT " + PRUNE_BATCH + ")",
                    before.toEpochMilli());
            total += batch;
        } while (batch == PRUNE_BATCH);
        return total;
    }

    @Override
    public void close() {
        tx.close();
    }
}
