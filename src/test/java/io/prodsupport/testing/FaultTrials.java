package io.prodsupport.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.prodsupport.incident.IncidentDescription;
import io.prodsupport.jirasim.Flavour;
import io.prodsupport.jirasim.JiraSimulator;
import io.prodsupport.jirasim.SimIssue;
import io.prodsupport.jirasim.SimSite;
import io.prodsupport.jirasim.Webhooks.FiredEvent;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BooleanSupplier;

/**
 * Issue 13's fault trials with several instances on one PostgreSQL: each instance is {@code prodsupport serve} in a
 * JVM of its own behind a {@link Balancer}, Jira is the simulator (Cloud, which retries what is refused). Used by the
 * tests (few events, one seed) and by {@code scripts/bench FaultTrials} (the full runs, figures printed).
 */
public final class FaultTrials {

    /** Prevention actions per resolved incident: each must become exactly one follow-up. */
    public static final int ACTIONS = 2;

    /**
     * What a trial came to. {@code duplicates}: description writes beyond one per incident plus follow-ups beyond one
     * per action; {@code lost}: incidents never templated plus actions without a follow-up; {@code takenOver}: events
     * claimed more than once (a killed instance's, taken over after the lease, or refused by a store that was down);
     * {@code timeToRecover}: trial 1, from the kill until the last event taken over was done (0 when the killed
     * instance held none); trial 2, from PostgreSQL's restart until both instances' {@code /health} said 200.
     */
    public record Figures(
            String trial,
            long seed,
            int incidents,
            int events,
            int refused,
            int duplicates,
            int lost,
            int deadLetters,
            int takenOver,
            Duration timeToRecover) {

        public String row() {
            return String.format(
                    "| %s | %d | %d | %d | %d | %d | %d | %d | %d | %.1f s |",
                    trial,
                    seed,
                    incidents,
                    events,
                    refused,
                    duplicates,
                    lost,
                    deadLetters,
                    takenOver,
                    timeToRecover.toMillis() / 1000.0);
        }
    }

    private FaultTrials() {}

    /**
     * Trial 1: two instances; {@code incidents} incidents are filed, then resolved with {@link #ACTIONS} prevention
     * actions each; at a moment the seed picks, one instance is killed with SIGKILL. Its claims are taken over after
     * {@code store.leaseTimeout} ({@code lease}).
     */
    public static Figures killOneInstance(int incidents, long seed, Duration lease, Path dir) throws Exception {
        Random random = new Random(seed);
        String url = PostgresServer.freshDatabase("trial_kill");
        try (Rig rig = new Rig(dir, url, lease)) {
            // the seed picks a moment in the first seconds of the run; from then on the victim dies as soon as it holds
            // a claim (within milliseconds: it nearly always holds one), so that every run has something to take over
            long delayMs = 300 + random.nextInt(Math.max(1, incidents * 40));
            long[] killedAt = {0};
            Map<Long, Integer> held = new HashMap<>();
            ServiceProcess victim = rig.instances.get(0);
            Thread killer = new Thread(
                    () -> {
                        try {
                            Thread.sleep(delayMs);
                            long giveUp =
                                    System.nanoTime() + Duration.ofSeconds(30).toNanos();
                            Map<Long, Integer> claims = rig.claimsHeldBy(victim);
                            while (claims.isEmpty() && System.nanoTime() < giveUp) {
                                Thread.sleep(2);
                                claims = rig.claimsHeldBy(victim);
                            }
                            victim.kill();
                            killedAt[0] = System.currentTimeMillis();
                            held.putAll(claims);
                        } catch (SQLException e) {
                            throw new IllegalStateException(e);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    },
                    "trial-killer");
            killer.start();
            List<String> keys = rig.fileAndResolve(incidents);
            killer.join();
            rig.awaitDone(keys, true);
            // a claim the victim held when it died: taken over when it was claimed again (a later attempt) and done
            int takenOver = 0;
            long lastDone = killedAt[0];
            for (Map.Entry<Long, Integer> claim : held.entrySet()) {
                long[] after = rig.attemptAndFinish(claim.getKey());
                if (after[0] > claim.getValue()) {
                    takenOver++;
                    lastDone = Math.max(lastDone, after[1]);
                }
            }
            return rig.figures(
                    "kill -9 one of two", seed, keys, true, takenOver, Duration.ofMillis(lastDone - killedAt[0]));
        }
    }

    /**
     * Trial 2: two instances on a PostgreSQL of their own, which is stopped for {@code outage} while incidents are
     * being filed, then started again on the same data and port.
     */
    public static Figures databaseOutage(int incidents, Duration outage, Duration lease, Path dir) throws Exception {
        Path data = dir.resolve("pgdata");
        int port = SimulatedService.freePort();
        EmbeddedPostgres[] postgres = {startPostgres(data, port)};
        String url = "jdbc:postgresql://localhost:" + port + "/postgres";
        try (Rig rig = new Rig(dir, url, lease)) {
            List<String> keys = new ArrayList<>();
            int stopAt = incidents / 3;
            long restartedAt = 0;
            for (int i = 0; i < incidents; i++) {
                if (i == stopAt) {
                    postgres[0].close();
                    long stoppedAt = System.nanoTime();
                    // incidents go on being filed during the outage: their webhooks are refused, Jira retries them
                    int during = Math.max(1, incidents / 3);
                    for (int d = 0; d < during && i < incidents; d++, i++) {
                        keys.add(rig.file(i));
                        Thread.sleep(outage.toMillis() / during);
                    }
                    long left = outage.toNanos() - (System.nanoTime() - stoppedAt);
                    if (left > 0) {
                        Thread.sleep(left / 1_000_000);
                    }
                    postgres[0] = startPostgres(data, port);
                    restartedAt = System.currentTimeMillis();
                    if (i >= incidents) {
                        break;
                    }
                }
                keys.add(rig.file(i));
            }
            long healthyAt = rig.awaitHealthy(Duration.ofSeconds(60));
            rig.awaitDone(keys, false);
            return rig.figures(
                    "PostgreSQL down " + outage.toSeconds() + " s",
                    0,
                    keys,
                    false,
                    rig.count("SELECT COUNT(*) FROM inbox_event WHERE attempt > 1"),
                    Duration.ofMillis(Math.max(0, healthyAt - restartedAt)));
        } finally {
            postgres[0].close();
        }
    }

    private static EmbeddedPostgres startPostgres(Path data, int port) throws java.io.IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setPort(port)
                .start();
    }

    /** The simulator, two instances and the balancer in front of them. */
    private static final class Rig implements AutoCloseable {
        final JiraSimulator sim;
        final SimSite site;
        final String url;
        final List<ServiceProcess> instances = new ArrayList<>();
        final Balancer balancer;

        Rig(Path dir, String url, Duration lease) throws Exception {
            this.url = url;
            sim = JiraSimulator.builder().flavour(Flavour.CLOUD).start();
            site = SimSite.seed(sim);
            // Cloud retries a refused delivery for about half an hour; here a minute's worth, doubling from 0.5 s
            sim.webhooks().retries(7, Duration.ofMillis(500));
            List<String> backends = new ArrayList<>();
            for (int n = 1; n <= 2; n++) {
                Path home = Files.createDirectories(dir.resolve("instance-" + n));
                int port = SimulatedService.freePort();
                Path config = SimulatedService.config(site, home, port, "sweep:\n  enabled: false\n");
                String text = Files.readString(config)
                        .replace(
                                "  url: jdbc:sqlite:" + home.resolve("prodsupport.db") + "\n",
                                "  url: " + url + "\n  username: postgres\n  leaseTimeout: " + lease + "\n");
                Files.writeString(config, text);
                instances.add(ServiceProcess.start(config, port, home.resolve("serve.log")));
                backends.add(instances.get(n - 1).baseUrl());
            }
            balancer = new Balancer(backends);
            sim.webhooks().register(balancer.url("/webhook/jira"), SimulatedService.WEBHOOK_SECRET);
        }

        String file(int i) {
            return sim.createIssue("OPS", "Incident", "Outage " + i, "Errors on service " + i, site.carol());
        }

        List<String> fileAndResolve(int incidents) throws InterruptedException {
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < incidents; i++) {
                keys.add(file(i));
            }
            await(() -> keys.stream().allMatch(k -> templated(sim.issue(k))), Duration.ofSeconds(120), "templated");
            for (String key : keys) {
                sim.editDescription(key, resolved(sim.issue(key).description(), key), site.alice());
                sim.transition(key, "Done", site.alice());
            }
            return keys;
        }

        void awaitDone(List<String> keys, boolean followUps) throws InterruptedException {
            await(
                    () -> keys.stream()
                            .allMatch(k -> templated(sim.issue(k))
                                    && (!followUps || sim.issue(k).links().size() >= ACTIONS)),
                    Duration.ofSeconds(180),
                    "every incident done");
            sim.webhooks().awaitIdle(Duration.ofSeconds(120));
            await(() -> openEvents() == 0, Duration.ofSeconds(120), "the inbox empty");
        }

        long awaitHealthy(Duration max) throws InterruptedException {
            await(() -> instances.stream().allMatch(s -> s.health() == 200), max, "both instances healthy");
            return System.currentTimeMillis();
        }

        Figures figures(String trial, long seed, List<String> keys, boolean followUps, int takenOver, Duration recovery)
                throws SQLException {
            Map<String, Integer> writes = new HashMap<>();
            for (FiredEvent e : sim.webhooks().fired()) {
                if (botChangedDescription(e.payload())) {
                    writes.merge(e.issueKey(), 1, Integer::sum);
                }
            }
            int duplicates = 0;
            int lost = 0;
            for (String key : keys) {
                int n = writes.getOrDefault(key, 0);
                duplicates += Math.max(0, n - 1);
                lost += templated(sim.issue(key)) ? 0 : 1;
                if (followUps) {
                    lost += Math.max(0, ACTIONS - sim.issue(key).links().size());
                }
            }
            if (followUps) {
                long made = sim.issues().stream()
                        .filter(i -> i.projectKey().equals("SUP"))
                        .count();
                duplicates += (int) Math.max(0, made - (long) keys.size() * ACTIONS);
            }
            int refused = (int) sim.webhooks().deliveries().stream()
                    .filter(d -> d.status() != 200 && d.status() != 202)
                    .count();
            return new Figures(
                    trial,
                    seed,
                    keys.size(),
                    sim.webhooks().fired().size(),
                    refused,
                    duplicates,
                    lost,
                    count("SELECT COUNT(*) FROM inbox_event WHERE state = 'DEAD'"),
                    takenOver,
                    recovery);
        }

        private boolean botChangedDescription(JsonNode payload) {
            String actor = payload.path("user").path("accountId").asText("");
            if (!actor.equals(site.bot().accountId())) {
                return false;
            }
            for (JsonNode item : payload.path("changelog").path("items")) {
                if (item.path("field").asText().equals("description")) {
                    return true;
                }
            }
            return false;
        }

        int openEvents() {
            try {
                return count("SELECT COUNT(*) FROM inbox_event WHERE state IN ('PENDING', 'IN_PROGRESS')");
            } catch (SQLException e) {
                return -1;
            }
        }

        /** The events {@code instance} has claimed right now, with the attempt each claim counts as. */
        Map<Long, Integer> claimsHeldBy(ServiceProcess instance) throws SQLException {
            Map<Long, Integer> held = new HashMap<>();
            try (Connection c = DriverManager.getConnection(url, "postgres", null);
                    java.sql.PreparedStatement p = c.prepareStatement(
                            "SELECT id, attempt FROM inbox_event WHERE state = 'IN_PROGRESS' AND claimed_by = ?")) {
                p.setString(1, instance.workerName());
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        held.put(r.getLong(1), r.getInt(2));
                    }
                }
            }
            return held;
        }

        /** An event's attempt count and when it was done (epoch ms, 0 while not done). */
        long[] attemptAndFinish(long id) throws SQLException {
            try (Connection c = DriverManager.getConnection(url, "postgres", null);
                    Statement s = c.createStatement();
                    ResultSet r = s.executeQuery(
                            "SELECT attempt, COALESCE(finished_at, 0) FROM inbox_event WHERE id = " + id)) {
                return r.next() ? new long[] {r.getLong(1), r.getLong(2)} : new long[] {0, 0};
            }
        }

        int count(String sql) throws SQLException {
            return (int) Math.min(Integer.MAX_VALUE, longValue(sql));
        }

        private long longValue(String sql) throws SQLException {
            try (Connection c = DriverManager.getConnection(url, "postgres", null);
                    Statement s = c.createStatement();
                    ResultSet r = s.executeQuery(sql)) {
                r.next();
                return r.getLong(1);
            }
        }

        @Override
        public void close() throws Exception {
            balancer.close();
            for (ServiceProcess p : instances) {
                p.close();
            }
            sim.close();
        }
    }

    static boolean templated(SimIssue issue) {
        return IncidentDescription.parse(issue.description()).isTemplated();
    }

    static void await(BooleanSupplier condition, Duration max, String what) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within " + max + ": " + what);
            }
            Thread.sleep(100);
        }
    }

    static String resolved(String templated, String key) {
        return resolved(templated, key, ACTIONS);
    }

    /**
     * A templated incident description filled in so it may close: Symptoms, Root Cause(s), Fixes for the Root Cause,
     * and {@code count} prevention actions of their own (named after the key, so every incident's actions differ).
     */
    public static String resolved(String templated, String key, int count) {
        StringBuilder actions = new StringBuilder();
        for (int a = 1; a <= count; a++) {
            actions.append("* Prevention action ")
                    .append(a)
                    .append(" for incident ")
                    .append(key.replace("-", " "))
                    .append("\n");
        }
        return templated
                .replace("h2. Symptoms\nTBD", "h2. Symptoms\nErrors")
                .replace("h2. Root Cause(s)\nTBD", "h2. Root Cause(s)\nA bad deploy")
                .replace("h2. Fixes for the Root Cause\nTBD", "h2. Fixes for the Root Cause\nRolled back")
                .replace("h2. Prevention / Mitigation\nTBD", "h2. Prevention / Mitigation\n" + actions);
    }
}
