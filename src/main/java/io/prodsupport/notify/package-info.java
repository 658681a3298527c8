/**
 * Telling people about a new incident: one {@link io.prodsupport.notify.Notifier} per channel (Slack, Microsoft
 * Teams, e-mail), built from the config by {@link io.prodsupport.notify.Notifiers}, and the
 * {@link io.prodsupport.notify.Announcer} that tells every channel and reports, channel by channel, who was told,
 * so the domain can record it and retry only the channels that failed.
 */
package io.prodsupport.notify;
