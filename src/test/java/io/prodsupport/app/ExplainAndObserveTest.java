package io.prodsupport.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.prodsupport.config.Config;
import io.prodsupport.explain.Activity;
import io.prodsupport.explain.ActivityLog;
import io.prodsupport.incident.IncidentDescription;
import io.prodsupport.jirasim.Flavour;
import io.prodsupport.jirasim.JiraSimulator;
import io.prodsupport.jirasim.SimIssue;
import io.prodsupport.jirasim.SimSite;
import io.prodsupport.store.Stores;
import io.prodsupport.testing.SimulatedService;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
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

/** `prodsupport explain` and observe mode, through the whole service and the simulator over HTTP. */
class ExplainAndObserveTest {

    @TempDir
    Path dir;

    private JiraSimulator sim;
    private SimSite site;
    private ProdsupportService service;
    private Path configFile;

    private void start(String incidentsYaml) throws IOException {
        sim = JiraSimulator.builder().flavour(Flavour.CLOUD).start();
        site = SimSite.seed(sim);
        int port = SimulatedService.freePort();
        configFile = SimulatedService.config(site, dir, port, "sweep:\n  enabled: false\n");
        Files.writeString(
                configFile,
                Files.readString(configFile)
                        .replace("  issueTypes: [Incident]\n", "  issueTypes: [Incident]\n" + incidentsYaml));
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

    private String explain(String key) {
        StringWriter out = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        assertThat(cli.execute("explain", "--config", configFile.toString(), key))
                .as(out.toString())
                .isZero();
        return out.toString();
    }

    @Test
    void explain_tells_what_was_done_to_an_incident_from_its_properties_the_ledger_and_the_events() throws Exception {
        start("");
        String key = sim.createIssue("OPS", "Incident", "Checkout down", "500s on /checkout", site.carol());
        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        IncidentDescription.parse(sim.issue(key).description()).isTemplated());
        sim.transition(key, "Done", site.alice());
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !sim.issue(key).comments().isEmpty());
        awaitQuiet();
        String filled = sim.issue(key)
                .description()
                .replace("h2. Symptoms\nTBD", "h2. Symptoms\n500s")
                .replace("h2. Root Cause(s)\nTBD", "h2. Root Cause(s)\nPool halved")
                .replace("h2. Fixes for the Root Cause\nTBD", "h2. Fixes for the Root Cause\nPool restored")
                .replace(
                        "h2. Prevention / Mitigation\nTBD",
                        "h2. Prevention / Mitigation\n* Alert on pool exhaustion\n* Finish OPS-99 first");
        sim.editDescription(key, filled, site.alice());
        sim.transition(key, "Done", site.alice());
        await().atMost(Duration.ofSeconds(20))
                .until(() -> sim.issues().stream().anyMatch(i -> i.projectKey().equals("SUP")));
        awaitQuiet();
        String followUp = sim.issues().stream()
                .filter(i -> i.projectKey().equals("SUP"))
                .map(SimIssue::key)
                .findFirst()
                .orElseThrow();

        String text = explain(key.toLowerCase());

        assertThat(text)
                .startsWith(key + "  Checkout down")
                .contains("staffed at ")
                .contains("on duty Alice Oncall")
                .contains("assigned to Alice Oncall")
                .contains("close gate: last refused the close of change ")
                .contains("Alert on pool exhaustion \u2192 " + followUp + " (created, linked, listed in a comment)")
                .contains("Finish OPS-99 first \u2192 skipped: names OPS-99")
                .contains("jira:issue_created")
                .contains("status: To Do \u2192 Done")
                .contains("status: Done \u2192 Reopened")
                .contains("other change(s)")
                .contains("moved back to")
                .contains("created " + followUp);
    }

    @Test
    void explain_of_an_unknown_issue_says_so_in_one_line() throws Exception {
        start("");
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(err, true));

        assertThat(cli.execute("explain", "--config", configFile.toString(), "OPS-404"))
                .isEqualTo(1);
        assertThat(err.toString().strip())
                .isEqualTo("prodsupport: OPS-404 does not exist in Jira, or this account may not see it");
    }

    @Test
    void observe_mode_writes_nothing_to_jira_and_records_what_it_would_have_done() throws Exception {
        start("  mode: observe\n");
        sim.calls().reset();
        String key = sim.createIssue("OPS", "Incident", "Checkout down", "500s on /checkout", site.carol());
        awaitQuiet();
        sim.transition(key, "Done", site.alice());
        awaitQuiet();

        SimIssue issue = sim.issue(key);
        assertThat(issue.description()).isEqualTo("500s on /checkout");
        assertThat(issue.assignee()).isNull();
        assertThat(issue.watchers()).doesNotContain(site.alice());
        assertThat(issue.comments()).isEmpty();
        assertThat(issue.statusCategoryKey()).as("the close stands").isEqualTo("done");
        assertThat(issue.properties()).isEmpty();
        assertThat(sim.calls().snapshot().keySet())
                .as("reads only")
                .allMatch(call -> call.startsWith("GET ") || call.startsWith("POST /rest/api/2/search"));

        List<Activity> recorded;
        try (ActivityLog log = Stores.openActivityLog("jdbc:sqlite:" + dir.resolve("prodsupport.db"), null, null)) {
            recorded = log.of(key);
        }
        assertThat(recorded).isNotEmpty().allMatch(a -> a.mode() == Activity.Mode.OBSERVED);
        assertThat(recorded.get(0).did()).anyMatch(line -> line.contains("fix version"));
        assertThat(recorded).anyMatch(a -> a.did().stream().anyMatch(line -> line.startsWith("close gate")));
        assertThat(explain(key)).contains("would have (observe mode)").contains("[observe mode");
    }

    @Test
    void oncall_prints_who_is_on_duty_now_and_the_next_hand_overs_by_name() throws Exception {
        start("");
        StringWriter out = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));

        assertThat(cli.execute("oncall", "--config", configFile.toString(), "--next", "2"))
                .as(out.toString())
                .isZero();

        // the test site's rotation: Alice then Bob, a shift of 36,500 days from 2026-01-05T09:00Z
        assertThat(out.toString().lines().toList())
                .containsExactly(
                        "On duty now: Alice Oncall, until Wed 2125-12-12 09:00 UTC",
                        "Next hand-overs:",
                        "  Wed 2125-12-12 09:00 UTC  Bob Oncall",
                        "  Fri 2225-11-18 09:00 UTC  Alice Oncall");
    }
}
