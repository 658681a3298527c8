package io.prodsupport.bench;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prodsupport.inbox.Inbox;
import io.prodsupport.store.Stores;
import io.prodsupport.testing.TestData;
import io.prodsupport.webhook.HostileSender.Kind;
import io.prodsupport.webhook.HostileTrial;
import io.prodsupport.webhook.HttpLimits;
import io.prodsupport.webhook.JiraEventParser;
import io.prodsupport.webhook.ServiceHttpServer;
import io.prodsupport.webhook.WebhookIntake;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;

/**
 * Fault trial 6 of issue 13 at full size, against the intake with its production limits ({@link HttpLimits#DEFAULTS})
 * and a real SQLite inbox. Two runs, each while a genuine signed delivery and a {@code GET /health} are timed every
 * 100 ms from 127.0.0.1:
 *
 * <ol>
 *   <li>the reported defect: 300 connections from one address, each dripping a body a byte at a time;
 *   <li>the trial: {@code REQUESTS} hostile requests of every kind from 8 addresses, 128 at a time, while
 *       {@code IDLE} connections are held open.
 * </ol>
 *
 * Arguments: [requests] [idle connections].
 */
public final class HostileBenchmark {

    private static final String SECRET = "It's a Secret to Everybody";

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int idle = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        // every refused delivery is logged once at WARN: 10,000 lines would only slow the run down
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.prodsupport.webhook")).setLevel(Level.ERROR);
        Path dir = Files.createTempDirectory("prodsupport-hostile-bench");
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (Inbox inbox = Stores.open("jdbc:sqlite:" + dir.resolve("inbox.db"), null, null)) {
            WebhookIntake intake = new WebhookIntake(
                    inbox, new JiraEventParser(new ObjectMapper()), List.of(SECRET), false, Optional.empty(), metrics);
            try (ServiceHttpServer server = new ServiceHttpServer(
                            "127.0.0.1", 0, metrics, () -> Map.of("status", "UP"), intake, HttpLimits.DEFAULTS)
                    .start()) {
                HostileTrial trial = new HostileTrial(
                        new InetSocketAddress("127.0.0.1", server.port()),
                        SECRET,
                        payloads(),
                        TestData.bytes("webhook-payloads/mattermost-plugin-jira/webhook-issue-created.json"));
                System.out.println("limits: " + HttpLimits.DEFAULTS);
                HostileTrial.Result drips = trial.run(new HostileTrial.Settings(
                        300,
                        300,
                        0,
                        1,
                        List.of(Kind.SLOW_DRIP),
                        Duration.ZERO,
                        Duration.ofMillis(100),
                        Duration.ofSeconds(60),
                        1));
                print("300 slow drips at once from one address", drips, 0);
                HostileTrial.Result full = trial.run(new HostileTrial.Settings(
                        requests,
                        128,
                        idle,
                        8,
                        List.of(Kind.values()),
                        HttpLimits.DEFAULTS.idleTimeout().plusSeconds(10),
                        Duration.ofMillis(100),
                        Duration.ofSeconds(60),
                        6));
                print(requests + " hostile requests, " + idle + " idle connections", full, idle);
                long genuine = drips.deliveryStatuses().size()
                        + full.deliveryStatuses().size();
                System.out.printf(
                        "store: %d events stored, %d genuine deliveries answered 202 (%d of them), cut off before"
                                + " the intake: %s%n",
                        inbox.depth(),
                        genuine,
                        Stream.concat(drips.deliveryStatuses().stream(), full.deliveryStatuses().stream())
                                .filter(s -> s == 202)
                                .count(),
                        metrics.find("prodsupport.http.cut_off").counters().stream()
                                .map(c -> c.getId().getTag("reason") + "=" + (long) c.count())
                                .toList());
            }
        }
    }

    private static void print(String title, HostileTrial.Result result, int idle) {
        System.out.printf("%n== %s (%.1f s)%n", title, result.elapsed().toMillis() / 1000.0);
        result.statuses().forEach((kind, statuses) -> {
            if (!statuses.isEmpty()) {
                System.out.printf("  %-18s %s%n", kind, statuses);
            }
        });
        System.out.printf("  unanswered hostile requests: %d%n", result.unanswered());
        System.out.printf(
                "  genuine deliveries: %s, statuses %s%n",
                HostileTrial.percentiles(result.deliveryMillis()),
                result.deliveryStatuses().stream().distinct().toList());
        System.out.printf(
                "  /health: %s, statuses %s%n",
                HostileTrial.percentiles(result.healthMillis()),
                result.healthStatuses().stream().distinct().toList());
        System.out.printf(
                "  genuine deliveries slower than 1 s: %d%n",
                result.deliveryMillis().stream().filter(ms -> ms > 1000).count());
        if (idle > 0) {
            System.out.printf("  idle connections closed by the server: %d/%d%n", result.idleClosed(), idle);
        }
    }

    private static List<byte[]> payloads() throws IOException {
        try (Stream<Path> files = Files.walk(TestData.file("webhook-payloads"))) {
            return files.filter(f -> f.toString().endsWith(".json"))
                    .map(f -> TestData.bytes(TestData.root().relativize(f).toString()))
                    .toList();
        }
    }
}
