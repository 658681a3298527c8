package io.prodsupport.store;

import com.zaxxer.hikari.HikariDataSource;
import io.prodsupport.incident.FollowUpLedger;
import io.prodsupport.incident.FollowUpLedger.Claim;
import io.prodsupport.incident.FollowUpRecord;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The follow-up ledger over JDBC, the same SQL on SQLite and PostgreSQL. The primary key (incident, action id) makes
 * the intent a claim: the insert of a second creator does nothing, and every later write is conditional on the
 * claimant and the state, so a creator that lost its lease changes nothing.
 */
final class JdbcFollowUpLedger implements FollowUpLedger {

    private static final String HELD = "incident_key = ? AND action_id = ? AND claimed_by = ?";

    private final Transactions tx;

    JdbcFollowUpLedger(HikariDataSource pool) {
        this.tx = new Transactions(pool);
    }

    @Override
    public List<FollowUpRecord> records(String incidentKey) {
        return tx.run("read the follow-up ledger", c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT incident_key, action_id, state, followup_key, summary,"
                            + " claimed_by, lease_until FROM followup_ledger WHERE incident_key = ? ORDER BY seq, action_id")) {
                p.setString(1, incidentKey);
                try (ResultSet r = p.executeQuery()) {
                    List<FollowUpRecord> records = new ArrayList<>();
                    while (r.next()) {
                        records.add(new FollowUpRecord(
                                r.getString(1),
                                r.getString(2),
                                FollowUpRecord.State.valueOf(r.getString(3)),
                                r.getString(4),
                                r.getString(5),
                                r.getString(6),
                                Instant.ofEpochMilli(r.getLong(7))));
                    }
                    return records;
                }
            }
        });
    }

    @Override
    public Claim claim(
            String incidentKey, String actionId, String summary, String claimant, Instant now, Instant leaseUntil) {
        return tx.run("claim a follow-up", c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO followup_ledger (incident_key, action_id, state,"
                    + " summary, claimed_by, lease_until, seq, claimed_at, updated_at) VALUES (?, ?, 'CLAIMED', ?, ?, ?,"
                    + " (SELECT COALESCE(MAX(seq), 0) + 1 FROM followup_ledger WHERE incident_key = ?), ?, ?)"
                    + " ON CONFLICT (incident_key, action_id) DO NOTHING")) {
                Transactions.set(
                        p,
                        incidentKey,
                        actionId,
                        summary,
                        claimant,
                        leaseUntil.toEpochMilli(),
                        incidentKey,
                        now.toEpochMilli(),
                        now.toEpochMilli());
                if (p.executeUpdate() == 1) {
                    return Claim.NEW;
                }
            }
            try (PreparedStatement p = c.prepareStatement("UPDATE followup_ledger SET claimed_by = ?, lease_until = ?,"
                    + " updated_at = ? WHERE incident_key = ? AND action_id = ? AND state <> 'COMMENTED'"
                    + " AND (claimed_by = ? OR lease_until <= ?)")) {
                Transactions.set(
                        p,
                        claimant,
                        leaseUntil.toEpochMilli(),
                        now.toEpochMilli(),
                        incidentKey,
                        actionId,
                        claimant,
                        now.toEpochMilli());
                return p.executeUpdate() == 1 ? Claim.RESUMED : Claim.REFUSED;
            }
        });
    }

    @Override
    public boolean created(String incidentKey, String actionId, String followUpKey, String claimant, Instant now) {
        return tx.update(
                        "record a follow-up",
                        "UPDATE followup_ledger SET state = 'CREATED', followup_key = ?," + " updated_at = ? WHERE "
                                + HELD + " AND state = 'CLAIMED'",
                        followUpKey,
                        now.toEpochMilli(),
                        incidentKey,
                        actionId,
                        claimant)
                == 1;
    }

    @Override
    public boolean linked(String incidentKey, String actionId, String claimant, Instant now) {
        return tx.update(
                        "record a follow-up's link",
                        "UPDATE followup_ledger SET state = 'LINKED', updated_at = ?" + " WHERE " + HELD
                                + " AND state = 'CREATED'",
                        now.toEpochMilli(),
                        incidentKey,
                        actionId,
                        claimant)
                == 1;
    }

    @Override
    public int commented(String incidentKey, Collection<String> actionIds, String claimant, Instant now) {
        return tx.run("record a follow-up comment", c -> {
            int moved = 0;
            try (PreparedStatement p = c.prepareStatement("UPDATE followup_ledger SET state = 'COMMENTED',"
                    + " updated_at = ? WHERE " + HELD + " AND state = 'LINKED'")) {
                for (String actionId : actionIds) {
                    Transactions.set(p, now.toEpochMilli(), incidentKey, actionId, claimant);
                    moved += p.executeUpdate();
                }
            }
            return moved;
        });
    }

    @Override
    public void release(String incidentKey, Collection<String> actionIds, String claimant) {
        tx.run("release follow-up claims", c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE followup_ledger SET lease_until = 0 WHERE " + HELD)) {
                for (String actionId : actionIds) {
                    Transactions.set(p, incidentKey, actionId, claimant);
                    p.executeUpdate();
                }
            }
            return null;
        });
    }

    @Override
    public void forget(String incidentKey, String actionId, String claimant) {
        tx.update(
                "forget a follow-up intent",
                "DELETE FROM followup_ledger WHERE " + HELD + " AND state = 'CLAIMED'",
                incidentKey,
                actionId,
                claimant);
    }

    @Override
    public void close() {
        tx.close();
    }
}
