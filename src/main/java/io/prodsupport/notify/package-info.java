/**
 * Telling people: one {@link io.prodsupport.notify.Notifier} per channel (Slack, Microsoft Teams, e-mail), the
 * {@link io.prodsupport.notify.Outbox} the domain queues {@link io.prodsupport.notify.ChannelMessage}s in, and the
 * {@link io.prodsupport.notify.OutboxWorker} that delivers them with its own retries, so a channel never holds up the
 * incident's Jira work.
 *
 * <p>The channels take their own plain settings (a webhook URL, {@link io.prodsupport.notify.EmailSettings}), not the
 * config: {@code app} decides from the config which channels exist and builds them.
 */
package io.prodsupport.notify;
