package io.prodsupport.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault trial 7 (issue 13): the disk under SQLite fills up while Jira keeps sending. The intake answers 503 (so Jira
 * retries), nothing acknowledged is lost, and once space is freed the same process takes deliveries again and every
 * incident is templated exactly once, without a restart.
 */
class DiskFullTrialTest {

    @TempDir
    Path tmp;

    private SmallDisk disk;
    private JiraSimulator sim;
    private ProdsupportService service;

    @AfterEach
    void stop() throws Exception {
        if (service != null) {
            service.close();
        }
        if (sim != null) {
            sim.close();
        }
        if (disk != null) {
            disk.close();
        }
    }

    @Test
    void intake_refuses_while_the_disk_is_full_and_takes_deliveries_again_once_space_is_back() throws Exception {
        // room for the database and its write-ahead log; the filler takes the rest when the trial says so
        disk = SmallDisk.mountOrSkip(tmp.resolve("disk"), "16m");
        sim = JiraSimulator.builder().flavour(Flavour.CLOUD).start();
        // Jira Cloud retries a 503 for about half an hour; here a few seconds' worth is enough
        sim.webhooks().retries(12, Duration.ofMillis(250));
        SimSite site = SimSite.seed(sim);
        int port = SimulatedService.freePort();
        Config config =
                ConfigLoaders.withTemplateSections(Map.of()).load(SimulatedService.config(site, disk.dir(), port, ""));
        service = new Wiring(config, Clock.systemUTC()).service("127.0.0.1").start();
        sim.webhooks().register("http://127.0.0.1:" + port + "/webhook/jira", SimulatedService.WEBHOOK_SECRET);

        List<String> before = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            before.add(sim.createIssue("OPS", "Incident", "Before " + i, "text " + i, site.carol()));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> before.stream().allMatch(this::templated));

        Path filler = disk.fill();
        List<String> during = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            during.add(sim.createIssue("OPS", "Incident", "During " + i, "text " + i, site.carol()));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> refused(during).size() == during.size());
        HttpResponse<String> health = get("http://127.0.0.1:" + port + "/health");
        assertThat(during).noneMatch(this::templated);

        Files.delete(filler);
        await().atMost(Duration.ofSeconds(30)).until(() -> during.stream().allMatch(this::templated));

        assertThat(sim.calls().count("PUT /rest/api/2/issue/{issueIdOrKey}"))
                .as("one description write per incident: none lost, none twice")
                .isEqualTo(before.size() + during.size());
        assertThat(get("http://127.0.0.1:" + port + "/health").statusCode()).isEqualTo(200);
        assertThat(service.inbox().deadLetters()).isEmpty();
        assertThat(health.statusCode())
                .as("/health while the disk is full: %s", health.body())
                .isEqualTo(503);
        assertThat(health.body()).contains("\"inbox\":{\"status\":\"DOWN\"");
    }

    private boolean templated(String key) {
        return IncidentDescription.parse(sim.issue(key).description()).isTemplated();
    }

    /** The issues whose webhook the intake answered 503 at least once. */
    private List<String> refused(List<String> keys) {
        return sim.webhooks().deliveries().stream()
                .filter(d -> d.status() == 503 && keys.contains(d.issueKey()))
                .map(WebhookDelivery::issueKey)
                .distinct()
                .toList();
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
