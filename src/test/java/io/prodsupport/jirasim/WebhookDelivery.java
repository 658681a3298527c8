package io.prodsupport.jirasim;

/**
 * One HTTP delivery attempt the simulator made. {@code retry} is 0 for a first delivery and N for the
 * value of X-Atlassian-Webhook-Retry; {@code status} is the receiver's answer, or -1 for an I/O error or timeout.
 */
public record WebhookDelivery(
        String url, String event, String issueKey, String identifier, int retry, int status, String body) {}
