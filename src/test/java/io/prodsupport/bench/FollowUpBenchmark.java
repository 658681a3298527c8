package io.prodsupport.bench;

import io.prodsupport.jirasim.SimIssue;
import io.prodsupport.testing.FaultTrials;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Issue 5's figures: Jira calls per follow-up by endpoint, and the time from the resolving webhook to every
 * follow-up being linked, for incidents resolved with {@code ACTIONS} prevention actions, 20 ms per Jira call.
 */
public final class FollowUpBenchmark {

    private static final Duration LATENCY = Duration.ofMillis(20);
    private static final int INCIDENTS = 20;
    private static final int ACTIONS = 3;

    public static void main(String[] args) throws Exception {
        try (ServiceUnderBench bench = new ServiceUnderBench(LATENCY)) {
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < INCIDENTS; i++) {
                keys.add(bench.sim.createIssue("OPS", "Incident", "Outage " + i, "words " + i, bench.site.carol()));
            }
            bench.await(keys, ServiceUnderBench::wellFormed);
            for (String key : keys) {
                bench.sim.editDescription(
                        key,
                        FaultTrials.resolved(bench.sim.issue(key).description(), key, ACTIONS),
                        bench.site.alice());
            }
            bench.awaitQuiet();
            bench.sim.calls().reset();

            List<Long> latencies = new ArrayList<>();
            for (String key : keys) {
                long start = System.nanoTime();
                bench.sim.transition(key, "Done", bench.site.alice());
                bench.await(
                        List.of(key),
                        issue -> linkedFollowUps(issue) == ACTIONS
                                && issue.comments().size() == 1);
                latencies.add((System.nanoTime() - start) / 1_000_000);
            }
            bench.awaitQuiet();
            Map<String, Integer> calls = bench.sim.calls().snapshot();

            System.out.printf(
                    "Follow-ups, Jira latency %d ms per call, %d incidents resolved one at a time, %d"
                            + " prevention actions each%n",
                    LATENCY.toMillis(), INCIDENTS, ACTIONS);
            System.out.println(
                    "Jira calls for the resolving event (reconcile + close gate + follow-ups), per follow-up:");
            ServiceUnderBench.printCalls(calls, INCIDENTS * ACTIONS, "follow-up");
            Collections.sort(latencies);
            System.out.printf(
                    "Resolved → all %d follow-ups created, linked and listed: p50 %d ms, p95 %d ms%n",
                    ACTIONS,
                    NewIncidentBenchmark.percentile(latencies, 50),
                    NewIncidentBenchmark.percentile(latencies, 95));
            long duplicates = bench.sim.issues().stream()
                            .filter(i -> i.projectKey().equals("SUP"))
                            .count()
                    - (long) INCIDENTS * ACTIONS;
            System.out.printf("Follow-ups beyond one per action: %d%n", duplicates);
        }
    }

    private static long linkedFollowUps(SimIssue incident) {
        return incident.links().size();
    }
}
