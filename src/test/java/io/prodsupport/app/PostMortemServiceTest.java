package io.prodsupport.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.prodsupport.config.Config;
import io.prodsupport.explain.Activity;
import io.prodsupport.explain.ActivityLog;
import io.prodsupport.incident.IncidentDescription;
import io.prodsupport.incident.PostMortems;
import io.prodsupport.incident.SectionTemplate;
import io.prodsupport.jirasim.Flavour;
import io.prodsupport.jirasim.JiraSimulator;
import io.prodsupport.jirasim.SimIssue;
import io.prodsupport.jirasim.SimSite;
import io.prodsupport.store.Stores;
import io.prodsupport.testing.SimulatedService;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Post-mortems through the whole service and the simulator over HTTP: made once from the resolving webhook, counted in
 * {@code /metrics}, told by {@code explain}; only recorded in observe mode; never by the backfill; and a threshold
 * Jira does not have stops the service from starting, in one line.
 */
class PostMortemServiceTest {

    private static final String POSTMORTEM = "postmortem:\n  minPriority: High\n";

    @TempDir
    Path dir;

    private JiraSimulator sim;
    private SimSite site;
    private ProdsupportService service;
    private Path configFile;
    private int port;

    private void configure(String incidentsYaml, String extraYaml) throws IOException {
        sim = JiraSimulator.builder().flavour(Flavour.CLOUD).start();
        site = SimSite.seed(sim);
        port = SimulatedService.freePort();
        configFile = SimulatedService.config(site, dir, port, "sweep:\n  enabled: false\n" + extraYaml);
        Files.writeString(
                configFile,
                Files.readString(configFile)
                        .replace("  issueTypes: [Incident]\n", "  issueTypes: [Incident]\n" + incidentsYaml));
    }

    private void start(String incidentsYaml, String extraYaml) throws IOException {
        configure(incidentsYaml, extraYaml);
        Config config = ConfigLoaders.withTemplateSections(Map.of()).load(configFile);
        service = new Wiring(config, Clock.systemUTC()).service("127.0.0.1").start();
        sim.webhooks().register("http://127.0.0.1:" + port + "/webhook/jira", SimulatedService.WEBHOOK_SECRET);
    }

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    private void awaitQuiet() {
        sim.webhooks().awaitIdle(Duration.ofSeconds(20));
        await().atMost(Duration.ofSeconds(20)).until(() -> service.inbox().depth() == 0);
    }

    /** The template with every required section filled, as the people on the incident would leave it. */
    private static String filled(String prevention) {
        return SectionTemplate.wrap("500s on /checkout", null)
                .replace("h2. Symptoms\nTBD", "h2. Symptoms\n500s")
                .replace("h2. Root Cause(s)\nTBD", "h2. Root Cause(s)\nPool halved by a config push")
                .replace("h2. Fixes for the Root Cause\nTBD", "h2. Fixes for the Root Cause\nPool restored")
                .replace("h2. Prevention / Mitigation\nTBD", "h2. Prevention / Mitigation\n" + prevention);
    }

    private List<SimIssue> postMortems() {
        return sim.issues().stream()
                .filter(i -> i.labels().contains(PostMortems.LABEL))
                .toList();
    }

    private String run(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        int exit = cli.execute(args);
        return exit + "\n" + out;
    }

    @Test
    void a_resolved_high_incident_gets_one_task_counted_in_metrics_and_told_by_explain() throws Exception {
        start("", POSTMORTEM);
        String key = sim.createIssue("OPS", "Incident", "Checkout down", "500s on /checkout", site.carol());
        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        IncidentDescription.parse(sim.issue(key).description()).isTemplated());
        awaitQuiet();
        sim.setPriority(key, "High", site.alice());
        sim.editDescription(key, filled("TBD"), site.alice());
        sim.transition(key, "Done", site.alice());
        await().atMost(Duration.ofSeconds(20)).until(() -> !postMortems().isEmpty());
        awaitQuiet();
        sim.addComment(key, "Thanks all, the review is on Thursday", site.bob());
        awaitQuiet();

        assertThat(postMortems()).singleElement().satisfies(task -> {
            assertThat(task.projectKey()).isEqualTo("SUP");
            assertThat(task.issueType()).isEqualTo("Task");
            assertThat(task.summary()).isEqualTo("Post-mortem: " + key + " Checkout down");
            assertThat(task.description())
                    .contains("Status: To Do \u2192 Done")
                    .contains("Priority: Medium \u2192 High")
                    .contains("h2. Root Cause(s)\nPool halved by a config push");
        });
        String task = postMortems().get(0).key();
        HttpResponse<String> metrics = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.body()).contains("prodsupport_postmortems_made_total 1.0");
        assertThat(run("explain", "--config", configFile.toString(), key))
                .startsWith("0\n")
                .contains("Post-mortem (ledger): " + task + " (made and linked)");
    }

    @Test
    void observe_mode_records_the_task_it_would_make_and_makes_none() throws Exception {
        start("  mode: observe\n", POSTMORTEM);
        String key = sim.createIssue("OPS", "Incident", "Checkout down", filled("TBD"), site.carol());
        awaitQuiet();
        sim.setPriority(key, "Highest", site.alice());
        sim.transition(key, "Done", site.alice());
        awaitQuiet();

        assertThat(postMortems()).isEmpty();
        assertThat(sim.issues()).noneMatch(i -> i.projectKey().equals("SUP"));
        List<Activity> recorded;
        try (ActivityLog log = Stores.openActivityLog("jdbc:sqlite:" + dir.resolve("prodsupport.db"), null, null)) {
            recorded = log.of(key);
        }
        assertThat(recorded)
                .filteredOn(a -> a.did().stream().anyMatch(l -> l.startsWith("post-mortem: created (new SUP issue")))
                .singleElement()
                .satisfies(a -> assertThat(a.mode()).isEqualTo(Activity.Mode.OBSERVED));
    }

    @Test
    void the_backfill_makes_follow_ups_of_a_resolved_high_incident_but_no_post_mortem() throws Exception {
        configure("", POSTMORTEM);
        String key =
                sim.createIssue("OPS", "Incident", "Checkout down", filled("* Alert on pool exhaustion"), site.carol());
        sim.setPriority(key, "Highest", site.alice());
        sim.transition(key, "Done", site.alice());

        assertThat(run("backfill", "--config", configFile.toString())).startsWith("0\n");

        assertThat(sim.issues())
                .anyMatch(i -> i.projectKey().equals("SUP") && i.labels().contains("prodsupport-followup"));
        assertThat(postMortems()).isEmpty();
    }

    @Test
    void a_min_priority_jira_does_not_have_stops_the_service_in_one_line() throws Exception {
        configure("", "postmortem:\n  minPriority: Critical\n");

        String out = run("serve", "--config", configFile.toString());

        assertThat(out.strip().lines().toList())
                .containsExactly(
                        "2",
                        "prodsupport: cannot start: postmortem.minPriority \"Critical\" is not one of Jira's priorities"
                                + " (Highest, High, Medium, Low, Lowest)");
    }
}
