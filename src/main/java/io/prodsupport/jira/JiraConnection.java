package io.prodsupport.jira;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where Jira is and how to talk to it.
 *
 * @param baseUrl the site, with its context path if any ({@code https://jira.example.com/jira}); every
 *     request goes to this scheme, host and port and nowhere else
 * @param callTimeout how long one attempt may wait on the socket (connect, write, read); the whole call,
 *     retries and rate-limit pauses included, is bounded by {@code retryBudget.maxTotal()}
 */
public record JiraConnection(URI baseUrl, JiraCredentials credentials, Duration callTimeout, RetryBudget retryBudget) {

    public JiraConnection {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(callTimeout, "callTimeout");
        Objects.requireNonNull(retryBudget, "retryBudget");
        String scheme = baseUrl.getScheme();
        if (!"https".equalsIgnoreCase(scheme) && !"http".equalsIgnoreCase(scheme) || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("jira.baseUrl must be an http(s) URL with a host, was " + baseUrl);
        }
        if (baseUrl.getUserInfo() != null) {
            throw new IllegalArgumentException("jira.baseUrl must not carry credentials; use the credentials settings");
        }
    }
}
