package io.prodsupport.store;

import com.zaxxer.hikari.HikariDataSource;
import io.prodsupport.inbox.Accepted;
import io.prodsupport.inbox.DeadLetter;
import io.prodsupport.inbox.InboundEvent;
import io.prodsupport.inbox.Inbox;
import io.prodsupport.inbox.StoreUnavailableException;
import io.prodsupport.inbox.StoredEvent;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * The inbox over JDBC, with the same SQL on SQLite and PostgreSQL. Claims are conditional updates, so two workers
 * (threads or processes) racing for one event cannot both win, and a claim whose lease expired is visible to all.
 */
final class JdbcInbox implements Inbox {

    private static final String COLUMNS =
            "e.id, e.delivery_id, e.ordering_key, e.webhook_event, e.body, e.attempt, e.received_at, e.body_encoding";
    /** The conditions under which a row may be claimed; parameters: now, now. */
    private static final String CLAIMABLE =
            "((state = 'PENDING' AND available_at <= ?) OR (state = 'IN_PROGRESS' AND lease_until <= ?))";
    /** Same claim as the one handed out: a worker whose lease was taken over must not finish someone else's attempt. */
    private static final String HELD = "id = ? AND state = 'IN_PROGRESS' AND claimed_by = ? AND attempt = ?";

    private static final int MAX_ERROR_LENGTH = 2000;

    /** How long a delivery waits for the commit that stores it before the intake answers 503. */
    static final Duration ACCEPT_WITHIN = Duration.ofSeconds(5);

    private final Transactions tx;
    private final SqlDialect dialect;
    /** Set while deliveries are being refused; see {@link #depth()}. */
    private volatile StoreUnavailableException writeFailure;
    /** SQLite only: one writer, so deliveries share commits; PostgreSQL commits each on a connection of its own. */
    private final GroupCommit groupCommit;

    JdbcInbox(HikariDataSource pool, SqlDialect dialect) {
        this.tx = new Transactions(pool);
        this.dialect = dialect;
        this.groupCommit = dialect == SqlDialect.SQLITE ? new GroupCommit(tx, ACCEPT_WITHIN) : null;
    }

    @Override
    public Accepted accept(InboundEvent event) {
        try {
            Accepted accepted = store(event);
            writeFailure = null;
            return accepted;
        } catch (StoreUnavailableException e) {
            writeFailure = e;
            throw e;
        }
    }

    @Override
    public CompletableFuture<Accepted> acceptAsync(InboundEvent event) {
        if (groupCommit == null) {
            return Inbox.super.acceptAsync(event);
        }
        return groupCommit.submit(event).whenComplete((accepted, failure) -> {
            if (failure == null) {
                writeFailure = null;
            } else if (failure instanceof StoreUnavailableException e) {
                writeFailure = e;
            } else if (failure.getCause() instanceof StoreUnavailableException e) {
                writeFailure = e;
            }
        });
    }

    /** SQLite only: what the group commit did so far (commits, deliveries in them, time); empty on PostgreSQL. */
    Optional<Stores.CommitCounts> commitCounts() {
        return Optional.ofNullable(groupCommit).map(GroupCommit::counts);
    }

    private Accepted store(InboundEvent event) {
        if (groupCommit != null) {
            return groupCommit.accept(event);
        }
        return tx.run("accept", c -> {
            try (PreparedStatement p = c.prepareStatement(GroupCommit.INSERT)) {
                GroupCommit.bind(p, event, GroupCommit.CODEC.encode(event.body()));
                return p.executeUpdate() == 1 ? Accepted.NEW : Accepted.DUPLICATE;
            }
        });
    }

    /**
     * The depth, for {@code /health}. A store that answers reads may still refuse writes (a full disk): while the last
     * delivery was refused, one small write is tried first, and its failure is the answer, so {@code /health} says
     * DOWN exactly while deliveries would be refused.
     */
    @Override
    public long depth() {
        if (writeFailure != null) {
            tx.update(
                    "write",
                    "INSERT INTO store_probe (id, written_at) VALUES (1, ?)"
                            + " ON CONFLICT (id) DO UPDATE SET written_at = excluded.written_at",
                    System.currentTimeMillis());
            writeFailure = null;
        }
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
            Map<Long, String> unreadable = new LinkedHashMap<>();
            // the oldest open event of a key is the only candidate of that key, and not while a newer one (a replayed
            // dead letter's successor) holds a live claim: that is what keeps one key to one worker at a time
            try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM inbox_event e WHERE "
                    + CLAIMABLE
                    + " AND NOT EXISTS (SELECT 1 FROM inbox_event o WHERE o.ordering_key = e.ordering_key AND o.id <> e.id"
                    + " AND ((o.state IN ('PENDING', 'IN_PROGRESS') AND o.id < e.id)"
                    + " OR (o.state = 'IN_PROGRESS' AND o.lease_until > ?)))"
                    + " ORDER BY e.id LIMIT ?"
                    + lockSkippingOthers())) {
                p.setLong(1, nowMs);
                p.setLong(2, nowMs);
                p.setLong(3, nowMs);
                p.setInt(4, max);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        byte[] body;
                        try {
                            body = BodyCodec.of(r.getString(8)).decode(r.getBytes(5));
                        } catch (IllegalStateException damaged) {
                            unreadable.put(r.getLong(1), damaged.getMessage());
                            continue;
                        }
                        candidates.add(new StoredEvent(
                                r.getLong(1),
                                r.getString(2),
                                r.getString(3),
                                r.getString(4),
                                body,
                                r.getInt(6) + 1,
                                Instant.ofEpochMilli(r.getLong(7))));
                    }
                }
            }
            // a body that cannot be read back can never be handled: parked at once, it holds up nothing else
            for (Map.Entry<Long, String> dead : unreadable.entrySet()) {
                Transactions.execute(
                        c,
                        "UPDATE inbox_event SET state = 'DEAD', finished_at = ?, last_error = ?, claimed_by = NULL,"
                                + " lease_until = NULL WHERE id = ?",
                        nowMs,
                        dead.getValue(),
                        dead.getKey());
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

    /**
     * PostgreSQL, several instances: the candidate rows are locked as they are read and rows another instance is
     * claiming right now are skipped, so instances claim side by side instead of queueing on each other's rows (the
     * conditional update below still decides, should a row slip through). SQLite has one writer and needs none.
     */
    private String lockSkippingOthers() {
        return dialect == SqlDialect.POSTGRESQL ? " FOR UPDATE OF e SKIP LOCKED" : "";
    }

    @Override
    public int pruneDone(Instant finishedBefore, int max) {
        return tx.update(
                "prune processed deliveries",
                "DELETE FROM inbox_event WHERE id IN (SELECT id FROM inbox_event WHERE state = 'DONE'"
                        + " AND finished_at < ? ORDER BY finished_at LIMIT ?"
                        + (dialect == SqlDialect.POSTGRESQL ? " FOR UPDATE SKIP LOCKED" : "")
                        + ")",
                finishedBefore.toEpochMilli(),
                max);
    }

    @Override
    public void close() {
        if (groupCommit != null) {
            groupCommit.close();
        }
        tx.close();
    }

    private static String truncate(String error) {
        return error == null || error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH) + "…";
    }
}
