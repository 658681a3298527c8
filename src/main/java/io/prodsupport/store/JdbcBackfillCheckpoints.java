package io.prodsupport.store;

import com.zaxxer.hikari.HikariDataSource;
import io.prodsupport.backfill.BackfillCheckpoints;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Backfill checkpoints over JDBC, the same SQL on SQLite and PostgreSQL. */
final class JdbcBackfillCheckpoints implements BackfillCheckpoints {

    private static final int MAX_REASON_LENGTH = 2000;

    private final Transactions tx;

    JdbcBackfillCheckpoints(HikariDataSource pool) {
        this.tx = new Transactions(pool);
    }

    @Override
    public Optional<Checkpoint> find(String jql) {
        return tx.run("read the backfill checkpoint", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT watermark, finished, started_at, completed_at"
                    + " FROM backfill_checkpoint WHERE jql = ?")) {
                p.setString(1, jql);
                try (ResultSet r = p.executeQuery()) {
                    if (!r.next()) {
                        return Optional.empty();
                    }
                    long completed = r.getLong(4);
                    Optional<Instant> completedAt =
                            r.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(completed));
                    return Optional.of(new Checkpoint(
                            jql,
                            Optional.ofNullable(r.getString(1)),
                            r.getLong(2),
                            Instant.ofEpochMilli(r.getLong(3)),
                            completedAt));
                }
            }
        });
    }

    @Override
    public void begin(String jql, Instant now) {
        tx.run("start a backfill checkpoint", c -> {
            Transactions.execute(c, "DELETE FROM backfill_failure WHERE jql = ?", jql);
            Transactions.execute(c, "DELETE FROM backfill_checkpoint WHERE jql = ?", jql);
            Transactions.execute(
                    c,
                    "INSERT INTO backfill_checkpoint (jql, watermark, finished, started_at, updated_at, completed_at)"
                            + " VALUES (?, NULL, 0, ?, ?, NULL)",
                    jql,
                    now.toEpochMilli(),
                    now.toEpochMilli());
            return null;
        });
    }

    @Override
    public void advance(String jql, String watermark, long finished, Instant now) {
        tx.run(
                "advance the backfill checkpoint",
                c -> Transactions.execute(
                        c,
                        "UPDATE backfill_checkpoint" + " SET watermark = ?, finished = ?, updated_at = ? WHERE jql = ?",
                        watermark,
                        finished,
                        now.toEpochMilli(),
                        jql));
    }

    @Override
    public void failed(String jql, String issueKey, String reason, Instant now) {
        String truncated = reason.length() <= MAX_REASON_LENGTH ? reason : reason.substring(0, MAX_REASON_LENGTH) + "…";
        tx.run("record a backfill failure", c -> {
            Transactions.execute(c, "DELETE FROM backfill_failure WHERE jql = ? AND issue_key = ?", jql, issueKey);
            return Transactions.execute(
                    c,
                    "INSERT INTO backfill_failure (jql, issue_key, reason, failed_at) VALUES (?, ?, ?, ?)",
                    jql,
                    issueKey,
                    truncated,
                    now.toEpochMilli());
        });
    }

    @Override
    public void recovered(String jql, String issueKey) {
        tx.run(
                "clear a backfill failure",
                c -> Transactions.execute(
                        c, "DELETE FROM backfill_failure WHERE jql = ? AND issue_key = ?", jql, issueKey));
    }

    @Override
    public List<Failure> failures(String jql) {
        return tx.run("list backfill failures", c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT issue_key, reason FROM backfill_failure WHERE jql = ? ORDER BY failed_at, issue_key")) {
                p.setString(1, jql);
                try (ResultSet r = p.executeQuery()) {
                    List<Failure> failures = new ArrayList<>();
                    while (r.next()) {
                        failures.add(new Failure(r.getString(1), r.getString(2)));
                    }
                    return failures;
                }
            }
        });
    }

    @Override
    public void complete(String jql, Instant now) {
        tx.run(
                "complete the backfill checkpoint",
                c -> Transactions.execute(
                        c,
                        "UPDATE backfill_checkpoint SET completed_at = ?, updated_at = ? WHERE jql = ?",
                        now.toEpochMilli(),
                        now.toEpochMilli(),
                        jql));
    }

    @Override
    public void close() {
        tx.close();
    }
}
