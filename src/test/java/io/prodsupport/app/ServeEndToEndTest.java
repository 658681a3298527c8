package io.prodsupport.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.prodsupport.config.Config;
import io.prodsupport.incident.IncidentDescription;
import io.prodsupport.incident.Section;
import io.prodsupport.jirasim.Flavour;
import io.prodsupport.jirasim.JiraSimulator;
import io.prodsupport.jirasim.SimIssue;
import io.prodsupport.jirasim.SimSite;
import io.prodsupport.jirasim.WebhookDelivery;
import io.prodsupport.testing.SimulatedService;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The whole service in-process: Jira (the simulator) sends real signed webhooks, the service fixes the ticket. */
class ServeEndToEndTest {

    @TempDir
    Path dir;

    private JiraSimulator sim;
    private SimSite site;
    private ProdsupportService service;

    private void start(Flavour flavour) {
        start(flavour, "");
    }

    private void start(Flavour flavour, String extraYaml) {
        sim = JiraSimulator.builder().flavour(flavour).start();
        site = SimSite.seed(sim);
        int port = SimulatedService.freePort();
        Config config =
                ConfigLoaders.withTemplateSections(Map.of()).load(SimulatedService.config(site, dir, port, extraYaml));
        service = new Wiring(config, Clock.systemUTC()).service("127.0.0.1").start();
        sim.webhooks().register("http://127.0.0.1:" + port + "/webhook/jira", SimulatedService.WEBHOOK_SECRET);
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

    private boolean wellFormed(String key) {
        SimIssue issue = sim.issue(key);
        return issue.fixVersions().contains("Production Support")
                && issue.assignee() != null
                && IncidentDescription.parse(issue.description()).isTemplated()
                && issue.watchers().contains(site.alice());
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void a_filed_incident_becomes_a_well_formed_ticket_through_the_webhook(Flavour flavour) {
        start(flavour);

        String key = sim.createIssue("OPS", "Incident", "Checkout down", "500s on /checkout", site.carol());

        await().atMost(Duration.ofSeconds(20)).until(() -> wellFormed(key));
        SimIssue issue = sim.issue(key);
        assertThat(issue.assignee()).isEqualTo(site.alice().jiraId());
        assertThat(IncidentDescription.parse(issue.description()).originalRequest())
                .contains("500s on /checkout");
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void the_on_duty_person_who_stops_watching_is_not_added_back_by_the_next_comment(Flavour flavour) {
        // no sweep: its first run at start reads the incident too, and on a busy machine that read can land among
        // the ones counted below
        start(flavour, "sweep:\n  enabled: false\n");
        String key = sim.createIssue("OPS", "Incident", "Checkout down", "500s on /checkout", site.carol());
        await().atMost(Duration.ofSeconds(20)).until(() -> wellFormed(key));
        awaitQuiet();

        sim.stopWatching(key, site.alice());
        sim.calls().reset();
        sim.addComment(key, "Any news?", site.carol());
        sim.editDescription(key, sim.issue(key).description() + "\nMore words.", site.carol());
        awaitQuiet();

        assertThat(sim.issue(key).watchers()).doesNotContain(site.alice());
        assertThat(sim.calls().snapshot())
                .as("one read for the comment, one for the edit")
                .isEqualTo(Map.of("GET /rest/api/2/issue/{issueIdOrKey}", 2));
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void a_why_question_in_a_comment_lands_under_whys_once(Flavour flavour) {
        start(flavour);
        String key = sim.createIssue("OPS", "Incident", "Checkout down", "500s on /checkout", site.carol());
        await().atMost(Duration.ofSeconds(20)).until(() -> wellFormed(key));

        sim.addComment(key, "Why did the pool run dry?", site.bob());
        sim.addComment(key, "why did the pool run dry?", site.carol());
        awaitQuiet();

        String whys = IncidentDescription.parse(sim.issue(key).description())
                .section(Section.WHYS)
                .orElseThrow()
                .body();
        assertThat(whys)
                .startsWith("* Why did the pool run dry? \u2014 asked by Bob Oncall ([comment|")
                .containsOnlyOnce("pool run dry");
    }

    @Test
    void readiness_reports_jira_down_after_a_run_of_failures_while_liveness_and_the_store_stay_up() throws Exception {
        start(Flavour.CLOUD);
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + service.port();

        HttpResponse<String> live = get(http, base + "/health/live");
        HttpResponse<String> ready = get(http, base + "/health/ready");
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(ready.statusCode()).isEqualTo(200);
        JsonNode jira = new ObjectMapper().readTree(ready.body()).path("jira");
        assertThat(jira.path("status").asText()).isEqualTo("UP");
        assertThat(jira.path("lastAnswer").isTextual()).isTrue();
        assertThat(jira.path("consecutiveFailures").asInt()).isZero();

        sim.faults().failNext(1000, 503);
        sim.createIssue("OPS", "Incident", "Checkout down", "500s on /checkout", site.carol());
        await().atMost(Duration.ofSeconds(20))
                .until(() -> get(http, base + "/health/ready").statusCode() == 503);

        JsonNode down =
                new ObjectMapper().readTree(get(http, base + "/health/ready").body());
        assertThat(down.path("status").asText()).isEqualTo("DOWN");
        assertThat(down.path("jira").path("status").asText()).isEqualTo("DOWN");
        assertThat(down.path("jira").path("consecutiveFailures").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(down.path("jira").path("lastFailure").asText()).startsWith("HTTP 503");
        assertThat(get(http, base + "/health").statusCode())
                .as("the store still takes webhooks: Jira's deliveries are not refused")
                .isEqualTo(200);
        assertThat(get(http, base + "/health/live").statusCode()).isEqualTo(200);
        // the health is told of an answer before the call's counter is: the third count may come a moment later
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(metric(
                                "prodsupport_jira_calls_total{endpoint=\"/rest/api/2/issue/{key}\",method=\"GET\","
                                        + "status=\"503\"}"))
                        .as("each failed attempt is counted by endpoint template and status, never by issue key")
                        .isGreaterThanOrEqualTo(3));
        sim.faults().clear();
    }

    /** One sample of {@code /metrics}, by its full series name with labels in Prometheus' (alphabetical) order. */
    private double metric(String series) throws Exception {
        String scrape = get(HttpClient.newHttpClient(), "http://127.0.0.1:" + service.port() + "/metrics")
                .body();
        return scrape.lines()
                .filter(line -> line.startsWith(series + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + series + " in /metrics"));
    }

    private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Every webhook delivered and every stored event handled. */
    private void awaitQuiet() {
        sim.webhooks().awaitIdle(Duration.ofSeconds(20));
        await().atMost(Duration.ofSeconds(20)).until(() -> service.inbox().depth() == 0);
    }

    @Test
    void an_incident_whose_webhook_data_center_lost_is_healed_by_the_sweep() {
        start(Flavour.DATA_CENTER, "sweep:\n  interval: PT1S\n");
        sim.webhooks().drop(true);

        String key = sim.createIssue("OPS", "Incident", "Checkout down", "500s on /checkout", site.carol());

        await().atMost(Duration.ofSeconds(20)).until(() -> wellFormed(key));
        assertThat(sim.webhooks().deliveries()).isEmpty();
        assertThat(sim.calls().count("PUT /rest/api/2/issue/{issueIdOrKey}")).isEqualTo(1);
    }

    @Test
    void a_new_incident_is_announced_once_per_channel_and_a_failed_channel_is_retried_alone() throws Exception {
        try (MockWebServer slack = new MockWebServer();
                MockWebServer teams = new MockWebServer()) {
            slack.start();
            teams.start();
            for (int i = 0; i < 5; i++) {
                slack.enqueue(new MockResponse.Builder().code(200).body("ok").build());
            }
            teams.enqueue(
                    new MockResponse.Builder().code(400).body("Bad payload").build());
            for (int i = 0; i < 5; i++) {
                teams.enqueue(new MockResponse.Builder().code(202).build());
            }
            Path slackUrl = Files.writeString(
                    dir.resolve("slack-url"),
                    slack.url("/services/T0/B0/secret").toString());
            Path teamsUrl = Files.writeString(
                    dir.resolve("teams-url"), teams.url("/workflows/secret").toString());
            start(
                    Flavour.CLOUD,
                    "notify:\n  slack:\n    webhookUrl: file:" + slackUrl + "\n  teams:\n    webhookUrl: file:"
                            + teamsUrl + "\n");
            sim.webhooks().duplicate(1);

            String key = sim.createIssue("OPS", "Incident", "Checkout down", "500s", site.carol());

            await().atMost(Duration.ofSeconds(30)).until(() -> teams.getRequestCount() == 2);
            sim.webhooks().awaitIdle(Duration.ofSeconds(10));
            await().atMost(Duration.ofSeconds(10)).until(() -> service.inbox().depth() == 0);
            assertThat(slack.getRequestCount()).isEqualTo(1);
            assertThat(slack.takeRequest().getBody().utf8()).contains(key).contains(sim.baseUrl() + "/browse/" + key);
            assertThat(sim.issue(key).properties().get("prodsupport.announced").path("channels"))
                    .extracting(JsonNode::asText)
                    .containsExactlyInAnyOrder("slack", "teams");
            assertThat(metric("prodsupport_messages_total{channel=\"slack\",outcome=\"sent\"}"))
                    .isEqualTo(1);
            assertThat(metric("prodsupport_messages_total{channel=\"teams\",outcome=\"failed\"}"))
                    .isEqualTo(1);
            assertThat(metric("prodsupport_messages_total{channel=\"teams\",outcome=\"sent\"}"))
                    .isEqualTo(1);
        }
    }

    @Test
    void a_dead_channel_holds_up_no_jira_work_and_gets_each_message_once_when_it_returns() throws Exception {
        int port = SimulatedService.freePort(); // nothing listens: connection refused
        Path slackUrl =
                Files.writeString(dir.resolve("slack-url"), "http://127.0.0.1:" + port + "/services/T0/B0/secret");
        start(
                Flavour.CLOUD,
                "notify:\n  slack:\n    webhookUrl: file:" + slackUrl + "\n  maxBackoff: PT1S\n  foldWithin: PT1S\n");
        HttpClient http = HttpClient.newHttpClient();

        // incidents keep flowing while the channel is dead: templates, the close gate, follow-ups
        String bounced = sim.createIssue("OPS", "Incident", "Checkout down", "500s", site.carol());
        String resolved = sim.createIssue("OPS", "Incident", "Search down", "timeouts", site.carol());
        String third = sim.createIssue("OPS", "Incident", "Login slow", "p99 8s", site.carol());
        await().atMost(Duration.ofSeconds(20))
                .until(() -> wellFormed(bounced) && wellFormed(resolved) && wellFormed(third));
        sim.transition(bounced, "Done", site.alice());
        sim.editDescription(
                resolved,
                sim.issue(resolved)
                        .description()
                        .replace("h2. Symptoms\nTBD", "h2. Symptoms\ntimeouts")
                        .replace("h2. Root Cause(s)\nTBD", "h2. Root Cause(s)\nIndex rebuild")
                        .replace("h2. Fixes for the Root Cause\nTBD", "h2. Fixes for the Root Cause\nThrottle it")
                        .replace("h2. Prevention / Mitigation\nTBD", "h2. Prevention / Mitigation\n* Alert on it"),
                site.alice());
        sim.transition(resolved, "Done", site.alice());
        awaitQuiet();

        assertThat(sim.issue(bounced).statusCategoryKey()).isEqualTo("indeterminate");
        assertThat(followUps(resolved)).extracting(SimIssue::summary).containsExactly("Alert on it");
        assertThat(service.inbox().deadLetters()).isEmpty();
        assertThat(metric("prodsupport_messages_total{channel=\"slack\",outcome=\"sent\"}"))
                .isZero();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> metric("prodsupport_messages_pending{channel=\"slack\"}") == 4);
        assertThat(metric("prodsupport_messages_failing{channel=\"slack\"}")).isGreaterThanOrEqualTo(1);
        JsonNode health = new ObjectMapper()
                .readTree(get(http, "http://127.0.0.1:" + service.port() + "/health/ready")
                        .body());
        assertThat(health.path("status").asText())
                .as("a dead channel is no reason to stop taking work")
                .isEqualTo("UP");
        assertThat(health.path("channels").path("status").asText()).isEqualTo("DEGRADED");
        assertThat(health.path("channels").path("slack").path("pending").asInt())
                .as("three announcements and one resolution")
                .isEqualTo(4);
        assertThat(health.path("channels").path("slack").path("lastError").asText())
                .contains("could not be reached")
                .doesNotContain("secret");

        // the channel comes back, failing at first
        List<String> taken = new CopyOnWriteArrayList<>();
        AtomicInteger requests = new AtomicInteger();
        try (MockWebServer slack = new MockWebServer()) {
            slack.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    if (requests.incrementAndGet() <= 2) {
                        return new MockResponse.Builder().code(500).body("oops").build();
                    }
                    taken.add(request.getBody().utf8());
                    return new MockResponse.Builder().code(200).body("ok").build();
                }
            });
            slack.start(InetAddress.getByName("127.0.0.1"), port);

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> metric("prodsupport_messages_pending{channel=\"slack\"}") == 0);
            assertThat(taken)
                    .extracting(body ->
                            new ObjectMapper().readTree(body).path("text").asText())
                    .as("each incident's message once (incidents are handled in parallel: any order)")
                    .containsExactlyInAnyOrder(
                            "New incident " + bounced + ": Checkout down",
                            "New incident " + resolved + ": Search down",
                            "New incident " + third + ": Login slow",
                            resolved + " Search down: resolved (Done)");
            assertThat(metric("prodsupport_messages_total{channel=\"slack\",outcome=\"sent\"}"))
                    .isEqualTo(4);
        }
    }

    @Test
    void the_services_own_edit_comes_back_as_a_webhook_and_is_dropped_without_a_second_edit() {
        start(Flavour.CLOUD);
        String key = sim.createIssue("OPS", "Incident", "Checkout down", "500s", site.carol());
        await().atMost(Duration.ofSeconds(20)).until(() -> wellFormed(key));

        sim.webhooks().awaitIdle(Duration.ofSeconds(10));
        List<WebhookDelivery> ownEdit = sim.webhooks().deliveries().stream()
                .filter(d -> d.event().equals("jira:issue_updated"))
                .toList();
        assertThat(ownEdit).isNotEmpty().allSatisfy(d -> assertThat(d.status()).isEqualTo(200));
        await().atMost(Duration.ofSeconds(10)).until(() -> service.inbox().depth() == 0);
        assertThat(sim.calls().count("PUT /rest/api/2/issue/{issueIdOrKey}")).isEqualTo(1);
    }

    @Test
    void duplicated_and_reordered_deliveries_still_make_one_edit_per_incident() {
        start(Flavour.CLOUD);
        sim.webhooks().duplicate(2).reorder(true);

        List<String> keys = IntStream.range(0, 5)
                .mapToObj(i -> sim.createIssue("OPS", "Incident", "Outage " + i, "words " + i, site.carol()))
                .toList();

        await().atMost(Duration.ofSeconds(30)).until(() -> keys.stream().allMatch(this::wellFormed));
        sim.webhooks().awaitIdle(Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(10)).until(() -> service.inbox().depth() == 0);
        assertThat(sim.calls().count("PUT /rest/api/2/issue/{issueIdOrKey}")).isEqualTo(5);
        assertThat(sim.calls().count("POST /rest/api/2/version")).isEqualTo(1);
    }

    @Test
    void closing_with_root_cause_tbd_bounces_back_through_the_webhook() throws Exception {
        start(Flavour.CLOUD);
        String key = sim.createIssue("OPS", "Incident", "Checkout down", "500s", site.carol());
        await().atMost(Duration.ofSeconds(20)).until(() -> wellFormed(key));

        sim.transition(key, "Done", site.alice());

        await().atMost(Duration.ofSeconds(20))
                .until(() -> !sim.issue(key).comments().isEmpty());
        assertThat(sim.issue(key).statusCategoryKey()).isEqualTo("indeterminate");
        assertThat(sim.issue(key).comments())
                .singleElement()
                .satisfies(c -> assertThat(c.body()).contains("Symptoms, Root Cause(s), Fixes for the Root Cause"));
        assertThat(metric("prodsupport_close_gate_reverts_total")).isEqualTo(1);
        assertThat(metric("prodsupport_inbox_dead_letters")).isZero();
    }

    @Test
    void prevention_actions_of_a_resolved_incident_become_linked_follow_ups_once_each() throws Exception {
        start(Flavour.CLOUD);
        String key = sim.createIssue("OPS", "Incident", "Checkout down", "500s", site.carol());
        await().atMost(Duration.ofSeconds(20)).until(() -> wellFormed(key));
        String filled = sim.issue(key)
                .description()
                .replace("h2. Symptoms\nTBD", "h2. Symptoms\n500s")
                .replace("h2. Root Cause(s)\nTBD", "h2. Root Cause(s)\nPool halved by the 4.2 deploy")
                .replace("h2. Fixes for the Root Cause\nTBD", "h2. Fixes for the Root Cause\nPool restored")
                .replace(
                        "h2. Prevention / Mitigation\nTBD",
                        "h2. Prevention / Mitigation\n* Alert on pool exhaustion\n* Load-test checkout");
        sim.editDescription(key, filled, site.alice());
        sim.transition(key, "Done", site.alice());

        await().atMost(Duration.ofSeconds(20)).until(() -> followUps(key).size() == 2);
        sim.editDescription(key, sim.issue(key).description() + "\n* Canary the pool size", site.alice());
        await().atMost(Duration.ofSeconds(20)).until(() -> followUps(key).size() == 3);
        sim.webhooks().awaitIdle(Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(10)).until(() -> service.inbox().depth() == 0);

        assertThat(followUps(key))
                .extracting(SimIssue::summary)
                .containsExactlyInAnyOrder("Alert on pool exhaustion", "Load-test checkout", "Canary the pool size");
        assertThat(sim.issue(key).statusCategoryKey()).isEqualTo("done");
        assertThat(sim.issue(key).links()).hasSize(3);
        assertThat(sim.issue(key).comments()).hasSize(2); // one per batch of new follow-ups
        assertThat(metric("prodsupport_followups_made_total")).isEqualTo(3);
    }

    private List<SimIssue> followUps(String incident) {
        return sim.issues().stream()
                .filter(i -> i.projectKey().equals("SUP"))
                .filter(i -> i.labels().contains("prodsupport-from-" + incident))
                .toList();
    }
}
