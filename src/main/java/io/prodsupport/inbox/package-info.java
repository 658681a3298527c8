/**
 * The queue of durable webhook events between the intake and the reconciler: the {@link io.prodsupport.inbox.Inbox}
 * port (accept with deduplication by delivery id, claim, complete, retry, dead-letter, replay), the records that pass
 * through it, and the {@link io.prodsupport.inbox.InboxWorker} that hands events to an
 * {@link io.prodsupport.inbox.EventHandler} one at a time per issue, retries with backoff and parks events that keep
 * failing as dead letters.
 *
 * <p>Claims are leases kept in the store, not in memory: whatever happens to a process, an event it accepted is
 * finished by the next worker that sees the lease expire.
 *
 * <p>No SQL here: the store behind the port is {@code io.prodsupport.store}, which depends on this package and not
 * the other way round.
 */
package io.prodsupport.inbox;
