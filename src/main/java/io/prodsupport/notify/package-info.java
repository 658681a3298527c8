/**
 * Telling people about a new incident: one {@link io.prodsupport.notify.Notifier} per channel (Slack, Microsoft
 * Teams, e-mail), and the {@link io.prodsupport.notify.Announcer} that tells every channel and reports, channel by
 * channel, who was told, so the domain can record it and retry only the channels that failed.
 *
 * <p>The channels take their own plain settings (a webhook URL, {@link io.prodsupport.notify.EmailSettings}), not the
 * config: {@code app} decides from the config which channels exist and builds them.
 */
package io.prodsupport.notify;
