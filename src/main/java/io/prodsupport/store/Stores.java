package io.prodsupport.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.prodsupport.backfill.BackfillCheckpoints;
import io.prodsupport.explain.ActivityLog;
import io.prodsupport.inbox.Inbox;
import io.prodsupport.inbox.StoreUnavailableException;
import io.prodsupport.incident.FollowUpLedger;
import io.prodsupport.mail.MailLedger;
import io.prodsupport.notify.OutboxStore;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Opens the store named by {@code store.url} (the inbox, the follow-up ledger, the backfill checkpoints, the mail
 * ledger): a pool, the schema brought up to date, ready to use.
 */
public final class Stores {

    private Stores() {}

    /**
     * @param jdbcUrl  {@code jdbc:sqlite:<file>} or {@code jdbc:postgresql://…}
     * @param password nullable (SQLite has none)
     * @throws StoreUnavailableException when the database cannot be reached or migrated
     */
    public static Inbox open(String jdbcUrl, String username, String password) {
        return new JdbcInbox(migratedPool(jdbcUrl, username, password, "inbox"), SqlDialect.of(jdbcUrl));
    }

    /**
     * The follow-up ledger in the same database as the inbox, on a pool of its own so that follow-ups being made
     * never wait for a connection the intake needs. Parameters and failures as for {@link #open}.
     */
    public static FollowUpLedger openFollowUpLedger(String jdbcUrl, String username, String password) {
        return new JdbcFollowUpLedger(migratedPool(jdbcUrl, username, password, "followup-ledger"));
    }

    /**
     * The backfill checkpoints in the same database as the inbox, on a pool of their own so that a backfill running
     * next to {@code serve} never holds a connection the intake needs. Parameters and failures as for {@link #open}.
     */
    public static BackfillCheckpoints openBackfillCheckpoints(String jdbcUrl, String username, String password) {
        return new JdbcBackfillCheckpoints(migratedPool(jdbcUrl, username, password, "backfill-checkpoints"));
    }

    /**
     * The mail ledger in the same database as the inbox, on a pool of its own so that the mailbox's work never waits for
     * a connection the intake needs. Parameters and failures as for {@link #open}.
     */
    public static MailLedger openMailLedger(String jdbcUrl, String username, String password) {
        return new JdbcMailLedger(migratedPool(jdbcUrl, username, password, "mail-ledger"));
    }

    /**
     * The activity log in the same database as the inbox, on a pool of its own. Parameters and failures as for
     * {@link #open}.
     */
    public static ActivityLog openActivityLog(String jdbcUrl, String username, String password) {
        return new JdbcActivityLog(migratedPool(jdbcUrl, username, password, "activity"));
    }

    /**
     * The message outbox in the same database as the inbox, on a pool of its own so that a channel's slow delivery
     * never holds a connection the intake needs. Parameters and failures as for {@link #open}.
     */
    public static OutboxStore openOutbox(String jdbcUrl, String username, String password) {
        return new JdbcOutbox(migratedPool(jdbcUrl, username, password, "outbox"));
    }

    /**
     * What SQLite's group commit has done since the inbox was opened: {@code commits} transactions holding
     * {@code deliveries} deliveries between them, {@code commitNanos} spent in them (the sync included), {@code insertNanos} of that in the inserts, the longest
     * one {@code longestCommitNanos}. For the intake benchmark and diagnosis.
     */
    public record CommitCounts(
            long commits, long deliveries, long commitNanos, long insertNanos, long longestCommitNanos) {

        public CommitCounts minus(CommitCounts earlier) {
            return new CommitCounts(
                    commits - earlier.commits,
                    deliveries - earlier.deliveries,
                    commitNanos - earlier.commitNanos,
                    insertNanos - earlier.insertNanos,
                    longestCommitNanos);
        }
    }

    /** The group commit's counts of an inbox {@link #open} opened on SQLite; empty for PostgreSQL or another inbox. */
    public static Optional<CommitCounts> commitCounts(Inbox inbox) {
        return inbox instanceof JdbcInbox jdbc ? jdbc.commitCounts() : Optional.empty();
    }

    private static HikariDataSource migratedPool(String jdbcUrl, String username, String password, String name) {
        SqlDialect dialect = SqlDialect.of(jdbcUrl);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(username);
        config.setPassword(password);
        config.setPoolName(name);
        // the intake answers 503 when the store is slow to hand out a connection, and Jira retries: better than
        // holding Jira's request until its own timeout
        config.setConnectionTimeout(3_000);
        if (dialect == SqlDialect.SQLITE) {
            // one writer at a time is all SQLite allows anyway; one connection also keeps an in-memory database alive
            config.setMaximumPoolSize(1);
            config.setMaxLifetime(0);
            config.addDataSourceProperty("journal_mode", "WAL");
            // an accepted event must survive a power cut, not only a crash: FULL syncs the WAL on every commit
            config.addDataSourceProperty("synchronous", "FULL");
            // another process on the same file (a restart overlapping the old one) waits instead of failing at once
            config.addDataSourceProperty("busy_timeout", "5000");
            // take the write lock at BEGIN: a read-then-write claim cannot then fail half-way on a lock upgrade
            config.addDataSourceProperty("transaction_mode", "IMMEDIATE");
            // nothing here reads generated keys; left on, the driver runs a second query after every insert to fetch
            // them, which the group commit paid for each delivery
            config.addDataSourceProperty("jdbc.get_generated_keys", "false");
        } else {
            config.setMaximumPoolSize(8);
            // a database that is down must cost the intake about a second (503, Jira retries), not Jira's own timeout
            config.setConnectionTimeout(1_000);
            // seconds: a host that does not answer at all (not even a refusal) is given up on as quickly
            config.addDataSourceProperty("connectTimeout", "2");
            config.addDataSourceProperty("socketTimeout", "30");
        }
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StoreUnavailableException("cannot open the store: " + e.getMessage(), e);
        }
        try {
            new SchemaMigrator(pool, dialect).migrate();
        } catch (SQLException | RuntimeException e) {
            pool.close();
            throw new StoreUnavailableException("cannot migrate the store: " + e.getMessage(), e);
        }
        return pool;
    }
}
