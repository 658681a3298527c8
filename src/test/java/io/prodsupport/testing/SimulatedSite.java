package io.prodsupport.testing;

import io.prodsupport.jira.HttpJiraClient;
import io.prodsupport.jira.JiraConnection;
import io.prodsupport.jira.JiraCredentials;
import io.prodsupport.jira.RetryBudget;
import io.prodsupport.jirasim.Flavour;
import io.prodsupport.jirasim.JiraSimulator;
import io.prodsupport.jirasim.SimSite;
import io.prodsupport.jirasim.SimUser;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A seeded simulator plus production clients signed in as its users, for tests of code that talks to Jira.
 * Closing it fails the test if any request broke Atlassian's OpenAPI spec.
 */
public final class SimulatedSite implements AutoCloseable {

    /** Small back-offs so tests with injected faults stay fast; still several attempts. */
    public static final RetryBudget FAST_RETRIES =
            new RetryBudget(4, Duration.ofMillis(10), Duration.ofMillis(100), Duration.ofSeconds(20));

    private final JiraSimulator sim;
    private final SimSite site;
    private final HttpJiraClient bot;
    private final List<HttpJiraClient> clients = new ArrayList<>();

    private SimulatedSite(Flavour flavour, Clock clock) {
        this.sim = JiraSimulator.builder().flavour(flavour).clock(clock).start();
        this.site = SimSite.seed(sim);
        this.bot = clientFor(site.bot(), FAST_RETRIES);
    }

    public static SimulatedSite start(Flavour flavour) {
        return new SimulatedSite(flavour, Clock.systemUTC());
    }

    /** A site whose Jira keeps time by {@code clock}: created and updated dates, and everything dated. */
    public static SimulatedSite start(Flavour flavour, Clock clock) {
        return new SimulatedSite(flavour, clock);
    }

    public JiraSimulator sim() {
        return sim;
    }

    public SimSite site() {
        return site;
    }

    /** The production client, signed in as prodsupport's service account. */
    public HttpJiraClient bot() {
        return bot;
    }

    public HttpJiraClient clientFor(SimUser user, RetryBudget budget) {
        JiraCredentials credentials = user.apiToken() != null
                ? new JiraCredentials.CloudToken(user.email(), user.apiToken())
                : new JiraCredentials.PersonalAccessToken(user.personalAccessToken());
        HttpJiraClient client = new HttpJiraClient(
                new JiraConnection(URI.create(sim.baseUrl()), credentials, Duration.ofSeconds(10), budget));
        clients.add(client);
        return client;
    }

    @Override
    public void close() {
        clients.forEach(HttpJiraClient::close);
        try {
            sim.assertNoSpecViolations();
        } finally {
            sim.close();
        }
    }
}
