/**
 * The team's real on-call schedule, read from an iCalendar feed (PagerDuty, Opsgenie, Google Calendar exports): the
 * feed fetched over HTTP, parsed with ical4j, names in it mapped to Jira users, and the last good copy kept for when
 * the feed is down. It answers {@link io.prodsupport.incident.OnDuty}, so the domain never sees HTTP.
 */
package io.prodsupport.oncall;
