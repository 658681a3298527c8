package io.prodsupport.store;

import com.zaxxer.hikari.HikariDataSource;
import io.prodsupport.notify.ChannelBacklog;
import io.prodsupport.notify.ChannelMessage;
import io.prodsupport.notify.OutboxEntry;
import io.prodsupport.notify.OutboxStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The message outbox over JDBC, the same SQL on SQLite and PostgreSQL. A claim is a conditional update (only a row
 * that is unclaimed, or whose claim ran out, is taken), so two instances on one PostgreSQL never send one row twice.
 */
final class JdbcOutbox implements OutboxStore {

    private static final int MAX_ERROR_CHARS = 500;

    private final Transactions tx;

    JdbcOutbox(HikariDataSource pool) {
        this.tx = new Transactions(pool);
    }

    @Override
    public void enqueue(ChannelMessage message, Collection<String> channels, Instant now, Instant due) {
        tx.run("queue " + message.id(), c -> {
            for (String channel : channels) {
                if (message.foldKey() == null || !foldedIntoWaiting(c, message, channel, now)) {
                    Transactions.execute(
                            c,
                            "INSERT INTO message_outbox (message_id, channel, issue_key, body, fold_key, queued_at,"
                                    + " next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
                                    + " ON CONFLICT (message_id, channel) DO NOTHING",
                            message.id(),
                            channel,
                            message.about(),
                            message.toJson(),
                            message.foldKey(),
                            now.toEpochMilli(),
                            due.toEpochMilli());
                }
            }
            return null;
        });
    }

    /**
     * Folds {@code message} into the waiting message with its fold key for {@code channel}, if there is one nobody
     * tried or holds: its body becomes the fold, or the row goes when the fold has nothing left to say.
     */
    private static boolean foldedIntoWaiting(Connection c, ChannelMessage message, String channel, Instant now)
            throws SQLException {
        long at = now.toEpochMilli();
        long row;
        ChannelMessage waiting;
        try (PreparedStatement p = c.prepareStatement("SELECT id, body FROM message_outbox WHERE fold_key = ?"
                + " AND channel = ? AND delivered_at IS NULL AND attempts = 0"
                + " AND (claimed_until IS NULL OR claimed_until <= ?) ORDER BY id DESC LIMIT 1")) {
            Transactions.set(p, message.foldKey(), channel, at);
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                    return false;
                }
                row = r.getLong(1);
                waiting = ChannelMessage.fromJson(r.getString(2));
            }
        }
        String unclaimed =
                " AND delivered_at IS NULL AND attempts = 0 AND (claimed_until IS NULL OR claimed_until <= ?)";
        Optional<ChannelMessage> folded = waiting.foldedWith(message);
        int changed = folded.isPresent()
                ? Transactions.execute(
                        c,
                        "UPDATE message_outbox SET body = ? WHERE id = ?" + unclaimed,
                        folded.get().toJson(),
                        row,
                        at)
                : Transactions.execute(c, "DELETE FROM message_outbox WHERE id = ?" + unclaimed, row, at);
        return changed == 1;
    }

    @Override
    public List<OutboxEntry> claim(String channel, Instant now, Duration lease, String worker, int limit) {
        long at = now.toEpochMilli();
        return tx.run("claim messages for " + channel, c -> {
            List<OutboxEntry> candidates = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT id, attempts, queued_at, body FROM message_outbox"
                    + " WHERE channel = ? AND delivered_at IS NULL AND next_attempt_at <= ?"
                    + " AND (claimed_until IS NULL OR claimed_until <= ?) ORDER BY id LIMIT " + limit)) {
                Transactions.set(p, channel, at, at);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        candidates.add(new OutboxEntry(
                                r.getLong(1),
                                channel,
                                r.getInt(2),
                                Instant.ofEpochMilli(r.getLong(3)),
                                ChannelMessage.fromJson(r.getString(4))));
                    }
                }
            }
            List<OutboxEntry> claimed = new ArrayList<>();
            for (OutboxEntry entry : candidates) {
                int taken = Transactions.execute(
                        c,
                        "UPDATE message_outbox SET claimed_by = ?, claimed_until = ? WHERE id = ?"
                                + " AND delivered_at IS NULL AND (claimed_until IS NULL OR claimed_until <= ?)",
                        worker,
                        now.plus(lease).toEpochMilli(),
                        entry.row(),
                        at);
                if (taken == 1) {
                    claimed.add(entry);
                }
            }
            return claimed;
        });
    }

    /** Rows deleted per statement when pruning. */
    static final int PRUNE_BATCH = 500;

    @Override
    public int prune(Instant deliveredBefore) {
        int total = 0;
        int batch;
        do {
            batch = tx.update(
                    "prune delivered messages",
                    "DELETE FROM message_outbox WHERE id IN (SELECT id FROM message_outbox"
                            + " WHERE delivered_at IS NOT NULL AND delivered_at < ? LIMIT " + PRUNE_BATCH + ")",
                    deliveredBefore.toEpochMilli());
            total += batch;
        } while (batch == PRUNE_BATCH);
        return total;
    }

    @Override
    public void delivered(OutboxEntry entry, Instant now) {
        tx.update(
                "record " + entry.message().id() + " as delivered to " + entry.channel(),
                "UPDATE message_outbox SET delivered_at = ?, claimed_by = NULL, claimed_until = NULL, last_error = NULL"
                        + " WHERE id = ?",
                now.toEpochMilli(),
                entry.row());
    }

    @Override
    public void failed(OutboxEntry entry, String reason, Instant notBefore) {
        String error = reason.length() > MAX_ERROR_CHARS ? reason.substring(0, MAX_ERROR_CHARS) + "…" : reason;
        tx.update(
                "record a failed delivery of " + entry.message().id(),
                "UPDATE message_outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?,"
                        + " claimed_by = NULL, claimed_until = NULL WHERE id = ? AND delivered_at IS NULL",
                notBefore.toEpochMilli(),
                error,
                entry.row());
    }

    @Override
    public void release(OutboxEntry entry) {
        tx.update(
                "give back " + entry.message().id(),
                "UPDATE message_outbox SET claimed_by = NULL, claimed_until = NULL WHERE id = ? AND delivered_at IS NULL",
                entry.row());
    }

    @Override
    public List<ChannelBacklog> backlog() {
        return tx.run("count the messages waiting", c -> {
            List<ChannelBacklog> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT channel, COUNT(*),"
                    + " SUM(CASE WHEN attempts > 0 THEN 1 ELSE 0 END), MIN(queued_at)"
                    + " FROM message_outbox WHERE delivered_at IS NULL GROUP BY channel ORDER BY channel")) {
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        out.add(new ChannelBacklog(
                                r.getString(1),
                                r.getLong(2),
                                r.getLong(3),
                                Optional.of(Instant.ofEpochMilli(r.getLong(4))),
                                Optional.empty()));
                    }
                }
            }
            List<ChannelBacklog> withErrors = new ArrayList<>();
            for (ChannelBacklog b : out) {
                try (PreparedStatement p = c.prepareStatement("SELECT last_error FROM message_outbox"
                        + " WHERE channel = ? AND delivered_at IS NULL AND last_error IS NOT NULL"
                        + " ORDER BY next_attempt_at DESC LIMIT 1")) {
                    p.setString(1, b.channel());
                    try (ResultSet r = p.executeQuery()) {
                        Optional<String> error = r.next() ? Optional.of(r.getString(1)) : Optional.empty();
                        withErrors.add(
                                new ChannelBacklog(b.channel(), b.pending(), b.failed(), b.oldestQueuedAt(), error));
                    }
                }
            }
            return withErrors;
        });
    }

    @Override
    public boolean takeTurn(String name, String holder, Instant now, Duration every) {
        return tx.run("take the turn of " + name, c -> {
            Transactions.execute(
                    c,
                    "INSERT INTO notify_timer (name, holder, next_at) VALUES (?, '', 0) ON CONFLICT (name) DO NOTHING",
                    name);
            // a little early is still this instance's next turn: its own timer may fire a few ms before next_at
            long next = now.plus(every.multipliedBy(9).dividedBy(10)).toEpochMilli();
            return Transactions.execute(
                            c,
                            "UPDATE notify_timer SET holder = ?, next_at = ? WHERE name = ? AND next_at <= ?",
                            holder,
                            next,
                            name,
                            now.toEpochMilli())
                    == 1;
        });
    }

    @Override
    public void close() {
        tx.close();
    }
}
