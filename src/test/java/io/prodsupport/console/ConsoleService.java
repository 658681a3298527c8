package io.prodsupport.console;

import io.prodsupport.analytics.IncidentStory;
import io.prodsupport.app.ConfigLoaders;
import io.prodsupport.app.ProdsupportService;
import io.prodsupport.app.Wiring;
import io.prodsupport.config.Config;
import io.prodsupport.inbox.InboundEvent;
import io.prodsupport.inbox.Inbox;
import io.prodsupport.inbox.StoredEvent;
import io.prodsupport.incident.FollowUpSettings;
import io.prodsupport.jira.NewIssue;
import io.prodsupport.jirasim.Flavour;
import io.prodsupport.jirasim.JiraSimulator;
import io.prodsupport.jirasim.SimUser;
import io.prodsupport.store.Stores;
import io.prodsupport.sweep.Sweep;
import io.prodsupport.testing.SettableClock;
import io.prodsupport.testing.SimulatedService;
import io.prodsupport.testing.SimulatedSite;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The service with {@code console.token}, over a simulated Jira with twelve weeks of incident history (resolved,
 * reopened, root causes that recur, follow-ups done and open) and two dead letters in its store.
 */
final class ConsoleService implements AutoCloseable {

    static final String TOKEN = "console-token-for-the-console-tests";
    static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    private static final Instant FIRST = Instant.parse("2026-09-07T08:00:00Z");

    final SimulatedSite site;
    final ProdsupportService service;
    final List<String> incidents;
    final List<String> deadLetters =
            List.of("sweep:OPS-2:2026-11-27T09:41:07Z", "6b1f0a52-4c1e-4c55-9a07-d1e0d3f3a9c2");

    private ConsoleService(SimulatedSite site, ProdsupportService service, List<String> incidents) {
        this.site = site;
        this.service = service;
        this.incidents = incidents;
    }

    /**
     * @param sweep whether the sweep runs (and then handles the incidents changed in the last 100 days at start, so
     *              the console has events to show)
     */
    static ConsoleService start(Path dir, boolean sweep) {
        SettableClock clock = new SettableClock(FIRST);
        SimulatedSite site = SimulatedSite.start(Flavour.CLOUD, clock);
        List<String> keys = seed(site, clock);
        clock.set(NOW);
        String store = "jdbc:sqlite:" + dir.resolve("prodsupport.db");
        try (Inbox inbox = Stores.open(store, null, null)) {
            deadLetter(
                    inbox,
                    "sweep:OPS-2:2026-11-27T09:41:07Z",
                    "OPS-2",
                    Sweep.EVENT,
                    "JiraException: Jira answered"
                            + " 503 Service Unavailable to GET /rest/api/3/issue/OPS-2 (10 attempts)");
            deadLetter(
                    inbox,
                    "6b1f0a52-4c1e-4c55-9a07-d1e0d3f3a9c2",
                    "OPS-5",
                    Sweep.EVENT,
                    "StoreUnavailableException:" + " [SQLITE_BUSY] The database file is locked (database is locked)");
        }
        try {
            Path token = Files.writeString(dir.resolve("console-token"), TOKEN + "\n");
            int port = SimulatedService.freePort();
            String extra = (sweep ? "sweep:\n  firstLookback: P100D\n" : "sweep:\n  enabled: false\n")
                    + "console:\n  token: file:" + token + "\n";
            Config config = ConfigLoaders.withTemplateSections(Map.of())
                    .load(SimulatedService.config(site.site(), dir, port, extra));
            ProdsupportService service =
                    new Wiring(config, clock).service("127.0.0.1").start();
            return new ConsoleService(site, service, keys);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String base() {
        return "http://127.0.0.1:" + service.port();
    }

    private static void deadLetter(Inbox inbox, String id, String issue, String event, String error) {
        Instant received = NOW.minus(Duration.ofMinutes(40));
        inbox.accept(new InboundEvent(id, issue, event, received, new byte[0]));
        StoredEvent claimed =
                inbox.claim("w", received, Duration.ofMinutes(1), 1).get(0);
        inbox.deadLetter(claimed, "w", NOW.minus(Duration.ofMinutes(31)), error);
    }

    /** Twelve weeks of incidents, one or two a week, with their histories. */
    private static List<String> seed(SimulatedSite site, SettableClock clock) {
        JiraSimulator sim = site.sim();
        SimUser alice = site.site().alice();
        String[][] causes = {
            {"Checkout errors", "The connection pool was exhausted after the payment gateway slowed down"},
            {"Login failures", "An expired TLS certificate on the identity provider"},
            {"Slow search", "Index rebuild saturated the disk"},
            {"Orders stuck", "The message queue consumer crashed and the connection pool was exhausted"},
            {"Reports missing", "Disk full on the reporting host"},
            {"API timeouts", "Connection pool exhausted by a retry storm"},
            {"Mail delayed", "The TLS certificate of the relay expired"},
            {"Dashboard blank", "TBD"},
            {"Invoices duplicated", "A retry storm after a deploy"},
            {"Uploads failing", "Disk full on the upload volume"},
            {"Search outage", "TBD"},
        };
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < causes.length; i++) {
            Instant created = FIRST.plus(Duration.ofDays(7L * i + (i % 3)));
            IncidentStory story = IncidentStory.open(sim, clock, alice, created, causes[i][0], "TBD");
            if (!causes[i][1].equals("TBD")) {
                story.rootCause(Duration.ofHours(2 + 3L * (i % 4)), causes[i][1]);
            }
            if (i < causes.length - 2) {
                story.resolve(Duration.ofHours(4 + 7L * (i % 5)));
            }
            if (i == 3) {
                story.reopen(Duration.ofHours(40)).resolve(Duration.ofHours(52));
            }
            keys.add(story.key());
            if (i % 2 == 0) {
                clock.set(created.plus(Duration.ofHours(30)));
                String followUp = site.bot()
                        .createIssue(new NewIssue(
                                "SUP",
                                "Task",
                                "Prevent: " + causes[i][0],
                                null,
                                List.of("prevention", FollowUpSettings.LABEL),
                                null,
                                Map.of()))
                        .key();
                site.bot().linkIssues("Relates", story.key(), followUp);
                if (i % 4 == 0) {
                    sim.transition(followUp, "Done", alice);
                }
            }
        }
        return keys;
    }

    @Override
    public void close() {
        service.close();
        site.close();
    }
}
