/** Jira's webhook deliveries: the signature check and the event model parsed from the raw payload. */
package io.prodsupport.webhook;
