package io.prodsupport.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.prodsupport.config.Config;
import io.prodsupport.incident.IncidentDescription;
import io.prodsupport.jirasim.Flavour;
import io.prodsupport.jirasim.JiraSimulator;
import io.prodsupport.jirasim.SimSite;
import io.prodsupport.sweep.Sweep;
import io.prodsupport.testing.SettableClock;
import io.prodsupport.testing.SimulatedService;
import io.prodsupport.webhook.WebhookIntake;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Webhooks that never arrive are noticed: the sweep finds the change, the log names the likely causes, /metrics
 * counts it and /health/ready shows the webhooks as degraded; a run of 401s says the secret does not match. Jira
 * (the simulator) and the service share one clock the test moves.
 */
class MissedWebhooksTest {

    @TempDir
    Path dir;

    private final SettableClock clock = new SettableClock(Instant.parse("2026-11-02T09:00:00Z"));
    private final HttpClient http = HttpClient.newHttpClient();
    private JiraSimulator sim;
    private SimSite site;
    private ProdsupportService service;
    private int port;

    private void start(String secretJiraSignsWith) {
        sim = JiraSimulator.builder().flavour(Flavour.DATA_CENTER).clock(clock).start();
        site = SimSite.seed(sim);
        port = SimulatedService.freePort();
        Config config = ConfigLoaders.withTemplateSections(Map.of())
                .load(SimulatedService.config(site, dir, port, "sweep:\n  interval: PT1H\n"));
        service = new Wiring(config, clock).service("127.0.0.1").start();
        sim.webhooks().register("http://127.0.0.1:" + port + "/webhook/jira", secretJiraSignsWith);
        // the sweep's first run starts with the service; from here on the test runs it
        await().atMost(Duration.ofSeconds(20)).until(() -> sweep().runs() >= 1);
    }

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
        if (sim != null) {
            sim.assertNoSpecViolations();
            sim.close();
        }
    }

    private Sweep sweep() {
        return service.sweep().orElseThrow();
    }

    private void awaitQuiet() {
        sim.webhooks().awaitIdle(Duration.ofSeconds(20));
        await().atMost(Duration.ofSeconds(20)).until(() -> service.inbox().depth() == 0);
        sim.webhooks().awaitIdle(Duration.ofSeconds(20));
    }

    private String get(String path) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return r.body();
    }

    private JsonNode webhooksPart() throws Exception {
        return new ObjectMapper().readTree(get("/health/ready")).path("webhooks");
    }

    private static ListAppender<ILoggingEvent> capture(Class<?> type) {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(type)).addAppender(appender);
        return appender;
    }

    private static List<String> warnings(ListAppender<ILoggingEvent> appender) {
        return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void a_change_whose_webhook_was_lost_is_logged_counted_and_shown_as_degraded_and_a_delivered_one_is_not()
            throws Exception {
        start(SimulatedService.WEBHOOK_SECRET);
        ListAppender<ILoggingEvent> log = capture(Sweep.class);
        try {
            assertThat(webhooksPart().path("status").asText()).isEqualTo("UP");
            clock.advance(Duration.ofMinutes(2));
            sim.webhooks().dropNext(1);
            String lost = sim.createIssue("OPS", "Incident", "Checkout down", "500s", site.carol());
            clock.advance(Duration.ofMinutes(2));

            assertThat(sweep().runOnce()).as("the sweep heals it").isEqualTo(1);
            awaitQuiet();
            assertThat(IncidentDescription.parse(sim.issue(lost).description()).isTemplated())
                    .isTrue();

            assertThat(warnings(log))
                    .singleElement()
                    .asString()
                    .startsWith(lost + ": changed at 2026-11-02T09:02:00Z but no webhook came for it")
                    .contains("not registered", "wrong URL", "secret is not one of webhook.secrets");
            assertThat(get("/metrics")).contains("prodsupport_webhooks_missed_total 1.0");
            JsonNode part = webhooksPart();
            assertThat(part.path("status").asText()).isEqualTo("DEGRADED");
            assertThat(part.path("missed").asLong()).isEqualTo(1);
            assertThat(part.path("lastMissed").asText()).isEqualTo("2026-11-02T09:04:00Z");

            // the service's own edits came back as (dropped) webhooks; a new incident arrives normally
            String delivered = sim.createIssue("OPS", "Incident", "Search slow", "p99 3s", site.carol());
            awaitQuiet();
            clock.advance(Duration.ofMinutes(2));
            sweep().runOnce();
            clock.advance(Duration.ofMinutes(2));
            sweep().runOnce();

            assertThat(warnings(log))
                    .as("nothing else was missed (%s)", delivered)
                    .hasSize(1);
            assertThat(webhooksPart().path("missed").asLong()).isEqualTo(1);

            clock.advance(Duration.ofMinutes(61));
            assertThat(webhooksPart().path("status").asText())
                    .as("an hour without a miss")
                    .isEqualTo("UP");
        } finally {
            ((Logger) LoggerFactory.getLogger(Sweep.class)).detachAppender(log);
        }
    }

    @Test
    void a_run_of_401s_says_the_secret_does_not_match_at_most_once_a_minute() throws Exception {
        start("not-the-configured-secret");
        ListAppender<ILoggingEvent> log = capture(WebhookIntake.class);
        try {
            clock.advance(Duration.ofMinutes(2));
            for (int i = 0; i < 5; i++) {
                sim.createIssue("OPS", "Incident", "Down " + i, "d", site.carol());
            }
            sim.webhooks().awaitIdle(Duration.ofSeconds(20));
            clock.advance(Duration.ofMinutes(1));
            sim.createIssue("OPS", "Incident", "Down again", "d", site.carol());
            sim.webhooks().awaitIdle(Duration.ofSeconds(20));

            assertThat(warnings(log).stream().filter(l -> l.startsWith("secret mismatch")))
                    .containsExactly(
                            "secret mismatch: compare webhook.secrets with the secret of the Jira webhook (3 deliveries"
                                    + " in a row refused with 401)",
                            "secret mismatch: compare webhook.secrets with the secret of the Jira webhook (6 deliveries"
                                    + " in a row refused with 401)");

            clock.advance(Duration.ofMinutes(2));
            sweep().runOnce();
            assertThat(webhooksPart().path("missed").asLong())
                    .as("the sweep notices them too")
                    .isEqualTo(6);
        } finally {
            ((Logger) LoggerFactory.getLogger(WebhookIntake.class)).detachAppender(log);
        }
    }
}
