package io.prodsupport.bench;

import io.prodsupport.app.ProdsupportService;
import io.prodsupport.app.Wiring;
import io.prodsupport.config.Config;
import io.prodsupport.config.ConfigLoader;
import io.prodsupport.incident.IncidentDescription;
import io.prodsupport.jirasim.Flavour;
import io.prodsupport.jirasim.JiraSimulator;
import io.prodsupport.jirasim.SimIssue;
import io.prodsupport.jirasim.SimSite;
import io.prodsupport.testing.SimulatedService;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Issue 3's figures: Jira calls per new incident by endpoint, and the time from Jira firing {@code issue_created} to
 * the ticket being well-formed, with {@code LATENCY} added to every Jira call. The service runs in-process with
 * its real HTTP intake, SQLite inbox and worker; the simulator delivers signed webhooks over loopback.
 */
public final class NewIncidentBenchmark {

    private static final Duration LATENCY = Duration.ofMillis(20);
    private static final int SEQUENTIAL = 40;
    private static final int BURST = 20;

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("prodsupport-bench");
        try (JiraSimulator sim = JiraSimulator.builder().flavour(Flavour.CLOUD).start()) {
            SimSite site = SimSite.seed(sim);
            int port = SimulatedService.freePort();
            Config config = new ConfigLoader(Map.of()).load(SimulatedService.config(site, dir, port, ""));
            try (ProdsupportService service = new Wiring(config, Clock.systemUTC()).service("127.0.0.1").start()) {
                sim.webhooks().register("http://127.0.0.1:" + port + "/webhook/jira", SimulatedService.WEBHOOK_SECRET);
                sim.faults().latency(LATENCY);
                warmUp(sim, site);
                sim.calls().reset();

                List<Long> latencies = new ArrayList<>();
                for (int i = 0; i < SEQUENTIAL; i++) {
                    long start = System.nanoTime();
                    String key = sim.createIssue("OPS", "Incident", "Outage " + i, "words " + i, site.carol());
                    awaitWellFormed(sim, List.of(key));
                    latencies.add((System.nanoTime() - start) / 1_000_000);
                }
                sim.webhooks().awaitIdle(Duration.ofSeconds(30));
                awaitDrained(service);
                Map<String, Integer> calls = new TreeMap<>(sim.calls().snapshot());

                long burstStart = System.nanoTime();
                List<String> burst = new ArrayList<>();
                for (int i = 0; i < BURST; i++) {
                    burst.add(sim.createIssue("OPS", "Incident", "Burst " + i, "words " + i, site.carol()));
                }
                awaitWellFormed(sim, burst);
                long burstMillis = (System.nanoTime() - burstStart) / 1_000_000;

                print(calls, latencies, burstMillis);
            }
        }
    }

    /** The first incident creates the version and fills the cache; the figures are for incidents after it. */
    private static void warmUp(JiraSimulator sim, SimSite site) throws InterruptedException {
        awaitWellFormed(sim, List.of(sim.createIssue("OPS", "Incident", "Warm-up", "", site.carol())));
        sim.webhooks().awaitIdle(Duration.ofSeconds(30));
    }

    private static void awaitWellFormed(JiraSimulator sim, List<String> keys) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!keys.stream().allMatch(k -> wellFormed(sim.issue(k)))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("incidents not well-formed within 120 s: " + keys);
            }
            Thread.sleep(2);
        }
    }

    private static boolean wellFormed(SimIssue issue) {
        return issue.fixVersions().contains("Production Support") && issue.assignee() != null
                && !issue.watchers().isEmpty() && IncidentDescription.parse(issue.description()).isTemplated();
    }

    private static void awaitDrained(ProdsupportService service) throws InterruptedException {
        while (service.inbox().depth() > 0) {
            Thread.sleep(10);
        }
    }

    private static void print(Map<String, Integer> calls, List<Long> latencies, long burstMillis) {
        System.out.printf("New incident, Jira latency %d ms per call, %d incidents one at a time%n",
                LATENCY.toMillis(), SEQUENTIAL);
        System.out.println("Jira calls per new incident (after the first, which also creates the version):");
        int total = 0;
        for (Map.Entry<String, Integer> e : calls.entrySet()) {
            System.out.printf("  %-50s %5.2f%n", e.getKey(), e.getValue() / (double) SEQUENTIAL);
            total += e.getValue();
        }
        System.out.printf("  %-50s %5.2f%n", "total", total / (double) SEQUENTIAL);
        Collections.sort(latencies);
        System.out.printf("Webhook fired → ticket well-formed: p50 %d ms, p95 %d ms, max %d ms%n",
                percentile(latencies, 50), percentile(latencies, 95), latencies.get(latencies.size() - 1));
        System.out.printf("Burst of %d incidents filed together: all well-formed after %d ms%n", BURST, burstMillis);
    }

    private static long percentile(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
