package io.prodsupport.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Issue 3's figures: Jira calls per new incident by endpoint, and the time from Jira firing {@code issue_created} to
 * the ticket being well-formed, with {@code LATENCY} added to every Jira call.
 */
public final class NewIncidentBenchmark {

    private static final Duration LATENCY = Duration.ofMillis(20);
    private static final int SEQUENTIAL = 40;
    private static final int BURST = 20;

    public static void main(String[] args) throws Exception {
        try (ServiceUnderBench bench = new ServiceUnderBench(LATENCY)) {
            // the first incident creates the version and fills the cache; the figures are for incidents after it
            bench.await(
                    List.of(bench.sim.createIssue("OPS", "Incident", "Warm-up", "", bench.site.carol())),
                    ServiceUnderBench::wellFormed);
            bench.awaitQuiet();
            bench.sim.calls().reset();

            List<Long> latencies = new ArrayList<>();
            for (int i = 0; i < SEQUENTIAL; i++) {
                long start = System.nanoTime();
                String key = bench.sim.createIssue("OPS", "Incident", "Outage " + i, "words " + i, bench.site.carol());
                bench.await(List.of(key), ServiceUnderBench::wellFormed);
                latencies.add((System.nanoTime() - start) / 1_000_000);
            }
            bench.awaitQuiet();
            Map<String, Integer> calls = bench.sim.calls().snapshot();

            long burstStart = System.nanoTime();
            List<String> burst = new ArrayList<>();
            for (int i = 0; i < BURST; i++) {
                burst.add(bench.sim.createIssue("OPS", "Incident", "Burst " + i, "words " + i, bench.site.carol()));
            }
            bench.await(burst, ServiceUnderBench::wellFormed);
            long burstMillis = (System.nanoTime() - burstStart) / 1_000_000;

            System.out.printf(
                    "New incident, Jira latency %d ms per call, %d incidents one at a time%n",
                    LATENCY.toMillis(), SEQUENTIAL);
            System.out.println("Jira calls per new incident (after the first, which also creates the version):");
            ServiceUnderBench.printCalls(calls, SEQUENTIAL, "incident");
            Collections.sort(latencies);
            System.out.printf(
                    "Webhook fired → ticket well-formed: p50 %d ms, p95 %d ms, max %d ms%n",
                    percentile(latencies, 50), percentile(latencies, 95), latencies.get(latencies.size() - 1));
            System.out.printf(
                    "Burst of %d incidents filed together: all well-formed after %d ms%n", BURST, burstMillis);
        }
    }

    static long percentile(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
