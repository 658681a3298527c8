package io.prodsupport.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.prodsupport.app.Main;
import io.prodsupport.jirasim.Flavour;
import io.prodsupport.jirasim.JiraSimulator;
import io.prodsupport.testing.SettableClock;
import io.prodsupport.testing.SimulatedSite;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code prodsupport report} against a simulated Cloud site with two incident projects. */
class ReportCommandTest {

    private static final Instant T0 = Instant.parse("2026-11-03T08:00:00Z");

    private static SimulatedSite site;
    private static Path config;

    @TempDir
    static Path dir;

    @BeforeAll
    static void seed() throws IOException {
        SettableClock clock = new SettableClock(T0);
        site = SimulatedSite.start(Flavour.CLOUD, clock);
        JiraSimulator sim = site.sim();
        var alice = site.site().alice();
        sim.addProject("WEB", "Web shop", alice);
        IncidentStory.open(sim, clock, alice, T0, "Queue backs up <fast>", "TBD")
                .rootCause(Duration.ofHours(1), "A stuck consumer after the deploy")
                .resolve(Duration.ofHours(3));
        clock.set(T0.plus(Duration.ofDays(1)));
        String web = sim.createIssue(
                "WEB", "Incident", "Checkout 500s", IncidentStory.templated("500s", "A stuck consumer"), alice);
        clock.set(T0.plus(Duration.ofDays(2)));
        sim.transition(web, "Done", alice);
        Path token = Files.writeString(dir.resolve("token"), site.site().botSecret());
        config = Files.writeString(
                dir.resolve("prodsupport.yml"),
                "jira:\n  baseUrl: " + sim.baseUrl() + "\n  email: "
                        + site.site().bot().email()
                        + "\n  apiToken: file:" + token + "\n"
                        + "webhook:\n  allowUnsigned: true\n"
                        + "incidents:\n  projects: [OPS, WEB]\n  issueTypes: [Incident]\n"
                        + "followUps:\n  project: SUP\n");
    }

    @AfterAll
    static void close() {
        site.close();
    }

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of("report", "--config", config.toString()));
        all.addAll(List.of(args));
        return cli.execute(all.toArray(String[]::new));
    }

    @Test
    void json_has_the_issues_field_names_and_figures_per_configured_project() throws IOException {
        assertThat(run("--from", "2026-11-01", "--to", "2026-11-15")).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        assertThat(names)
                .containsExactly(
                        "from",
                        "to",
                        "incidents",
                        "resolved",
                        "timeToResolve",
                        "timeToRootCause",
                        "followUps",
                        "byWeek",
                        "recurringCauses",
                        "projects");
        assertThat(json.path("incidents").asInt()).isEqualTo(2);
        assertThat(json.path("timeToResolve").toString())
                .isEqualTo("{\"p50Seconds\":10800,\"p90Seconds\":86400,\"count\":2}");
        assertThat(json.path("timeToRootCause").toString())
                .isEqualTo("{\"p50Seconds\":0,\"p90Seconds\":3600,\"count\":2}");
        assertThat(json.path("followUps").toString()).isEqualTo("{\"created\":0,\"done\":0}");
        assertThat(json.path("byWeek").toString())
                .isEqualTo("[{\"week\":\"2026-W44\",\"opened\":0,\"resolved\":0},"
                        + "{\"week\":\"2026-W45\",\"opened\":2,\"resolved\":2},"
                        + "{\"week\":\"2026-W46\",\"opened\":0,\"resolved\":0}]");
        assertThat(json.path("recurringCauses").toString())
                .isEqualTo("[{\"term\":\"stuck consumer\",\"incidents\":[\"OPS-1\",\"WEB-1\"]}]");
        assertThat(json.at("/projects/OPS/incidents").asInt()).isEqualTo(1);
        assertThat(json.at("/projects/WEB/timeToResolve/p50Seconds").asLong()).isEqualTo(86_400);
        assertThat(json.at("/projects/WEB/recurringCauses").size()).isZero();
    }

    @Test
    void csv_is_one_row_per_number() {
        assertThat(run("--from", "2026-11-01", "--to", "2026-11-15", "--format", "csv"))
                .isZero();
        assertThat(out.toString())
                .startsWith("project,figure,key,value\nall,incidents,,2\nall,resolved,,2\n")
                .contains("all,timeToResolve.p50Seconds,,10800\n")
                .contains("all,byWeek.opened,2026-W45,2\n")
                .contains("all,recurringCauses,stuck consumer,OPS-1 WEB-1\n")
                .contains("WEB,timeToResolve.count,,1\n");
    }

    @Test
    void html_is_one_self_contained_file_with_links_into_jira() throws IOException {
        Path page = dir.resolve("report.html");
        assertThat(run("--from", "2026-11-01", "--to", "2026-11-15", "--format", "html", "--out", page.toString()))
                .isZero();
        String html = Files.readString(page);
        assertThat(html)
                .contains("<canvas id=\"resolution-times\">")
                .contains("window.Chart=")
                .contains("href=\"" + site.sim().baseUrl() + "/browse/OPS-1\"")
                // the summary is escaped in the table, and as JSON only inside the data script
                .contains("Queue backs up &lt;fast&gt;")
                .doesNotContain("<script src")
                .doesNotContain("sourceMappingURL");
        assertThat(err.toString()).contains("wrote " + page);
    }

    @Test
    void a_bad_date_is_one_line_and_exit_2() {
        assertThat(run("--from", "2026-11-31", "--to", "2026-12-01")).isEqualTo(2);
        assertThat(err.toString().strip())
                .isEqualTo("prodsupport report: 'from' is not a date: '2026-11-31' (give it as YYYY-MM-DD, e.g."
                        + " 2026-11-01)");
        assertThat(out.toString()).isEmpty();
    }
}
