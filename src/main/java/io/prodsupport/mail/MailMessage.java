package io.prodsupport.mail;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One e-mail as the intake reads it: who sent it and when, what it is about, its text, and its files.
 *
 * @param messageId    the {@code Message-ID}; made from the message's content when it has none
 * @param fromAddress  the sender's address, lower case; null when the message names none
 * @param fromName     the sender's display name; null when it has none
 * @param sent         the {@code Date}; the time it was received when it has none; null when neither is known
 * @param threadIds    the Message-IDs in {@code In-Reply-To} and {@code References}, nearest first
 * @param text         the body as plain text, the quoted reply chain left out
 * @param fullText     the body as plain text with the quotes: keys are looked for there too
 * @param quoteLeftOut whether a quoted reply chain was left out of {@code text}
 * @param automatic    an automatic reply (out of office, {@code Auto-Submitted: auto-replied}): not conversation
 */
record MailMessage(
        String messageId,
        String fromAddress,
        String fromName,
        Instant sent,
        String subject,
        List<String> threadIds,
        String text,
        String fullText,
        boolean quoteLeftOut,
        List<MailAttachment> attachments,
        boolean automatic) {

    MailMessage {
        Objects.requireNonNull(messageId, "messageId");
        subject = subject == null ? "" : subject;
        threadIds = List.copyOf(threadIds);
        text = text == null ? "" : text;
        fullText = fullText == null ? text : fullText;
        attachments = List.copyOf(attachments);
    }

    /** The sender as people read it: {@code Bob Smith <bob@example.com>}, or whichever of the two is known. */
    String sender() {
        if (fromName != null && !fromName.isBlank() && fromAddress != null) {
            return fromName + " <" + fromAddress + ">";
        }
        return fromAddress != null ? fromAddress : fromName != null ? fromName : "an unknown sender";
    }
}
