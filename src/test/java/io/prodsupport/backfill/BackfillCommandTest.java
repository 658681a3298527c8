package io.prodsupport.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import io.prodsupport.app.Main;
import io.prodsupport.backfill.OldTicketSeeder.Seeded;
import io.prodsupport.backfill.OldTicketSeeder.Shape;
import io.prodsupport.incident.IncidentDescription;
import io.prodsupport.jirasim.Flavour;
import io.prodsupport.jirasim.JiraSimulator;
import io.prodsupport.jirasim.SimIssue;
import io.prodsupport.jirasim.SimSite;
import io.prodsupport.testing.SimulatedService;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code prodsupport backfill} through the real command line and client, against the simulator over HTTP. */
class BackfillCommandTest {

    static final String PUT_ISSUE = "PUT /rest/api/2/issue/{issueIdOrKey}";

    @TempDir
    Path dir;

    JiraSimulator sim;
    SimSite site;
    Path config;
    StringWriter out;
    StringWriter err;

    @AfterEach
    void everyRequestConformedToTheSpec() {
        if (sim != null) {
            sim.assertNoSpecViolations();
            sim.close();
        }
    }

    Seeded site(Flavour flavour, boolean botIsAdmin, int tickets) {
        sim = JiraSimulator.builder()
                .flavour(flavour)
                .clock(OldTicketSeeder.longAgo())
                .start();
        site = SimSite.seed(sim, botIsAdmin);
        Seeded seeded = OldTicketSeeder.seed(site, tickets);
        config = SimulatedService.config(site, dir, SimulatedService.freePort(), "");
        return seeded;
    }

    int backfill(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        List<String> line = new ArrayList<>(List.of("backfill", "--config", config.toString()));
        line.addAll(List.of(args));
        return cli.execute(line.toArray(String[]::new));
    }

    Map<String, SimIssue> snapshot() {
        return sim.issues().stream().collect(Collectors.toMap(SimIssue::key, Function.identity()));
    }

    /** Every incident carries the fix version and the sections, its reporter's words intact, and nothing else moved. */
    void assertConverged(Seeded seeded, Map<String, SimIssue> before) {
        for (int i = 0; i < seeded.incidents().size(); i++) {
            String key = seeded.incidents().get(i);
            SimIssue was = before.get(key);
            SimIssue now = sim.issue(key);
            assertThat(now.fixVersions()).as(key).containsExactly("Production Support");
            IncidentDescription description = IncidentDescription.parse(now.description());
            assertThat(description.isTemplated()).as(key).isTrue();
            if (!IncidentDescription.parse(was.description()).isTemplated()) {
                String original = was.description() == null ? "" : was.description();
                assertThat(description.originalRequest().orElseThrow())
                        .as(key)
                        .isEqualTo(original.isBlank() ? "_(The reporter left the description empty.)_" : original);
                assertThat(now.description()).as(key).doesNotContain("[~");
            } else {
                assertThat(now.description()).as(key).isEqualTo(was.description());
            }
            assertThat(now.status()).as(key).isEqualTo(was.status());
            assertThat(now.assignee()).as(key).isEqualTo(was.assignee());
            assertThat(now.watchers()).as(key).isEqualTo(was.watchers());
        }
        List<SimIssue> followUps =
                sim.issues().stream().filter(i -> i.projectKey().equals("SUP")).toList();
        assertThat(followUps)
                .as("two prevention actions on each closed templated ticket, one follow-up each")
                .hasSize(2 * seeded.count(Shape.TEMPLATED_CLOSED));
        assertThat(followUps.stream().map(SimIssue::summary).distinct()).hasSize(2);
        for (int i = Shape.TEMPLATED_CLOSED.ordinal(); i < seeded.incidents().size(); i += Shape.values().length) {
            assertThat(sim.issue(seeded.incidents().get(i)).links()).hasSize(2);
        }
        for (String bug : seeded.notIncidents()) {
            assertThat(sim.issue(bug).description()).isEqualTo("not an incident");
            assertThat(sim.issue(bug).fixVersions()).isEmpty();
        }
    }

    @Test
    void a_dry_run_changes_nothing_and_prints_what_each_ticket_would_get() {
        Seeded seeded = site(Flavour.CLOUD, true, 2000);
        Map<String, SimIssue> before = snapshot();

        int exit = backfill("--dry-run");

        assertThat(exit).isZero();
        assertThat(snapshot()).isEqualTo(before);
        assertThat(sim.calls().count(PUT_ISSUE)).isZero();
        assertThat(sim.calls().count("POST /rest/api/2/version")).isZero();
        String key = seeded.incidents().get(Shape.PLAIN_IN_PROGRESS.ordinal());
        assertThat(out.toString())
                .contains(key + " (In Progress): + fix version \"Production Support\"; + description"
                        + " wrapped in the section template (74 characters kept verbatim)");
        assertThat(out.toString())
                .contains(
                        seeded.incidents().get(Shape.TEMPLATED_CLOSED_TBD.ordinal())
                                + " (Done): + fix version \"Production Support\"; closed without Root Cause(s), Fixes for the Root Cause");
        assertThat(out.toString())
                .contains(seeded.incidents().get(Shape.TEMPLATED_CLOSED.ordinal())
                        + " (Done): + fix version \"Production Support\"; + follow-up \"Add disk alerts to every db host\";"
                        + " + follow-up \"Review rotation configs\"\n");
        assertThat(out.toString())
                .contains(
                        "dry run: 2000 ticket(s) handled",
                        "would change 2000, already right 0",
                        "closed without a root cause or its fix: " + (2000 / 8 * 4),
                        "failed: 0");
    }

    @Test
    void a_real_run_converges_and_a_second_run_does_nothing() {
        Seeded seeded = site(Flavour.CLOUD, true, 2000);
        Map<String, SimIssue> before = snapshot();

        assertThat(backfill("--concurrency", "8")).as(err.toString()).isZero();

        assertConverged(seeded, before);
        assertThat(sim.calls().count(PUT_ISSUE)).isEqualTo(2000);
        assertThat(sim.calls().count("POST /rest/api/2/version")).isEqualTo(1);
        assertThat(out.toString()).contains("2000 ticket(s) handled", "changed 2000, already right 0", "failed: 0");
        sim.calls().reset();
        Map<String, SimIssue> converged = snapshot();

        assertThat(backfill()).isZero();

        assertThat(snapshot()).isEqualTo(converged);
        assertThat(sim.calls().count(PUT_ISSUE)).isZero();
        assertThat(out.toString()).contains("changed 0, already right 2000");
    }

    @Test
    void a_run_stopped_halfway_resumes_after_the_last_finished_ticket_and_does_nothing_twice() throws Exception {
        Seeded seeded = site(Flavour.DATA_CENTER, true, 2000);
        Map<String, SimIssue> before = snapshot();

        BackfillSummary first = StoppableBackfill.runAndStopAfter(config, 1000, 8);

        assertThat(first.searchCompleted()).isFalse();
        long editedFirst = sim.calls().count(PUT_ISSUE);
        assertThat(editedFirst).isBetween(1000L, 1008L); // the tickets in flight when it stopped finish too

        assertThat(backfill("--resume", "--concurrency", "8"))
                .as(err.toString())
                .isZero();

        assertConverged(seeded, before);
        assertThat(sim.calls().count(PUT_ISSUE))
                .as("one edit per ticket over both runs")
                .isEqualTo(2000);
        assertThat(out.toString()).contains("resumed after ", "changed " + (2000 - editedFirst) + ", already right 0");
    }

    @Test
    void a_limited_run_then_resume_finishes_the_rest_and_resuming_a_finished_run_finds_nothing_new() {
        Seeded seeded = site(Flavour.DATA_CENTER, true, 200);
        Map<String, SimIssue> before = snapshot();

        assertThat(backfill("--limit", "70")).isZero();
        assertThat(out.toString()).contains("70 ticket(s) handled", "stopped before the end of the search");
        assertThat(backfill("--resume")).isZero();
        assertThat(out.toString())
                .contains("130 ticket(s) handled", "resumed after OPS-71 (70 finished by earlier runs");
        assertThat(backfill("--resume")).isZero();
        assertThat(out.toString()).contains("0 ticket(s) handled");

        assertConverged(seeded, before);
        assertThat(sim.calls().count(PUT_ISSUE)).isEqualTo(200);
    }

    @Test
    void throttling_on_every_tenth_call_slows_the_run_but_never_fails_it() {
        Seeded seeded = site(Flavour.CLOUD, true, 120);
        Map<String, SimIssue> before = snapshot();
        sim.faults().rateLimitEvery(10, 1);

        assertThat(backfill("--concurrency", "4")).as(out + err.toString()).isZero();

        assertConverged(seeded, before);
        assertThat(out.toString()).contains("failed: 0");
    }

    @Test
    void an_account_that_may_not_mute_e_mails_is_told_once_and_stopped_unless_it_passes_notify() {
        Seeded seeded = site(Flavour.CLOUD, false, 16);
        sim.addVersion("OPS", "Production Support"); // the account may not create it either

        assertThat(backfill()).isEqualTo(2);
        assertThat(err.toString())
                .containsOnlyOnce("may not turn Jira's e-mails off in OPS")
                .contains("--notify");
        assertThat(sim.calls().count(PUT_ISSUE)).isZero();

        assertThat(backfill("--notify")).as(err.toString()).isZero();
        assertThat(sim.calls().count(PUT_ISSUE)).isEqualTo(seeded.incidents().size());
    }

    @Test
    void bad_arguments_exit_2_with_one_line_saying_why() {
        site(Flavour.CLOUD, true, 1);

        assertThat(backfill("--report", dir.resolve("report.txt").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--report must name a .md or .csv file");
        assertThat(backfill("--jql", "project = OPS ORDER BY created")).isEqualTo(2);
        assertThat(err.toString()).contains("must not have ORDER BY");
        assertThat(backfill("--concurrency", "0")).isEqualTo(2);
        assertThat(backfill("--limit", "many")).isEqualTo(2);
        assertThat(sim.calls().count(PUT_ISSUE)).isZero();
    }

    @Test
    void the_report_lists_what_was_done_the_closed_tickets_without_a_root_cause_and_the_totals() throws Exception {
        Seeded seeded = site(Flavour.DATA_CENTER, true, 16);
        Path markdown = dir.resolve("backfill.md");
        Path csv = dir.resolve("backfill.csv");

        assertThat(backfill("--report", markdown.toString())).isZero();
        assertThat(backfill("--dry-run", "--report", csv.toString())).isZero();

        String md = java.nio.file.Files.readString(markdown);
        String tbd = seeded.incidents().get(Shape.TEMPLATED_CLOSED_TBD.ordinal());
        assertThat(md)
                .contains(
                        "# prodsupport backfill\n",
                        "## Totals",
                        "- changed 16, already right 0",
                        "| " + seeded.incidents().get(0) + " | To Do | ",
                        "description wrapped in the section template |",
                        "## Closed without a root cause or its fix",
                        "| " + tbd + " | Done | Root Cause(s), Fixes for the Root Cause |",
                        "run time ");
        assertThat(md).doesNotContain("## Failed");
        String report = java.nio.file.Files.readString(csv);
        assertThat(report)
                .startsWith("ticket,status,outcome,changes,closed_without,reason\n")
                .contains(tbd + ",Done,unchanged,,Root Cause(s); Fixes for the Root Cause,\n")
                .contains(
                        "\noutcome,tickets\n", "unchanged,16\n", "closed_without_root_cause,8\n", "run_time_seconds,");
    }
}
