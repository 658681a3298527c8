package io.prodsupport.bench;

import io.prodsupport.app.ConfigLoaders;
import io.prodsupport.app.ProdsupportService;
import io.prodsupport.app.Wiring;
import io.prodsupport.config.Config;
import io.prodsupport.incident.IncidentDescription;
import io.prodsupport.jirasim.Flavour;
import io.prodsupport.jirasim.JiraSimulator;
import io.prodsupport.jirasim.SimSite;
import io.prodsupport.jirasim.WebhookDelivery;
import io.prodsupport.store.SmallDisk;
import io.prodsupport.testing.SimulatedService;
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
import java.util.function.BooleanSupplier;

/**
 * Fault trial 7 with its recovery timed: the service on SQLite on a 16 MB tmpfs, the Jira simulator (Cloud) sending
 * webhooks and retrying a refused one every 250 ms. Each round fills the disk, files incidents while it is full (every
 * delivery refused with 503), then frees the space and measures, from the moment the filler is deleted: when
 * {@code /health} says 200 again, when the intake takes its first delivery, and when every incident filed during the
 * outage is templated. Needs root (or passwordless sudo) to mount the tmpfs.
 *
 * <p>Arguments: rounds (default 3), incidents filed while the disk is full per round (default 20), seconds the disk
 * stays full after every one of them was refused once (default 3).
 */
public final class DiskFullBenchmark {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int incidents = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        Duration hold = Duration.ofSeconds(args.length > 2 ? Integer.parseInt(args[2]) : 3);
        Path tmp = Files.createTempDirectory("prodsupport-diskfull-");
        try (SmallDisk disk = SmallDisk.mountOrSkip(tmp.resolve("disk"), "16m");
                JiraSimulator sim =
                        JiraSimulator.builder().flavour(Flavour.CLOUD).start()) {
            sim.webhooks().retries(200, Duration.ofMillis(250));
            SimSite site = SimSite.seed(sim);
            int port = SimulatedService.freePort();
            Config config = ConfigLoaders.withTemplateSections(java.util.Map.of())
                    .load(SimulatedService.config(site, disk.dir(), port, "logging:\n  level: WARN\n"));
            String health = "http://127.0.0.1:" + port + "/health";
            try (ProdsupportService service =
                    new Wiring(config, Clock.systemUTC()).service("127.0.0.1").start()) {
                sim.webhooks().register("http://127.0.0.1:" + port + "/webhook/jira", SimulatedService.WEBHOOK_SECRET);
                List<String> all = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    all.add(sim.createIssue("OPS", "Incident", "Before " + i, "text", site.carol()));
                }
                waitFor(() -> all.stream().allMatch(k -> templated(sim, k)), Duration.ofSeconds(60));

                System.out.println("| round | incidents filed while full | deliveries refused | /health while full"
                        + " | /health 200 again | first delivery taken | all templated | description writes"
                        + " | dead letters |");
                System.out.println("|---|---|---|---|---|---|---|---|---|");
                for (int round = 1; round <= rounds; round++) {
                    long refusedBefore = refused(sim);
                    Path filler = disk.fill();
                    List<String> during = new ArrayList<>();
                    for (int i = 0; i < incidents; i++) {
                        during.add(
                                sim.createIssue("OPS", "Incident", "During " + round + "-" + i, "text", site.carol()));
                    }
                    waitFor(() -> refusedAtLeastOnce(sim, during) == during.size(), Duration.ofSeconds(60));
                    Thread.sleep(hold.toMillis());
                    int whileFull = status(health);
                    int takenBefore = taken(sim);
                    long refused = refused(sim) - refusedBefore;

                    long freed = System.nanoTime();
                    Files.delete(filler);
                    long healthy = -1;
                    long firstTaken = -1;
                    while (healthy < 0 || firstTaken < 0) {
                        long now = System.nanoTime();
                        if (healthy < 0 && status(health) == 200) {
                            healthy = now;
                        }
                        if (firstTaken < 0 && taken(sim) > takenBefore) {
                            firstTaken = now;
                        }
                        if (Duration.ofNanos(now - freed).toSeconds() > 120) {
                            throw new IllegalStateException("no recovery within two minutes of freeing the disk");
                        }
                        Thread.sleep(5);
                    }
                    waitFor(() -> during.stream().allMatch(k -> templated(sim, k)), Duration.ofSeconds(120));
                    long caughtUp = System.nanoTime();
                    all.addAll(during);
                    System.out.printf(
                            "| %d | %d | %d | %d | %s | %s | %s | %d of %d | %d |%n",
                            round,
                            incidents,
                            refused,
                            whileFull,
                            ms(healthy - freed),
                            ms(firstTaken - freed),
                            ms(caughtUp - freed),
                            sim.calls().count("PUT /rest/api/2/issue/{issueIdOrKey}"),
                            all.size(),
                            service.inbox().deadLetters().size());
                }
            }
        }
        System.exit(0);
    }

    private static String ms(long nanos) {
        return Duration.ofNanos(nanos).toMillis() + " ms";
    }

    private static boolean templated(JiraSimulator sim, String key) {
        return IncidentDescription.parse(sim.issue(key).description()).isTemplated();
    }

    private static long refusedAtLeastOnce(JiraSimulator sim, List<String> keys) {
        return sim.webhooks().deliveries().stream()
                .filter(d -> d.status() == 503 && keys.contains(d.issueKey()))
                .map(WebhookDelivery::issueKey)
                .distinct()
                .count();
    }

    private static long refused(JiraSimulator sim) {
        return sim.webhooks().deliveries().stream()
                .filter(d -> d.status() == 503)
                .count();
    }

    private static int taken(JiraSimulator sim) {
        return (int) sim.webhooks().deliveries().stream()
                .filter(d -> d.status() >= 200 && d.status() < 300)
                .count();
    }

    private static int status(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private static void waitFor(BooleanSupplier condition, Duration atMost) throws InterruptedException {
        long until = System.nanoTime() + atMost.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new IllegalStateException("gave up waiting after " + atMost);
            }
            Thread.sleep(10);
        }
    }
}
