package io.prodsupport.inbox;

import com.zaxxer.hikari.HikariDataSource;
import io.prodsupport.backfill.BackfillCheckpoints;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Backfill checkpoints over JDBC, the same SQL on SQLite and PostgreSQL. */
final class JdbcBackfillCheckpoints implements BackfillCheckpoints {

  private static final int MAX_REASON_LENGTH = 2000;

  private final HikariDataSource pool;

  JdbcBackfillCheckpoints(HikariDataSource pool) {
    this.pool = pool;
  }

  @Override
  public Optional<Checkpoint> find(String jql) {
    return inTransaction("read the backfill checkpoint", c -> {
      try (PreparedStatement p = c.prepareStatement("SELECT watermark, finished, started_at, completed_at"
          + " FROM backfill_checkpoint WHERE jql = ?")) {
        p.setString(1, jql);
        try (ResultSet r = p.executeQuery()) {
          if (!r.next()) {
            return Optional.empty();
          }
          long completed = r.getLong(4);
          Optional<Instant> completedAt = r.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(completed));
          return Optional.of(new Checkpoint(jql, Optional.ofNullable(r.getString(1)), r.getLong(2),
              Instant.ofEpochMilli(r.getLong(3)), completedAt));
        }
      }
    });
  }

  @Override
  public void begin(String jql, Instant now) {
    inTransaction("start a backfill checkpoint", c -> {
      execute(c, "DELETE FROM backfill_failure WHERE jql = ?", jql);
      execute(c, "DELETE FROM backfill_checkpoint WHERE jql = ?", jql);
      execute(c, "INSERT INTO backfill_checkpoint (jql, watermark, finished, started_at, updated_at, completed_at)"
          + " VALUES (?, NULL, 0, ?, ?, NULL)", jql, now.toEpochMilli(), now.toEpochMilli());
      return null;
    });
  }

  @Override
  public void advance(String jql, String watermark, long finished, Instant now) {
    inTransaction("advance the backfill checkpoint", c -> execute(c, "UPDATE backfill_checkpoint"
        + " SET watermark = ?, finished = ?, updated_at = ? WHERE jql = ?", watermark, finished, now.toEpochMilli(), jql));
  }

  @Override
  public void failed(String jql, String issueKey, String reason, Instant now) {
    String truncated = reason.length() <= MAX_REASON_LENGTH ? reason : reason.substring(0, MAX_REASON_LENGTH) + "…";
    inTransaction("record a backfill failure", c -> {
      execute(c, "DELETE FROM backfill_failure WHERE jql = ? AND issue_key = ?", jql, issueKey);
      return execute(c, "INSERT INTO backfill_failure (jql, issue_key, reason, failed_at) VALUES (?, ?, ?, ?)",
          jql, issueKey, truncated, now.toEpochMilli());
    });
  }

  @Override
  public void recovered(String jql, String issueKey) {
    inTransaction("clear a backfill failure",
        c -> execute(c, "DELETE FROM backfill_failure WHERE jql = ? AND issue_key = ?", jql, issueKey));
  }

  @Override
  public List<Failure> failures(String jql) {
    return inTransaction("list backfill failures", c -> {
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
    inTransaction("complete the backfill checkpoint", c -> execute(c,
        "UPDATE backfill_checkpoint SET completed_at = ?, updated_at = ? WHERE jql = ?",
        now.toEpochMilli(), now.toEpochMilli(), jql));
  }

  @Override
  public void close() {
    pool.close();
  }

  private static int execute(Connection c, String sql, Object... parameters) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        p.setObject(i + 1, parameters[i]);
      }
      return p.executeUpdate();
    }
  }

  private <T> T inTransaction(String what, SqlWork<T> work) {
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        try {
          c.rollback();
        } catch (SQLException ignored) {
          // the original failure is the one worth reporting
        }
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreUnavailableException("store cannot " + what + ": " + e.getMessage(), e);
    }
  }

  private interface SqlWork<T> {
    T run(Connection c) throws SQLException;
  }
}
