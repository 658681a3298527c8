package io.prodsupport.app;

import static org.awaitility.Awaitility.await;

import io.prodsupport.config.Config;
import io.prodsupport.inbox.WorkerSettings;
import io.prodsupport.incident.IncidentDescription;
import io.prodsupport.jirasim.Faults;
import io.prodsupport.jirasim.Flavour;
import io.prodsupport.jirasim.JiraSimulator;
import io.prodsupport.jirasim.SimIssue;
import io.prodsupport.jirasim.SimSite;
import io.prodsupport.testing.SimulatedService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fault trials 3, 4 and 5 of issue 13 (Jira's side): the whole service in-process (real intake, SQLite inbox,
 * worker, sweep) against a simulated Cloud site that delivers signed webhooks, with a fault switched on. Each trial
 * returns its figures; {@code JiraFaultTrialsTest} runs them short and asserts, {@code JiraFaultsBenchmark} runs them at
 * the issue's lengths and prints.
 */
public final class JiraFaultTrial implements AutoCloseable {

    private final JiraSimulator sim;
    private final SimSite site;
    private final ProdsupportService service;
    private final HttpClient http = HttpClient.newHttpClient();

    /**
     * @param worker      the worker's pace (a trial shortens the back-off so an outage fits in a test)
     * @param jiraRetries the {@code jira.retries} block, e.g. {@code "{maxAttempts: 3, maxWait: PT5S}"}
     * @param sweep       whether the sweep runs (its timer waits an hour; trials run it with {@link #sweep()})
     */
    public JiraFaultTrial(WorkerSettings worker, String jiraRetries, boolean sweep) throws IOException {
        sim = JiraSimulator.builder()
                .flavour(Flavour.CLOUD)
                .validateRequests(false)
                .start();
        site = SimSite.seed(sim);
        int port = SimulatedService.freePort();
        Path dir = Files.createTempDirectory("prodsupport-fault-trial");
        Path file = SimulatedService.config(
                site, dir, port, "sweep:\n  enabled: " + sweep + "\n  interval: PT1H\n  firstLookback: PT1H\n");
        Files.writeString(
                file,
                Files.readString(file).replace("retries: {maxAttempts: 3, maxWait: PT5S}", "retries: " + jiraRetries));
        Config config = ConfigLoaders.withTemplateSections(Map.of()).load(file);
        service = new Wiring(config, Clock.systemUTC())
                .workerSettings(worker)
                .service("127.0.0.1")
                .start();
        sim.webhooks().register("http://127.0.0.1:" + port + "/webhook/jira", SimulatedService.WEBHOOK_SECRET);
        if (sweep) {
            // the sweep's first run (at start) must be over before incidents are filed: on a busy machine it could
            // otherwise find them and heal what the trial means to leave behind until its own sweep
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> service.lastSweep().isPresent());
        }
    }

    public JiraSimulator sim() {
        return sim;
    }

    public ProdsupportService service() {
        return service;
    }

    /** Files {@code n} incidents (Carol reports them), as fast as Jira takes them. */
    public List<String> fileIncidents(int n) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            keys.add(sim.createIssue(
                    "OPS", "Incident", "Checkout down " + i, "500s on /checkout, run " + i, site.carol()));
        }
        return keys;
    }

    /** Up to the standard: fix version, owner, a watcher, the template. */
    public static boolean reconciled(SimIssue issue) {
        return issue.fixVersions().contains("Production Support")
                && issue.assignee() != null
                && !issue.watchers().isEmpty()
                && IncidentDescription.parse(issue.description()).isTemplated();
    }

    public List<String> notReconciled(List<String> keys) {
        return keys.stream().filter(k -> !reconciled(sim.issue(k))).toList();
    }

    /** Until every webhook is delivered and every stored event is done (or a dead letter); false after {@code max}. */
    public boolean awaitQuiet(Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        sim.webhooks().awaitIdle(max);
        while (service.inbox().depth() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    /** Until every one of {@code keys} is reconciled; false after {@code max}. */
    public boolean awaitReconciled(List<String> keys, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        // only the ones still behind are looked at again: reading 500 issues every few ms would slow the site down
        List<String> behind = notReconciled(keys);
        while (!behind.isEmpty()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50);
            behind = notReconciled(behind);
        }
        return true;
    }

    /** {@code GET /metrics}, as Prometheus scrapes it. */
    public String metrics() {
        try {
            return http.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + "/metrics"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The value of one sample line of {@link #metrics()}, e.g. {@code prodsupport_jira_retries_total{reason="server_error"}}; 0 when absent. */
    public static double sample(String metrics, String series) {
        Matcher m =
                Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    /** Calls answered 429 and, for each, how long after it the next call came (the site's own times). */
    public static List<Duration> gapsAfterRateLimits(List<Faults.Answer> answers) {
        List<Duration> gaps = new ArrayList<>();
        for (int i = 0; i + 1 < answers.size(); i++) {
            if (answers.get(i).retryAfterSeconds() > 0) {
                gaps.add(Duration.ofNanos(
                        answers.get(i + 1).nanos() - answers.get(i).nanos()));
            }
        }
        return gaps;
    }

    @Override
    public void close() {
        service.close();
        sim.close();
    }
}
