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
        Connection c;
        try {
            c = pool.getConnection();
        } catch (SQLException e) {
            throw unavailable(what, e);
        }
        boolean trusted = true;
        try {
            c.setAutoCommit(false);
            T result = work.run(c);
            // a commit that fails leaves the connection in a state nobody can vouch for: SQLite rolls the transaction
            // back on its own after a full disk or an I/O error while the driver still believes one is open, so every
            // later commit on it failed with "cannot commit - no transaction is active", even once space was back
            trusted = false;
            c.commit();
            trusted = true;
            return result;
        } catch (SQLException | RuntimeException e) {
            if (trusted) {
                trusted = rolledBack(c, e);
            }
            if (e instanceof SQLException sql) {
                throw unavailable(what, sql);
            }
            throw (RuntimeException) e;
        } finally {
            close(c, trusted);
        }
    }

    private static StoreUnavailableException unavailable(String what, SQLException e) {
        return new StoreUnavailableException("store cannot " + what + ": " + e.getMessage(), e);
    }

    private static boolean rolledBack(Connection c, Exception failure) {
        try {
            c.rollback();
            return true;
        } catch (SQLException e) {
            failure.addSuppressed(e);
            return false;
        }
    }

    /** Back to the pool; one that cannot be trusted is evicted, so the next transaction gets a fresh connection. */
    private void close(Connection c, boolean trusted) {
        try {
            c.close();
        } catch (SQLException e) {
            trusted = false;
        }
        if (!trusted) {
            try {
                // after close: the pool marks it and closes it instead of handing it out again
                pool.evictConnection(c);
            } catch (RuntimeException ignored) {
                // the pool is closing; the connection goes with it
            }
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

    @Override
    public void close() {
        pool.close();
    }

    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }
}
