package io.prodsupport.mail;

import java.time.Instant;
import java.util.Optional;

/**
 * The durable record of e-mails taken into tickets, keyed by each message's {@code Message-ID} (as a digest): written
 * before the comment, finished after it, so a message is posted once however often it is delivered, however many
 * instances read the mailbox, and wherever one of them crashed. A row is a claim with a lease: of two instances that
 * see the same message only one works on it, and one that died is taken over when its lease runs out. Every write
 * names its claimant and does nothing for anyone else.
 */
public interface MailLedger extends AutoCloseable {

    /**
     * Records the intent to handle a message, or takes over an unfinished one this claimant holds or whose lease has run
     * out; sets the lease to {@code leaseUntil}.
     *
     * @param messageKey the digest of the Message-ID ({@link MessageKey}); the row's key
     * @param messageId  the Message-ID itself, for people reading the store
     */
    Claim claim(String messageKey, String messageId, String claimant, Instant now, Instant leaseUntil);

    /** What a claim got. */
    enum Claim {
        /** Nobody handled this message before: no comment for it can exist. */
        NEW,
        /** An earlier attempt stopped half-way (a crash, a failure): it may have posted the comment already. */
        RESUMED,
        /** Another claimant is working on it now. */
        BUSY,
        /** It was handled already ({@link #record} says how): a second delivery, or a crash before the move. */
        FINISHED;

        public boolean held() {
            return this == NEW || this == RESUMED;
        }
    }

    /**
     * CLAIMED to the final state, with the incident and comment when it was posted. False when the claimant no longer
     * holds the row (its lease was taken over): then it must not move the message either.
     */
    boolean finish(
            String messageKey, MailRecord.State state, String issueKey, String commentId, String claimant, Instant now);

    /** Ends this claimant's lease at once, so the next poll (of any instance) retries the message without waiting. */
    void release(String messageKey, String claimant);

    /**
     * Ends every lease: for a store only one process uses (SQLite), whose claims left at start belong to a process that
     * was killed. Returns how many were released.
     */
    int releaseAll();

    /** The message's row, if it has one. */
    Optional<MailRecord> record(String messageKey);

    @Override
    void close();
}
