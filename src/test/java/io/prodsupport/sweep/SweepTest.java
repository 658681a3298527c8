package io.prodsupport.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.prodsupport.inbox.InboundEvent;
import io.prodsupport.inbox.Inbox;
import io.prodsupport.inbox.StoredEvent;
import io.prodsupport.jira.JiraException;
import io.prodsupport.jirasim.Flavour;
import io.prodsupport.notify.OutboxStore;
import io.prodsupport.store.Stores;
import io.prodsupport.testing.SettableClock;
import io.prodsupport.testing.SimulatedSite;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepTest {

    @TempDir
    Path dir;

    private SimulatedSite site;
    private Inbox inbox;

    @AfterEach
    void close() {
        if (inbox != null) {
            inbox.close();
        }
        if (site != null) {
            site.close();
        }
    }

    private Sweep sweep(AtomicInteger nudges) {
        site = site != null ? site : SimulatedSite.start(Flavour.DATA_CENTER);
        inbox = inbox != null ? inbox : Stores.open("jdbc:sqlite:" + dir.resolve("store.db"), null, null);
        return new Sweep(
                site.bot(),
                inbox,
                "project in (\"OPS\") AND issuetype in (\"Incident\")",
                Duration.ofMinutes(5),
                Duration.ofHours(1),
                Clock.systemUTC(),
                new SimpleMeterRegistry(),
                nudges::incrementAndGet);
    }

    @Test
    void changed_incidents_are_queued_once_per_change_as_events_the_worker_can_read() {
        AtomicInteger nudges = new AtomicInteger();
        Sweep sweep = sweep(nudges);
        String incident = site.sim()
                .createIssue("OPS", "Incident", "Checkout down", "", site.site().carol());
        site.sim().createIssue("OPS", "Bug", "Not an incident", "", site.site().carol());
        site.sim()
                .createIssue(
                        "SUP", "Task", "Not an incident either", "", site.site().carol());

        assertThat(sweep.runOnce()).isEqualTo(1);
        assertThat(sweep.runOnce()).as("the same change is not queued twice").isZero();
        site.sim().editDescription(incident, "now with words", site.site().carol());
        assertThat(sweep.runOnce()).as("a new change is queued again").isEqualTo(1);

        assertThat(nudges).hasValue(2);
        List<StoredEvent> queued = inbox.claim("test", Instant.now(), Duration.ofMinutes(1), 10);
        assertThat(queued).hasSize(1); // one issue: its second event waits behind the first
        assertThat(queued.get(0).webhookEvent()).isEqualTo(Sweep.EVENT);
        assertThat(queued.get(0).orderingKey()).isEqualTo(incident);
        assertThat(queued.get(0).body())
                .as("names the issue only: the worker reads the rest")
                .isEmpty();
        assertThat(inbox.depth()).isEqualTo(2);
    }

    @Test
    void after_a_failed_run_the_next_one_still_looks_back_far_enough() {
        Sweep sweep = sweep(new AtomicInteger());
        site.sim().faults().failNext(10, 500);

        assertThatThrownBy(sweep::runOnce).isInstanceOf(JiraException.class);
        site.sim().faults().clear();
        site.sim().createIssue("OPS", "Incident", "Later", "", site.site().carol());
        assertThat(sweep.runOnce()).isEqualTo(1);
    }

    @Test
    void incidents_edited_while_the_sweep_pages_through_them_are_all_queued() {
        site = SimulatedSite.start(Flavour.CLOUD);
        Inbox store = Stores.open("jdbc:sqlite:" + dir.resolve("store.db"), null, null);
        // as the worker does, each incident is edited right after the sweep queued it, while the sweep still pages:
        // its 'updated' moves past every other one
        Set<String> queued = ConcurrentHashMap.newKeySet();
        inbox = (Inbox) Proxy.newProxyInstance(
                Inbox.class.getClassLoader(), new Class<?>[] {Inbox.class}, (proxy, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (method.getName().equals("accept")) {
                        String key = ((InboundEvent) args[0]).orderingKey();
                        queued.add(key);
                        site.sim().editDescription(key, "worked on", site.site().carol());
                    }
                    return result;
                });
        List<String> incidents = new ArrayList<>();
        for (int i = 0; i < 150; i++) { // a page and a half
            incidents.add(site.sim()
                    .createIssue(
                            "OPS", "Incident", "Incident " + i, "", site.site().carol()));
        }

        sweep(new AtomicInteger()).runOnce();

        assertThat(queued).as("none skipped at a page boundary").containsAll(incidents);
    }

    @Test
    void several_instances_on_one_store_take_turns_so_one_sweeps_each_interval() {
        SettableClock clock = new SettableClock(Instant.parse("2026-11-29T10:00:00Z"));
        site = SimulatedSite.start(Flavour.DATA_CENTER);
        inbox = Stores.open("jdbc:sqlite:" + dir.resolve("store.db"), null, null);
        try (OutboxStore turns = Stores.openOutbox("jdbc:sqlite:" + dir.resolve("store.db"), null, null)) {
            Duration interval = Duration.ofMinutes(5);
            Sweep a = instance(clock, interval, turns, "a");
            Sweep b = instance(clock, interval, turns, "b");
            site.sim().calls().reset();

            a.tick();
            b.tick();
            assertThat(searches()).as("a took the turn, b skipped it").isEqualTo(1);

            clock.advance(interval);
            b.tick();
            a.tick();
            assertThat(searches()).as("the next interval: b's turn, a skips").isEqualTo(2);
            assertThat(a.lastRun()).contains(Instant.parse("2026-11-29T10:00:00Z"));
        }
    }

    private Sweep instance(SettableClock clock, Duration interval, OutboxStore turns, String name) {
        return new Sweep(
                        site.bot(),
                        inbox,
                        "project in (\"OPS\") AND issuetype in (\"Incident\")",
                        interval,
                        Duration.ofHours(1),
                        clock,
                        new SimpleMeterRegistry(),
                        () -> {})
                .takingTurns(now -> turns.takeTurn("sweep", name, now, interval));
    }

    private int searches() {
        return site.sim().calls().snapshot().entrySet().stream()
                .filter(e -> e.getKey().contains("/search"))
                .mapToInt(Map.Entry::getValue)
                .sum();
    }
}
