package io.prodsupport.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.prodsupport.config.Config;
import io.prodsupport.incident.FollowUpLedger;
import io.prodsupport.incident.IncidentSignal;
import io.prodsupport.incident.IncidentWorkflow;
import io.prodsupport.jira.HttpJiraClient;
import io.prodsupport.jirasim.Flavour;
import io.prodsupport.jirasim.JiraSimulator;
import io.prodsupport.jirasim.SimSite;
import io.prodsupport.notify.OutboxStore;
import io.prodsupport.notify.OutboxWorker;
import io.prodsupport.testing.SettableClock;
import io.prodsupport.testing.SimulatedService;
import io.prodsupport.testing.SimulatedSite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Progress messages end to end with an injected clock: the workflow as {@code serve} wires it over the simulator, the
 * outbox in SQLite, its worker posting to a local Slack receiver.
 */
class ProgressMessagesTest {

    @TempDir
    Path dir;

    private final SettableClock clock = new SettableClock(Instant.now());
    private final MockWebServer slack = new MockWebServer();
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private SimulatedSite simulated;
    private JiraSimulator sim;
    private SimSite site;
    private Wiring wiring;
    private OutboxStore outbox;
    private OutboxWorker worker;
    private FollowUpLedger ledger;
    private IncidentWorkflow workflow;

    private void start(String notifyYaml) throws Exception {
        simulated = SimulatedSite.start(Flavour.CLOUD, clock);
        sim = simulated.sim();
        site = simulated.site();
        slack.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                try {
                    received.add(new ObjectMapper().readTree(request.getBody().utf8()));
                } catch (Exception e) {
                    return new MockResponse.Builder()
                            .code(400)
                            .body("invalid_payload")
                            .build();
                }
                return new MockResponse.Builder().code(200).body("ok").build();
            }
        });
        slack.start();
        Path url = Files.writeString(
                dir.resolve("slack-url"), slack.url("/services/T0/B0/x").toString());
        Config config = ConfigLoaders.withTemplateSections(Map.of())
                .load(SimulatedService.config(
                        site,
                        dir,
                        SimulatedService.freePort(),
                        "notify:\n  slack:\n    webhookUrl: file:" + url + "\n" + notifyYaml));
        wiring = new Wiring(config, clock);
        HttpJiraClient jira = simulated.bot();
        outbox = wiring.outbox();
        worker = wiring.outboxWorker(outbox);
        ledger = wiring.followUpLedger();
        workflow = wiring.workflow(jira, ledger, outbox);
    }

    @AfterEach
    void stop() {
        for (AutoCloseable c : new AutoCloseable[] {worker, outbox, ledger, simulated, slack}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // closing what the test opened
            }
        }
        if (wiring != null) {
            wiring.releaseHttp();
        }
    }

    private String newIncident() {
        String key = sim.createIssue("OPS", "Incident", "Checkout down", "500s on /checkout", site.carol());
        workflow.handle(
                IncidentSignal.created(key, "c-" + key, Optional.of(site.carol().jiraId())));
        String filled = sim.issue(key)
                .description()
                .replace("h2. Symptoms\nTBD", "h2. Symptoms\n500s")
                .replace(
                        "h2. Root Cause(s)\nTBD",
                        "h2. Root Cause(s)\nPool halved by the 4.2 deploy\n\nIt was sized for 4 cores\nThird line\nFourth")
                .replace("h2. Fixes for the Root Cause\nTBD", "h2. Fixes for the Root Cause\nPool restored");
        sim.editDescription(key, filled, site.alice());
        workflow.handle(
                IncidentSignal.updated(key, "e-" + key, Optional.of(site.alice().jiraId())));
        return key;
    }

    /** Moves the incident as a person would and hands the workflow the webhook it causes. */
    private void move(String key, String to, int n) {
        String from = sim.issue(key).status();
        sim.transition(key, to, site.alice());
        workflow.handle(
                to.equals("Done")
                        ? IncidentSignal.closed(
                                key,
                                "t-" + n,
                                "cl-" + n,
                                from,
                                Optional.of(site.alice().jiraId()))
                        : IncidentSignal.updated(
                                key, "t-" + n, Optional.of(site.alice().jiraId())));
        clock.advance(Duration.ofMillis(45));
    }

    @Test
    void a_burst_of_20_changes_in_a_second_is_one_message_with_the_final_state() throws Exception {
        start("  updates: all\n");
        String key = newIncident();
        assertThat(worker.deliverDue()).as("the announcement").isEqualTo(1);

        for (int i = 1; i <= 19; i++) {
            move(key, i % 2 == 1 ? "In Progress" : "To Do", i);
        }
        move(key, "Done", 20);

        assertThat(worker.deliverDue()).as("within foldWithin: still folding").isZero();
        clock.advance(Duration.ofSeconds(60));
        assertThat(worker.deliverDue()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(10));
        assertThat(worker.deliverDue()).isZero();

        assertThat(received).hasSize(2);
        JsonNode update = received.get(1);
        assertThat(update.path("text").asText())
                .isEqualTo(key + " Checkout down: status To Do → Done; resolved (Done)");
        assertThat(update.path("blocks").get(1).path("text").path("text").asText())
                .isEqualTo("Root cause: Pool halved by the 4.2 deploy\nIt was sized for 4 cores\nThird line");
        assertThat(update.path("blocks").get(0).path("text").path("text").asText())
                .startsWith("<" + sim.baseUrl() + "/browse/" + key + "|" + key + "> Checkout down: ");
    }

    @Test
    void by_default_only_the_resolution_is_told_and_a_redelivered_event_tells_nothing_new() throws Exception {
        start("");
        String key = newIncident();
        move(key, "In Progress", 1);
        clock.advance(Duration.ofMinutes(5));
        assertThat(worker.deliverDue()).as("only the announcement").isEqualTo(1);

        move(key, "Done", 2);
        workflow.handle(IncidentSignal.closed(key, "t-2", "cl-2", "In Progress", Optional.empty())); // redelivered
        clock.advance(Duration.ofSeconds(61));
        assertThat(worker.deliverDue()).isEqualTo(1);

        assertThat(received)
                .extracting(m -> m.path("text").asText())
                .containsExactly("New incident " + key + ": Checkout down", key + " Checkout down: resolved (Done)");
    }
}
