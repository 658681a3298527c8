package io.prodsupport.bench;

import io.prodsupport.jirasim.Flavour;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Issue 9's table: the Jira calls one event of each kind costs, through the whole service (signed webhook, intake,
 * SQLite inbox, worker, workflow), counted by the simulator. An on-duty person (Alice) and one configured watcher
 * (Carol), as in the issue. Each event kind runs {@code REPEATS} times on fresh incidents, between quiet points (every
 * webhook delivered, the inbox empty), so the calls counted are that event's and its echoes' (the service's own edits
 * come back as webhooks and are dropped at intake: 0 calls). Run on both flavours.
 *
 * <pre>scripts/bench CallsPerEvent</pre>
 */
public final class CallsPerEventBenchmark {

    private static final int REPEATS = 10;

    public static void main(String[] args) throws Exception {
        for (Flavour flavour : Flavour.values()) {
            try (ServiceUnderBench bench = new ServiceUnderBench(flavour, Duration.ZERO, true)) {
                new CallsPerEventBenchmark(bench).run(flavour);
            }
        }
    }

    private final ServiceUnderBench bench;

    private CallsPerEventBenchmark(ServiceUnderBench bench) {
        this.bench = bench;
    }

    private void run(Flavour flavour) throws InterruptedException {
        // the project's first incident creates the fix version; the figures are for incidents after it
        newIncident("Warm-up");
        Map<String, Map<String, Integer>> table = new LinkedHashMap<>();
        table.put("incident created (not the project's first)", measure(i -> newIncident("Outage " + i)));
        List<String> open = prepare(i -> newIncident("Open " + i));
        table.put("comment added", measure(i -> bench.sim.addComment(open.get(i), "Any news?", bench.site.carol())));
        table.put(
                "comment asking \"Why …?\" (copied under Whys)",
                measure(i -> bench.sim.addComment(open.get(i), "Why did pool " + i + " run dry?", bench.site.carol())));
        table.put(
                "description edited (open incident)",
                measure(i -> edit(open.get(i), bench.sim.issue(open.get(i)).description() + "\nMore words.")));
        List<String> filled = prepare(i -> {
            String key = newIncident("Filled " + i);
            edit(key, filled(bench.sim.issue(key).description(), "TBD"));
            bench.sim.transition(key, "In Progress", bench.site.alice());
            return key;
        });
        table.put(
                "moved to done, sections filled",
                measure(i -> bench.sim.transition(filled.get(i), "Done", bench.site.alice())));
        table.put(
                "three prevention actions added to a resolved incident",
                measure(i -> edit(
                        filled.get(i),
                        filled(
                                bench.sim.issue(filled.get(i)).description(),
                                "* Add an alert " + i + "\n* Load-test checkout " + i + "\n* Review pool sizes " + i
                                        + "\n"))));
        long followUps = bench.sim.issues().stream()
                .filter(issue -> issue.projectKey().equals("SUP"))
                .count();

        System.out.printf("%nJira calls per event, %s, %d events of each kind%n", flavour, REPEATS);
        for (Map.Entry<String, Map<String, Integer>> row : table.entrySet()) {
            int total =
                    row.getValue().values().stream().mapToInt(Integer::intValue).sum();
            System.out.printf("  %-55s %5.1f%n", row.getKey(), total / (double) REPEATS);
            new TreeMap<>(row.getValue())
                    .forEach((call, n) -> System.out.printf("      %-51s %5.1f%n", call, n / (double) REPEATS));
        }
        System.out.printf("  follow-ups made: %d (expected %d)%n", followUps, 3 * REPEATS);
    }

    /** Runs {@code event} {@code REPEATS} times, each to a quiet point, and returns the calls they cost together. */
    private Map<String, Integer> measure(IntConsumer event) throws InterruptedException {
        bench.awaitQuiet();
        bench.sim.calls().reset();
        for (int i = 0; i < REPEATS; i++) {
            event.accept(i);
            bench.awaitQuiet();
        }
        return bench.sim.calls().snapshot();
    }

    private List<String> prepare(IntFunction make) throws InterruptedException {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < REPEATS; i++) {
            keys.add(make.apply(i));
        }
        bench.awaitQuiet();
        return keys;
    }

    private String newIncident(String summary) {
        String key = bench.sim.createIssue("OPS", "Incident", summary, "words", bench.site.carol());
        try {
            bench.await(List.of(key), ServiceUnderBench::wellFormed);
            bench.awaitQuiet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return key;
    }

    private void edit(String key, String description) {
        bench.sim.editDescription(key, description, bench.site.alice());
    }

    private static String filled(String description, String prevention) {
        return description
                .replace("h2. Symptoms\nTBD", "h2. Symptoms\nErrors")
                .replace("h2. Root Cause(s)\nTBD", "h2. Root Cause(s)\nA bad deploy")
                .replace("h2. Fixes for the Root Cause\nTBD", "h2. Fixes for the Root Cause\nRolled back")
                .replaceFirst("h2. Prevention / Mitigation\n(?s).*$", "h2. Prevention / Mitigation\n" + prevention);
    }

    @FunctionalInterface
    private interface IntConsumer {
        void accept(int i) throws InterruptedException;
    }

    @FunctionalInterface
    private interface IntFunction {
        String apply(int i);
    }
}
