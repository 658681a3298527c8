package io.prodsupport.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.prodsupport.testing.TestData;
import io.prodsupport.webhook.JiraEvent;
import io.prodsupport.webhook.JiraEventParser;
import io.prodsupport.webhook.TreeJiraEventParserReference;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Issue 13: what parsing one webhook costs, the tree-based parser it was ({@link TreeJiraEventParserReference}, the
 * baseline) against the streaming {@link JiraEventParser}, over the captured Jira payloads of 5–10 KB (the ones the
 * intake benchmark sends). One thread; after a warm-up, rounds that alternate the two parsers, each round
 * {@code parses} parses cycling through the payloads; prints per round and the median of the rounds: µs per parse
 * (wall clock of the thread) and bytes allocated per parse (the JVM's per-thread allocation counter).
 *
 * <p>{@code scripts/bench EventParse [parses per round] [rounds]}
 */
public final class EventParseBenchmark {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** Keeps the results alive so the JIT cannot drop a parse. */
    private static long sink;

    public static void main(String[] args) throws IOException {
        int parses = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        List<byte[]> payloads = payloads();
        ObjectMapper json = new ObjectMapper();
        TreeJiraEventParserReference tree = new TreeJiraEventParserReference(json);
        JiraEventParser streaming = new JiraEventParser(json);
        System.out.printf(
                "payloads: %d captured Jira webhooks of %d–%d bytes; %d parses per round, %d rounds%n",
                payloads.size(),
                payloads.stream().mapToInt(b -> b.length).min().orElseThrow(),
                payloads.stream().mapToInt(b -> b.length).max().orElseThrow(),
                parses,
                rounds);
        for (byte[] p : payloads) {
            if (!tree.parse(p).equals(streaming.parse(p))) {
                throw new IllegalStateException("the parsers disagree on a captured payload");
            }
        }

        for (int i = 0; i < 3; i++) { // warm-up: both paths compiled before anything is measured
            measure(tree::parse, payloads, parses);
            measure(streaming::parse, payloads, parses);
        }
        double[][] treeRounds = new double[rounds][];
        double[][] streamingRounds = new double[rounds][];
        for (int r = 0; r < rounds; r++) {
            treeRounds[r] = measure(tree::parse, payloads, parses);
            streamingRounds[r] = measure(streaming::parse, payloads, parses);
            System.out.printf(
                    "round %d: tree %.2f µs, %,.0f B; streaming %.2f µs, %,.0f B%n",
                    r + 1, treeRounds[r][0], treeRounds[r][1], streamingRounds[r][0], streamingRounds[r][1]);
        }
        double treeMicros = median(treeRounds, 0);
        double streamingMicros = median(streamingRounds, 0);
        double treeBytes = median(treeRounds, 1);
        double streamingBytes = median(streamingRounds, 1);
        System.out.printf("%n| parser | µs per parse (median of %d rounds) | bytes allocated per parse |%n", rounds);
        System.out.println("|---|---|---|");
        System.out.printf("| tree (readTree, before) | %.2f | %,.0f |%n", treeMicros, treeBytes);
        System.out.printf("| streaming (now) | %.2f | %,.0f |%n", streamingMicros, streamingBytes);
        System.out.printf(
                "streaming ÷ tree: time %.2f, allocation %.2f (sink %d)%n",
                streamingMicros / treeMicros, streamingBytes / treeBytes, sink);
    }

    /** @return µs per parse, bytes allocated per parse */
    private static double[] measure(Function<byte[], JiraEvent> parser, List<byte[]> payloads, int parses) {
        long thread = Thread.currentThread().getId();
        long bytesBefore = THREADS.getThreadAllocatedBytes(thread);
        long start = System.nanoTime();
        for (int i = 0; i < parses; i++) {
            JiraEvent e = parser.apply(payloads.get(i % payloads.size()));
            sink += e.changes().size() + e.webhookEvent().length();
        }
        long nanos = System.nanoTime() - start;
        long bytes = THREADS.getThreadAllocatedBytes(thread) - bytesBefore;
        return new double[] {nanos / 1e3 / parses, (double) bytes / parses};
    }

    private static double median(double[][] rounds, int column) {
        double[] values =
                Arrays.stream(rounds).mapToDouble(r -> r[column]).sorted().toArray();
        return values[values.length / 2];
    }

    /** The captured payloads of 5–10 KB, as IntakeThroughputBenchmark picks them. */
    private static List<byte[]> payloads() throws IOException {
        try (Stream<Path> files = Files.walk(TestData.file("webhook-payloads"))) {
            return files.filter(f -> f.toString().endsWith(".json"))
                    .sorted()
                    .map(f -> TestData.bytes(TestData.root().relativize(f).toString()))
                    .filter(b -> b.length >= 5 * 1024 && b.length <= 10 * 1024)
                    .toList();
        }
    }
}
