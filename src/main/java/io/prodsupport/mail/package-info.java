/**
 * E-mail into the ticket: the mailbox prodsupport reads (IMAP, with IDLE where the server offers it), and what a message
 * means — which incident it is about, and the comment it becomes.
 *
 * <p>{@link io.prodsupport.mail.MailWatcher} keeps one connection to the mailbox and hands each poll to
 * {@link io.prodsupport.mail.MailIntake}, which takes every message exactly once: the
 * {@link io.prodsupport.mail.MailLedger} (implemented over JDBC in {@code store}) records its Message-ID before the
 * comment is written, and the message is moved to the done folder (or flagged) after. A message that names no incident
 * goes to the unmatched folder for a person; nothing is deleted.
 *
 * <p>Transport-level on purpose: Jakarta Mail and HTML stay here, and the domain ({@code incident}) never sees them.
 * {@code app} builds this package from the config; it takes its own settings ({@link io.prodsupport.mail.MailboxSettings}).
 */
package io.prodsupport.mail;
