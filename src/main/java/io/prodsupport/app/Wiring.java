package io.prodsupport.app;

import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prodsupport.config.Config;
import io.prodsupport.jira.HttpJiraClient;
import io.prodsupport.jira.JiraClient;
import io.prodsupport.jira.JiraConnection;
import io.prodsupport.jira.JiraCredentials;
import io.prodsupport.jira.RetryBudget;

import java.time.Duration;

/** The one place where collaborators are created from the config and handed to each other. */
final class Wiring {

    private final Config config;

    Wiring(Config config) {
        this.config = config;
    }

    JiraClient jiraClient() {
        Config.Jira jira = config.jira();
        JiraCredentials credentials = jira.usesPersonalAccessToken()
                ? new JiraCredentials.PersonalAccessToken(jira.personalAccessToken().value())
                : new JiraCredentials.CloudToken(jira.email(), jira.apiToken().value());
        Duration maxWait = jira.retries().maxWait();
        RetryBudget budget = new RetryBudget(jira.retries().maxAttempts(), Duration.ofMillis(500),
                maxWait.compareTo(Duration.ofSeconds(30)) < 0 ? maxWait : Duration.ofSeconds(30), maxWait);
        return new HttpJiraClient(new JiraConnection(jira.baseUrl(), credentials, jira.timeout(), budget));
    }

    PrometheusMeterRegistry metrics() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        return registry;
    }
}
