package io.prodsupport.app;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.prodsupport.jira.RetryStats;
import java.util.Locale;

/**
 * Publishes the Jira client's {@link RetryStats} on {@code /metrics}, so an operator sees an outage or a rate limit
 * being ridden out: requests sent again (by reason), the back-off slept in all and the longest one (retries are spaced
 * out, not hammered), and the waits on Jira's {@code Retry-After}.
 */
final class JiraRetryMetrics {

    private JiraRetryMetrics() {}

    static void bind(RetryStats stats, MeterRegistry registry) {
        for (RetryStats.Reason reason : RetryStats.Reason.values()) {
            FunctionCounter.builder("prodsupport.jira.retries", stats, s -> s.retries(reason))
                    .tag("reason", reason.name().toLowerCase(Locale.ROOT))
                    .description("Jira requests sent again, by why")
                    .register(registry);
        }
        FunctionCounter.builder(
                        "prodsupport.jira.backoff", stats, s -> s.backoff().toNanos() / 1e9)
                .baseUnit("seconds")
                .description("Back-off slept before sending a Jira request again after a 5xx or an I/O error")
                .register(registry);
        Gauge.builder(
                        "prodsupport.jira.backoff.longest",
                        stats,
                        s -> s.longestBackoff().toNanos() / 1e9)
                .baseUnit("seconds")
                .description("The longest single back-off so far")
                .register(registry);
        FunctionCounter.builder("prodsupport.jira.rate.limit.waits", stats, RetryStats::rateLimitWaits)
                .description("Times a Jira call waited because Jira asked every caller to pause (429, 503)")
                .register(registry);
        FunctionCounter.builder(
                        "prodsupport.jira.rate.limit.wait",
                        stats,
                        s -> s.rateLimitWait().toNanos() / 1e9)
                .baseUnit("seconds")
                .description("Time Jira calls spent waiting for Jira's Retry-After, in all")
                .register(registry);
    }
}
