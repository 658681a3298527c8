/**
 * The JDBC side of the durable state (SQLite by default, PostgreSQL too): {@link io.prodsupport.store.Stores} opens
 * the database named by {@code store.url} as a migrated connection pool per user, and hands out the implementations
 * of the ports other packages define: the inbox ({@link io.prodsupport.inbox.Inbox}), the follow-up ledger
 * ({@link io.prodsupport.incident.FollowUpLedger}), the backfill checkpoints
 * ({@link io.prodsupport.backfill.BackfillCheckpoints}) and the mail ledger ({@link io.prodsupport.mail.MailLedger}).
 *
 * <p>Also here: the versioned schema migrations, the two SQL dialects (they differ only in their migration files)
 * and the one-transaction-per-operation helper that turns a database failure into a
 * {@link io.prodsupport.inbox.StoreUnavailableException}. Every operation is one transaction, so nothing is ever
 * half-written.
 */
package io.prodsupport.store;
