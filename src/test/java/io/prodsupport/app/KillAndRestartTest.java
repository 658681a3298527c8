package io.prodsupport.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.prodsupport.incident.IncidentDescription;
import io.prodsupport.jirasim.Flavour;
import io.prodsupport.jirasim.JiraSimulator;
import io.prodsupport.jirasim.SimIssue;
import io.prodsupport.jirasim.SimSite;
import io.prodsupport.testing.SimulatedService;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} for real: the service runs as its own JVM, is killed with SIGKILL while it is part-way through a
 * batch of accepted events, and a restarted process on the same SQLite file finishes every one of them, once.
 */
class KillAndRestartTest {

    @TempDir
    Path dir;

    private JiraSimulator sim;
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stop() {
        processes.forEach(Process::destroyForcibly);
        if (sim != null) {
            sim.assertNoSpecViolations();
            sim.close();
        }
    }

    private Process serve(Path config, int port, String name) throws IOException, InterruptedException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process p = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        classpath,
                        Main.class.getName(),
                        "serve",
                        "--config",
                        config.toString(),
                        "--host",
                        "127.0.0.1")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile())
                .start();
        processes.add(p);
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
            assertThat(p.isAlive())
                    .as("serve exited; see " + dir.resolve(name + ".log"))
                    .isTrue();
            return http.send(
                                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .statusCode()
                    == 200;
        });
        return p;
    }

    private boolean wellFormed(SimIssue issue) {
        return issue.fixVersions().contains("Production Support")
                && IncidentDescription.parse(issue.description()).isTemplated()
                && issue.assignee() != null;
    }

    @Test
    void a_service_killed_mid_batch_finishes_every_accepted_event_after_a_restart() throws Exception {
        sim = JiraSimulator.builder().flavour(Flavour.CLOUD).start();
        SimSite site = SimSite.seed(sim);
        int port = SimulatedService.freePort();
        Path config = SimulatedService.config(site, dir, port, "");
        sim.webhooks().register("http://127.0.0.1:" + port + "/webhook/jira", SimulatedService.WEBHOOK_SECRET);
        Process first = serve(config, port, "first");
        sim.faults().latency(Duration.ofMillis(150)); // slow enough that the kill lands mid-batch

        List<String> keys = IntStream.range(0, 8)
                .mapToObj(i -> sim.createIssue("OPS", "Incident", "Outage " + i, "words " + i, site.carol()))
                .toList();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> sim.webhooks().deliveries().stream()
                                .filter(d -> d.event().equals("jira:issue_created") && d.status() == 202)
                                .count()
                        == keys.size());
        await().atMost(Duration.ofSeconds(60))
                .until(() -> sim.calls().count("PUT /rest/api/2/issue/{issueIdOrKey}") >= 1);
        first.destroyForcibly().waitFor();
        long doneBeforeKill =
                keys.stream().map(sim::issue).filter(this::wellFormed).count();

        serve(config, port, "second");

        await().atMost(Duration.ofSeconds(90))
                .until(() -> keys.stream().map(sim::issue).allMatch(this::wellFormed));
        assertThat(doneBeforeKill).as("the kill landed mid-batch").isLessThan(keys.size());
        for (String key : keys) {
            SimIssue issue = sim.issue(key);
            assertThat(issue.fixVersions()).containsExactly("Production Support");
            assertThat(IncidentDescription.parse(issue.description()).originalRequest())
                    .as(key + " wrapped once, around the reporter's words")
                    .contains(issue.summary().replace("Outage", "words"));
        }
        assertThat(sim.versionNames("OPS")).containsExactly("Production Support");
        assertThat(new File(dir.toFile(), "prodsupport.db")).exists();
    }
}
