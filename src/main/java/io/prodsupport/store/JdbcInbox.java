package io.prodsupport.store;

import com.zaxxer.hikari.HikariDataSource;
import io.prodsupport.inbox.Accepted;
import io.prodsupport.inbox.DeadLetter;
import io.prodsupport.inbox.InboundEvent;
import io.prodsupport.inbox.Inbox;
import io.prodsupport.inbox.StoredEvent;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The inbox over JDBC, with the same SQL on SQLite and PostgreSQL. Claims are conditional updates, so two workers
 * (threads or processes) racing for one event cannot both win, and a claim whose lease expired is visible to all.
 */
final class JdbcInbox implements Inbox {

    private static final String COLUMNS =
            "e.id, e.delivery_id, e.ordering_key, e.webhook_event, e.body, e.attempt, e.received_at";
    /** The conditions under which a row may be claimed; parameters: now, now. */
    private static final String CLAIMABLE =
            "((state = 'PENDING' AND available_at <= ?) OR (state = 'IN_PROGRESS' AND lease_until <= ?))";
    /** Same claim as the one handed out: a worker whose lease was taken over must not finish someone else's attempt. */
    private static final String HELD = "id = ? AND state = 'IN_PROGRESS' AND claimed_by = ? AND attempt = ?";

    private static final int MAX_ERROR_LENGTH = 2000;

    private final Transactions tx;

    JdbcInbox(HikariDataSource pool) {
        this.tx = new Transactions(pool);
    }

    @Override
    public Accepted accept(InboundEvent event) {
        return tx.run("accept", c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO inbox_event (delivery_id, ordering_key,"
                    + " webhook_event, body, received_at, state, attempt, available_at) VALUES (?, ?, ?, ?, ?, 'PENDING', 0, ?)"
                    + " ON CONFLICT (delivery_id) DO NOTHING")) {
                p.setString(1, event.deliveryId());
                p.setString(2, event.orderingKey());
                p.setString(3, event.webhookEvent());
                p.setBytes(4, event.body());
                p.setLong(5, event.receivedAt().toEpochMilli());
                p.setLong(6, event.receivedAt().toEpochMilli());
                return p.executeUpdate() == 1 ? Accepted.NEW : Accepted.DUPLICATE;
            }
        });
    }

    @Override
    public long depth() {
        return tx.run("depth", c -> {
            try (PreparedStatement p = c.prepareStatement(
                            "SELECT COUNT(*) FROM inbox_event WHERE state IN ('PENDING', 'IN_PROGRESS')");
                    ResultSet r = p.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        });
    }

    @Override
    public Optional<Instant> oldestPending() {
        return tx.run("oldest pending event", c -> {
            try (PreparedStatement p = c.prepareStatement(
                            "SELECT MIN(received_at) FROM inbox_event WHERE state IN ('PENDING', 'IN_PROGRESS')");
                    ResultSet r = p.executeQuery()) {
                r.next();
                long at = r.getLong(1);
                return r.wasNull() ? Optional.<Instant>empty() : Optional.of(Instant.ofEpochMilli(at));
            }
        });
    }

    @Override
    public List<DeadLetter> deadLetters() {
        return tx.run("list dead letters", c -> {
            try (PreparedStatement p = c.prepareStatement(
                            "SELECT id, delivery_id, ordering_key, webhook_event, attempt,"
                                    + " last_error, received_at, finished_at FROM inbox_event WHERE state = 'DEAD' ORDER BY id");
                    ResultSet r = p.executeQuery()) {
                List<DeadLetter> dead = new ArrayList<>();
                while (r.next()) {
                    dead.add(new DeadLetter(
                            r.getLong(1),
                            r.getString(2),
                            r.getString(3),
                            r.getString(4),
                            r.getInt(5),
                            r.getString(6),
                            Instant.ofEpochMilli(r.getLong(7)),
                            Instant.ofEpochMilli(r.getLong(8))));
                }
                return dead;
            }
        });
    }

    @Override
    public boolean replay(String deliveryId) {
        // due at once (0): the store has no clock of its own, and "now" is whatever the worker's clock says
        return tx.update(
                        "replay",
                        "UPDATE inbox_event SET state = 'PENDING', attempt = 0, available_at = 0,"
                                + " claimed_by = NULL, lease_until = NULL, finished_at = NULL WHERE delivery_id = ? AND state = 'DEAD'",
                        deliveryId)
                == 1;
    }

    @Override
    public List<StoredEvent> claim(String owner, Instant now, Duration lease, int max) {
        long nowMs = now.toEpochMilli();
        long until = now.plus(lease).toEpochMilli();
        return tx.run("claim", c -> {
            List<StoredEvent> candidates = new ArrayList<>();
            // the oldest open event of a key is the only candidate of that key, and not while a newer one (a replayed
            // dead letter's successor) holds a live claim: that is what keeps one key to one worker at a time
            try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM inbox_event e WHERE "
                    + CLAIMABLE
                    + " AND NOT EXISTS (SELECT 1 FROM inbox_event o WHERE o.ordering_key = e.ordering_key AND o.id <> e.id"
                    + " AND ((o.state IN ('PENDING', 'IN_PROGRESS') AND o.id < e.id)"
                    + " OR (o.state = 'IN_PROGRESS' AND o.lease_until > ?)))"
                    + " ORDER BY e.id LIMIT ?")) {
                p.setLong(1, nowMs);
                p.setLong(2, nowMs);
                p.setLong(3, nowMs);
                p.setInt(4, max);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        candidates.add(new StoredEvent(
                                r.getLong(1),
                                r.getString(2),
                                r.getString(3),
                                r.getString(4),
                                r.getBytes(5),
                                r.getInt(6) + 1,
                                Instant.ofEpochMilli(r.getLong(7))));
                    }
                }
            }
            List<StoredEvent> claimed = new ArrayList<>();
            try (PreparedStatement p =
                    c.prepareStatement("UPDATE inbox_event SET state = 'IN_PROGRESS', claimed_by = ?,"
                            + " lease_until = ?, attempt = attempt + 1 WHERE id = ? AND " + CLAIMABLE)) {
                for (StoredEvent candidate : candidates) {
                    p.setString(1, owner);
                    p.setLong(2, until);
                    p.setLong(3, candidate.id());
                    p.setLong(4, nowMs);
                    p.setLong(5, nowMs);
                    // zero rows: another process claimed it between our read and this update
                    if (p.executeUpdate() == 1) {
                        claimed.add(candidate);
                    }
                }
            }
            return claimed;
        });
    }

    @Override
    public int renewLeases(String owner, Collection<Long> ids, Instant until) {
        if (ids.isEmpty()) {
            return 0;
        }
        String in = ids.stream().map(id -> Long.toString(id)).collect(Collectors.joining(", "));
        return tx.update(
                "renew leases",
                "UPDATE inbox_event SET lease_until = ? WHERE state = 'IN_PROGRESS'" + " AND claimed_by = ? AND id IN ("
                        + in + ")",
                until.toEpochMilli(),
                owner);
    }

    @Override
    public boolean complete(StoredEvent event, String owner, Instant now) {
        return tx.update(
                        "complete",
                        "UPDATE inbox_event SET state = 'DONE', finished_at = ?, claimed_by = NULL,"
                                + " lease_until = NULL, last_error = NULL WHERE " + HELD,
                        now.toEpochMilli(),
                        event.id(),
                        owner,
                        event.attempt())
                == 1;
    }

    @Override
    public boolean retryLater(StoredEvent event, String owner, Instant dueAt, String error) {
        return tx.update(
                        "schedule a retry",
                        "UPDATE inbox_event SET state = 'PENDING', available_at = ?, last_error = ?,"
                                + " claimed_by = NULL, lease_until = NULL WHERE " + HELD,
                        dueAt.toEpochMilli(),
                        truncate(error),
                        event.id(),
                        owner,
                        event.attempt())
                == 1;
    }

    @Override
    public boolean deadLetter(StoredEvent event, String owner, Instant now, String error) {
        return tx.update(
                        "park a dead letter",
                        "UPDATE inbox_event SET state = 'DEAD', finished_at = ?, last_error = ?,"
                                + " claimed_by = NULL, lease_until = NULL WHERE " + HELD,
                        now.toEpochMilli(),
                        truncate(error),
                        event.id(),
                        owner,
                        event.attempt())
                == 1;
    }

    @Override
    public int expireAllClaims(Instant now) {
        return tx.update(
                "expire claims",
                "UPDATE inbox_event SET lease_until = ? WHERE state = 'IN_PROGRESS'",
                now.toEpochMilli());
    }

    @Override
    public boolean release(StoredEvent event, String owner, Instant now) {
        return tx.update(
                        "release a claim",
                        "UPDATE inbox_event SET state = 'PENDING', attempt = attempt - 1,"
                                + " available_at = ?, claimed_by = NULL, lease_until = NULL WHERE " + HELD,
                        now.toEpochMilli(),
                        event.id(),
                        owner,
                        event.attempt())
                == 1;
    }

    @Override
    public void close() {
        tx.close();
    }

    private static String truncate(String error) {
        return error == null || error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH) + "…";
    }
}
