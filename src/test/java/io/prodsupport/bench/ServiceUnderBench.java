package io.prodsupport.bench;

import io.prodsupport.app.ConfigLoaders;
import io.prodsupport.app.ProdsupportService;
import io.prodsupport.app.Wiring;
import io.prodsupport.config.Config;
import io.prodsupport.incident.IncidentDescription;
import io.prodsupport.jirasim.Flavour;
import io.prodsupport.jirasim.JiraSimulator;
import io.prodsupport.jirasim.SimIssue;
import io.prodsupport.jirasim.SimSite;
import io.prodsupport.testing.SimulatedService;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The service in-process with its real HTTP intake, SQLite store and worker, and a simulated Cloud site that
 * delivers signed webhooks to it and adds {@code latency} to every Jira call.
 */
final class ServiceUnderBench implements AutoCloseable {

    final JiraSimulator sim;
    final SimSite site;
    final ProdsupportService service;

    ServiceUnderBench(Duration latency) throws IOException {
        this(Flavour.CLOUD, latency, false);
    }

    /** @param withWatcher whether Carol is a configured watcher of every incident (Alice is on duty either way) */
    ServiceUnderBench(Flavour flavour, Duration latency, boolean withWatcher) throws IOException {
        this(flavour, latency, withWatcher, "");
    }

    /** @param extraYaml more configuration, such as a {@code notify} section */
    ServiceUnderBench(Flavour flavour, Duration latency, boolean withWatcher, String extraYaml) throws IOException {
        sim = JiraSimulator.builder().flavour(flavour).start();
        site = SimSite.seed(sim);
        int port = SimulatedService.freePort();
        Config config = ConfigLoaders.withTemplateSections(Map.of())
                .load(SimulatedService.config(
                        site,
                        Files.createTempDirectory("prodsupport-bench"),
                        port,
                        withWatcher ? List.of(site.carol().jiraId()) : List.of(),
                        "sweep:\n  enabled: false\n" + extraYaml));
        service = new Wiring(config, Clock.systemUTC()).service("127.0.0.1").start();
        sim.webhooks().register("http://127.0.0.1:" + port + "/webhook/jira", SimulatedService.WEBHOOK_SECRET);
        sim.faults().latency(latency);
    }

    static boolean wellFormed(SimIssue issue) {
        return issue.fixVersions().contains("Production Support")
                && issue.assignee() != null
                && !issue.watchers().isEmpty()
                && IncidentDescription.parse(issue.description()).isTemplated();
    }

    void await(List<String> keys, Predicate<SimIssue> condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!keys.stream().map(sim::issue).allMatch(condition)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not reached within 30 s: "
                        + keys.stream()
                                .map(sim::issue)
                                .filter(condition.negate())
                                .map(i -> i.key() + " (" + i.status() + ", "
                                        + i.links().size() + " links, "
                                        + i.comments().size() + " comments)")
                                .toList());
            }
            Thread.sleep(2);
        }
    }

    /** Until every webhook is delivered and every stored event is done. */
    void awaitQuiet() throws InterruptedException {
        sim.webhooks().awaitIdle(Duration.ofSeconds(30));
        while (service.inbox().depth() > 0) {
            Thread.sleep(10);
        }
    }

    static void printCalls(Map<String, Integer> calls, int per, String unit) {
        int total = 0;
        for (Map.Entry<String, Integer> e : new java.util.TreeMap<>(calls).entrySet()) {
            System.out.printf("  %-55s %6.2f%n", e.getKey(), e.getValue() / (double) per);
            total += e.getValue();
        }
        System.out.printf("  %-55s %6.2f   (per %s)%n", "total", total / (double) per, unit);
    }

    @Override
    public void close() {
        service.close();
        sim.close();
    }
}
