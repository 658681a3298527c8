package io.prodsupport.store;

import com.zaxxer.hikari.HikariDataSource;
import io.prodsupport.inbox.StoreUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * One transaction per store operation over a connection pool, shared by the inbox, the follow-up ledger and the
 * backfill checkpoints: commit on success, roll back on any failure, and a {@link StoreUnavailableException} that
 * says what could not be done when the database cannot answer.
 */
final class Transactions implements AutoCloseable {

    private final HikariDataSource pool;

    Transactions(HikariDataSource pool) {
        this.pool = pool;
    }

    <T> T run(String what, SqlWork<T> work) {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("store cannot " + what + ": " + e.getMessage(), e);
        }
    }

    /** One statement in its own transaction; returns the number of rows it changed. */
    int update(String what, String sql, Object... parameters) {
        return run(what, c -> execute(c, sql, parameters));
    }

    /** One statement inside a transaction {@link #run} started. */
    static int execute(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            set(p, parameters);
            return p.executeUpdate();
        }
    }

    static void set(PreparedStatement p, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            p.setObject(i + 1, parameters[i]);
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the original failure is the one worth reporting
        }
    }

    @Override
    public void close() {
        pool.close();
    }

    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }
}
