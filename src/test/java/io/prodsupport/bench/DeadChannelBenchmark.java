package io.prodsupport.bench;

import io.prodsupport.jirasim.Flavour;
import io.prodsupport.testing.SimulatedService;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * Issue 15's figures: how long a burst of new incidents takes to become well-formed in Jira when Slack answers
 * (slowly), and when Slack is dead (connection refused); then how long, once Slack is back, until every message is
 * delivered, and how many reached it.
 */
public final class DeadChannelBenchmark {

    private static final Duration LATENCY = Duration.ofMillis(20);
    private static final int BURST = 20;
    private static final Duration SLACK_DELAY = Duration.ofMillis(300);

    public static void main(String[] args) throws Exception {
        System.out.printf(
                "Dead channel, Jira latency %d ms per call, a burst of %d new incidents%n", LATENCY.toMillis(), BURST);
        AtomicInteger taken = new AtomicInteger();
        try (MockWebServer slack = new MockWebServer()) {
            slack.setDispatcher(answering(taken));
            slack.start();
            burst(slack.url("/services/T0/B0/x").toString(), null); // warm-up: the JVM's first service, not measured
            System.out.printf(
                    "Slack answering after %d ms: burst well-formed after %d ms%n",
                    SLACK_DELAY.toMillis(), burst(slack.url("/services/T0/B0/x").toString(), null));
        }
        int port = SimulatedService.freePort();
        taken.set(0);
        try (MockWebServer slack = new MockWebServer()) {
            slack.setDispatcher(answering(taken));
            burst("http://127.0.0.1:" + port + "/services/T0/B0/x", () -> {
                slack.start(InetAddress.getByName("127.0.0.1"), port);
                long back = System.nanoTime();
                while (taken.get() < BURST
                        && System.nanoTime() - back < Duration.ofMinutes(2).toNanos()) {
                    Thread.sleep(20);
                }
                Thread.sleep(2_000); // anything sent twice would arrive now
                System.out.printf(
                        "Slack back: %d of %d messages delivered after %d ms (maxBackoff PT5S), %d requests in all%n",
                        taken.get(), BURST, (System.nanoTime() - back) / 1_000_000 - 2_000, slack.getRequestCount());
            });
        }
    }

    private static Dispatcher answering(AtomicInteger taken) {
        return new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                Thread.sleep(SLACK_DELAY.toMillis());
                taken.incrementAndGet();
                return new MockResponse.Builder().code(200).body("ok").build();
            }
        };
    }

    /** Files the burst; returns the ms until every ticket is well-formed, then runs {@code after} (if any). */
    private static long burst(String slackUrl, Step after) throws Exception {
        Path dir = Files.createTempDirectory("prodsupport-bench-slack");
        Path url = Files.writeString(dir.resolve("slack-url"), slackUrl);
        try (ServiceUnderBench bench = new ServiceUnderBench(
                Flavour.CLOUD,
                LATENCY,
                false,
                "notify:\n  slack:\n    webhookUrl: file:" + url + "\n  maxBackoff: PT5S\n  updates: none\n")) {
            long start = System.nanoTime();
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < BURST; i++) {
                keys.add(bench.sim.createIssue("OPS", "Incident", "Burst " + i, "words " + i, bench.site.carol()));
            }
            bench.await(keys, ServiceUnderBench::wellFormed);
            long millis = (System.nanoTime() - start) / 1_000_000;
            bench.awaitQuiet();
            if (after != null) {
                System.out.printf("Slack dead (connection refused): burst well-formed after %d ms%n", millis);
                after.run();
            }
            return millis;
        }
    }

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }
}
