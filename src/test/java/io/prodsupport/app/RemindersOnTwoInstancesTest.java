package io.prodsupport.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.prodsupport.config.Config;
import io.prodsupport.incident.Reminders;
import io.prodsupport.jira.HttpJiraClient;
import io.prodsupport.jirasim.Flavour;
import io.prodsupport.jirasim.JiraSimulator;
import io.prodsupport.jirasim.SimComment;
import io.prodsupport.jirasim.SimSite;
import io.prodsupport.notify.OutboxStore;
import io.prodsupport.testing.PostgresServer;
import io.prodsupport.testing.SettableClock;
import io.prodsupport.testing.SimulatedService;
import io.prodsupport.testing.SimulatedSite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances on one PostgreSQL look for stale incidents and forgotten prevention on the same timer, at the same
 * moments (a barrier releases both looks together), over the simulator and an injected clock: each look is taken by
 * one of them, and every silence is nudged once, every forgotten prevention reminded once.
 */
class RemindersOnTwoInstancesTest {

    private static final Duration EVERY = Duration.ofMinutes(1);
    private static final Duration STALE_AFTER = Duration.ofMinutes(10);

    @TempDir
    Path dir;

    private final SettableClock clock = new SettableClock(Instant.parse("2026-11-30T09:00:00Z"));
    private final List<AutoCloseable> open = new ArrayList<>();
    private SimulatedSite simulated;

    @AfterEach
    void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    /** One instance: its own wiring, outbox connection and holder name, as {@code serve} builds them. */
    private record Instance(TimerTurns turns, Reminders reminders) {
        Optional<List<String>> look() {
            return turns.run("reminders", EVERY, reminders::check);
        }
    }

    private Instance instance(Config config, HttpJiraClient jira, String name) {
        Wiring wiring = new Wiring(config, clock);
        OutboxStore outbox = wiring.outbox();
        open.add(outbox);
        open.add(wiring::releaseHttp);
        return new Instance(new TimerTurns(outbox, name, clock), wiring.reminders(jira, outbox));
    }

    @Test
    void of_two_instances_one_looks_each_time_and_nothing_is_said_twice() throws Exception {
        simulated = SimulatedSite.start(Flavour.CLOUD, clock);
        open.add(simulated);
        JiraSimulator sim = simulated.sim();
        SimSite site = simulated.site();
        String url = PostgresServer.freshDatabase("reminders_two");
        Path slack = Files.writeString(dir.resolve("slack-url"), "http://127.0.0.1:9/never");
        Path file = SimulatedService.config(
                site,
                dir,
                SimulatedService.freePort(),
                "notify:\n  slack:\n    webhookUrl: file:" + slack + "\n  staleAfter: " + STALE_AFTER
                        + "\n  checkEvery: " + EVERY + "\n");
        Files.writeString(
                file,
                Files.readString(file)
                        .replace(
                                "  url: jdbc:sqlite:" + dir.resolve("prodsupport.db") + "\n",
                                "  url: " + url + "\n  username: postgres\n")
                        .replace("  project: SUP\n", "  project: SUP\n  remindAfter: PT15M\n"));
        Config config = ConfigLoaders.withTemplateSections(Map.of()).load(file);

        List<String> silent = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            silent.add(sim.createIssue("OPS", "Incident", "Checkout down " + i, "500s", site.carol()));
        }
        List<String> resolved = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String key = sim.createIssue("OPS", "Incident", "Search down " + i, "slow", site.carol());
            sim.transition(key, "Done", site.bob());
            resolved.add(key);
        }
        HttpJiraClient jira = simulated.bot();
        Instance a = instance(config, jira, "instance-a");
        Instance b = instance(config, jira, "instance-b");

        int looks = 0;
        CyclicBarrier together = new CyclicBarrier(2);
        for (int minute = 0; minute < 35; minute++) {
            CompletableFuture<Optional<List<String>>> first = CompletableFuture.supplyAsync(() -> at(together, a));
            CompletableFuture<Optional<List<String>>> second = CompletableFuture.supplyAsync(() -> at(together, b));
            looks += (first.get().isPresent() ? 1 : 0) + (second.get().isPresent() ? 1 : 0);
            assertThat(first.get().isPresent() && second.get().isPresent())
                    .as("minute %d: both instances looked", minute)
                    .isFalse();
            clock.advance(EVERY);
        }

        assertThat(looks).as("one look a minute, by either instance").isEqualTo(35);
        for (String key : silent) {
            List<Instant> nudges = sim.issue(key).comments().stream()
                    .filter(c -> c.body().contains("has had no update for"))
                    .map(SimComment::created)
                    .toList();
            assertThat(nudges)
                    .as("%s: silent since 09:00, nudged at 09:10, 09:20 and 09:30, once each", key)
                    .containsExactly(
                            Instant.parse("2026-11-30T09:10:00Z"),
                            Instant.parse("2026-11-30T09:20:00Z"),
                            Instant.parse("2026-11-30T09:30:00Z"));
        }
        for (String key : resolved) {
            assertThat(sim.issue(key).comments())
                    .as("%s: reminded of its prevention once", key)
                    .filteredOn(c -> c.body().contains("Prevention / Mitigation is still empty"))
                    .hasSize(1);
        }
        try (Connection c = DriverManager.getConnection(url, "postgres", null);
                ResultSet rows = c.createStatement().executeQuery("SELECT count(*) FROM message_outbox")) {
            rows.next();
            assertThat(rows.getInt(1))
                    .as("one Slack message per nudge and reminder")
                    .isEqualTo(8 * 3 + 4);
        }
    }

    private static Optional<List<String>> at(CyclicBarrier together, Instance instance) {
        try {
            together.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return instance.look();
    }
}
