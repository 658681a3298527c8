/**
 * Durable webhook events between the intake and the reconciler: the {@link io.prodsupport.inbox.Inbox} store
 * (SQLite by default, PostgreSQL too; opened by {@link io.prodsupport.inbox.Stores}), deduplication by delivery id,
 * and the {@link io.prodsupport.inbox.InboxWorker} that hands events to an {@link io.prodsupport.inbox.EventHandler}
 * one at a time per issue, retries with backoff and parks events that keep failing as dead letters.
 *
 * <p>Claims are leases kept in the store, not in memory: whatever happens to a process, an event it accepted is
 * finished by the next worker that sees the lease expire.
 *
 * <p>The same store keeps the follow-up ledger ({@link io.prodsupport.inbox.Stores#openFollowUpLedger}), with claims
 * of the same kind.
 */
package io.prodsupport.inbox;
