package io.prodsupport.mail;

import java.time.Instant;
import java.util.Objects;

/**
 * One ledger row: an e-mail and what became of it.
 *
 * @param issueKey  the incident it was posted on; null unless {@link State#COMMENTED}
 * @param commentId the comment it became; null unless {@link State#COMMENTED}
 */
public record MailRecord(
        String messageKey,
        String messageId,
        State state,
        String issueKey,
        String commentId,
        String claimedBy,
        Instant leaseUntil) {

    public enum State {
        /** Being handled, or its handler stopped half-way; the comment may or may not exist. */
        CLAIMED,
        /** Posted as a comment on {@code issueKey}; moved to the done folder (or flagged) after. */
        COMMENTED,
        /** It names no incident (or Jira refused the comment): moved to the unmatched folder for a person. */
        UNMATCHED,
        /** From prodsupport's own address, or an automatic reply: moved to the done folder without a comment. */
        IGNORED;

        /** Where the message goes once handled. */
        public boolean unmatched() {
            return this == UNMATCHED;
        }
    }

    public MailRecord {
        Objects.requireNonNull(messageKey, "messageKey");
        Objects.requireNonNull(state, "state");
    }
}
