/**
 * Jira's webhook deliveries: the HTTP intake ({@code POST /webhook/jira}: size, content type, signature, parsing,
 * the service's own edits, then the inbox), the signature check, the event model parsed from the raw payload, and
 * the server that also answers {@code /health} and {@code /metrics}.
 */
package io.prodsupport.webhook;
