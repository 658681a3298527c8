package io.prodsupport.store;

import com.zaxxer.hikari.HikariDataSource;
import io.prodsupport.mail.MailLedger;
import io.prodsupport.mail.MailRecord;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;

/**
 * The mail ledger over JDBC, the same SQL on SQLite and PostgreSQL. The primary key (the Message-ID's digest) makes the
 * first insert the claim: a second instance's insert does nothing, and it may take the row over only once the lease
 * has run out. Every later write is conditional on the claimant and the state.
 */
final class JdbcMailLedger implements MailLedger {

    private final Transactions tx;

    JdbcMailLedger(HikariDataSource pool) {
        this.tx = new Transactions(pool);
    }

    @Override
    public Claim claim(String messageKey, String messageId, String claimant, Instant now, Instant leaseUntil) {
        return tx.run("claim an e-mail", c -> {
            if (Transactions.execute(
                            c,
                            "INSERT INTO mail_ledger (message_key, message_id, state, claimed_by, lease_until,"
                                    + " claimed_at, updated_at) VALUES (?, ?, 'CLAIMED', ?, ?, ?, ?)"
                                    + " ON CONFLICT (message_key) DO NOTHING",
                            messageKey,
                            messageId,
                            claimant,
                            leaseUntil.toEpochMilli(),
                            now.toEpochMilli(),
                            now.toEpochMilli())
                    == 1) {
                return Claim.NEW;
            }
            if (Transactions.execute(
                            c,
                            "UPDATE mail_ledger SET claimed_by = ?, lease_until = ?, updated_at = ?"
                                    + " WHERE message_key = ? AND state = 'CLAIMED'"
                                    + " AND (claimed_by = ? OR lease_until <= ?)",
                            claimant,
                            leaseUntil.toEpochMilli(),
                            now.toEpochMilli(),
                            messageKey,
                            claimant,
                            now.toEpochMilli())
                    == 1) {
                return Claim.RESUMED;
            }
            try (PreparedStatement p = c.prepareStatement("SELECT state FROM mail_ledger WHERE message_key = ?")) {
                p.setString(1, messageKey);
                try (ResultSet r = p.executeQuery()) {
                    return r.next() && !"CLAIMED".equals(r.getString(1)) ? Claim.FINISHED : Claim.BUSY;
                }
            }
        });
    }

    @Override
    public boolean finish(
            String messageKey,
            MailRecord.State state,
            String issueKey,
            String commentId,
            String claimant,
            Instant now) {
        if (state == MailRecord.State.CLAIMED) {
            throw new IllegalArgumentException("a finished e-mail is not CLAIMED");
        }
        return tx.update(
                        "record an e-mail as handled",
                        "UPDATE mail_ledger SET state = ?, issue_key = ?, comment_id = ?, updated_at = ?"
                                + " WHERE message_key = ? AND claimed_by = ? AND state = 'CLAIMED'",
                        state.name(),
                        issueKey,
                        commentId,
                        now.toEpochMilli(),
                        messageKey,
                        claimant)
                == 1;
    }

    @Override
    public void release(String messageKey, String claimant) {
        tx.update(
                "release an e-mail",
                "UPDATE mail_ledger SET lease_until = 0 WHERE message_key = ? AND claimed_by = ? AND state = 'CLAIMED'",
                messageKey,
                claimant);
    }

    @Override
    public int releaseAll() {
        return tx.update(
                "release every e-mail claim",
                "UPDATE mail_ledger SET lease_until = 0 WHERE state = 'CLAIMED' AND lease_until > 0");
    }

    @Override
    public Optional<MailRecord> record(String messageKey) {
        return tx.run("read the mail ledger", c -> {
            try (PreparedStatement p =
                    c.prepareStatement("SELECT message_key, message_id, state, issue_key, comment_id,"
                            + " claimed_by, lease_until FROM mail_ledger WHERE message_key = ?")) {
                p.setString(1, messageKey);
                try (ResultSet r = p.executeQuery()) {
                    if (!r.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new MailRecord(
                            r.getString(1),
                            r.getString(2),
                            MailRecord.State.valueOf(r.getString(3)),
                            r.getString(4),
                            r.getString(5),
                            r.getString(6),
                            Instant.ofEpochMilli(r.getLong(7))));
                }
            }
        });
    }

    @Override
    public void close() {
        tx.close();
    }
}
