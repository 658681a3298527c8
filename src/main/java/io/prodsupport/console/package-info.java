/**
 * The operator's console at {@code /console}: the analytics' charts for a chosen period and the service's state (the
 * inbox, recent events, dead letters with replay, channels and timers, who is on duty), server-rendered with the
 * report's Pebble templates; and {@code /api/dead-letters}. Access (token, sessions, CSRF) is
 * {@link io.prodsupport.webhook.ApiRoutes}'s.
 */
package io.prodsupport.console;
