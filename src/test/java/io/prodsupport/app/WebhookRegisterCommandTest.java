package io.prodsupport.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.prodsupport.check.WebhookSetup;
import io.prodsupport.jirasim.Flavour;
import io.prodsupport.jirasim.JiraSimulator;
import io.prodsupport.jirasim.SimSite;
import io.prodsupport.jirasim.Webhooks;
import io.prodsupport.testing.SimulatedService;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class WebhookRegisterCommandTest {

    private static final String PUBLIC_URL = "https://prodsupport.example.com/webhook/jira";
    private static final String SCOPE_JQL = "project in (\"OPS\") AND issuetype in (\"Incident\")";

    @TempDir
    Path dir;

    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    /** The simulated service's config, with {@code webhook.publicUrl} when given. */
    static Path config(SimSite site, Path dir, String publicUrl) throws IOException {
        Path config = SimulatedService.config(site, dir, SimulatedService.freePort(), "");
        if (publicUrl != null) {
            Files.writeString(
                    config,
                    Files.readString(config).replace("webhook:\n", "webhook:\n  publicUrl: " + publicUrl + "\n"));
        }
        return config;
    }

    @Test
    void webhook_alone_shows_its_subcommands_and_exits_2() {
        assertThat(run("webhook")).isEqualTo(2);
        assertThat(err.toString()).contains("Usage: prodsupport webhook").contains("register");
    }

    @Test
    void dry_run_prints_the_json_and_calls_nothing() throws Exception {
        try (JiraSimulator sim = JiraSimulator.builder().start()) {
            Path config = config(SimSite.seed(sim), dir, PUBLIC_URL);

            assertThat(run("webhook", "register", "--dry-run", "--config", config.toString()))
                    .isZero();

            JsonNode body = new ObjectMapper().readTree(out.toString());
            assertThat(body.path("url").asText()).isEqualTo(PUBLIC_URL);
            assertThat(body.path("name").asText()).isEqualTo("prodsupport");
            assertThat(body.path("filters").path("issue-related-events-section").asText())
                    .isEqualTo(SCOPE_JQL);
            assertThat(body.path("events").toString()).contains("jira:issue_created", "comment_created");
            assertThat(out.toString()).doesNotContain(SimulatedService.WEBHOOK_SECRET);
            assertThat(err.toString()).contains("dry run: nothing sent");
            assertThat(sim.calls().total()).isZero();
        }
    }

    @Test
    void on_cloud_it_creates_the_webhook_with_the_secret_and_a_second_run_changes_nothing() throws Exception {
        try (JiraSimulator sim = JiraSimulator.builder().start()) {
            Path config = config(SimSite.seed(sim), dir, PUBLIC_URL);

            assertThat(run("webhook", "register", "--config", config.toString()))
                    .isZero();
            assertThat(out.toString())
                    .startsWith("✓ created webhook \"prodsupport\"")
                    .contains(PUBLIC_URL)
                    .contains("secret: the first of webhook.secrets")
                    .doesNotContain(SimulatedService.WEBHOOK_SECRET);
            Webhooks.Registration hook = sim.webhooks().registrations().get(0);
            assertThat(hook.url()).isEqualTo(PUBLIC_URL);
            assertThat(hook.secret()).isEqualTo(SimulatedService.WEBHOOK_SECRET);
            assertThat(hook.events()).containsExactlyElementsOf(WebhookSetup.EVENTS);
            assertThat(hook.jql()).isEqualTo(SCOPE_JQL);

            assertThat(run("webhook", "register", "--config", config.toString()))
                    .isZero();
            assertThat(out.toString()).startsWith("✓ webhook \"prodsupport\" was already right");
            assertThat(sim.webhooks().registrations()).hasSize(1);
        }
    }

    @Test
    void a_webhook_set_up_by_hand_for_the_same_url_is_corrected_not_duplicated() throws Exception {
        try (JiraSimulator sim = JiraSimulator.builder().start()) {
            SimSite site = SimSite.seed(sim);
            Path config = config(site, dir, PUBLIC_URL);
            sim.webhooks().register(PUBLIC_URL, "old");
            // by hand: a narrower filter and one event
            String self = sim.baseUrl() + "/rest/webhooks/1.0/webhook/"
                    + sim.webhooks().registrations().get(0).id();

            assertThat(run("webhook", "register", "--config", config.toString()))
                    .isZero();

            assertThat(out.toString()).startsWith("✓ updated webhook \"prodsupport\" (" + self + ")");
            assertThat(sim.webhooks().registrations()).singleElement().satisfies(h -> {
                assertThat(h.name()).isEqualTo("prodsupport");
                assertThat(h.jql()).isEqualTo(SCOPE_JQL);
                assertThat(h.secret()).isEqualTo(SimulatedService.WEBHOOK_SECRET);
                assertThat(h.events()).containsAll(WebhookSetup.EVENTS).contains("comment_deleted");
            });
        }
    }

    @Test
    void data_center_before_10_takes_no_secret_over_rest_so_it_says_where_to_set_it() throws Exception {
        try (JiraSimulator sim =
                JiraSimulator.builder().flavour(Flavour.DATA_CENTER).start()) {
            Path config = config(SimSite.seed(sim), dir, PUBLIC_URL);

            assertThat(run("webhook", "register", "--config", config.toString()))
                    .isZero();

            assertThat(out.toString())
                    .contains("✓ created webhook")
                    .doesNotContain("secret: the first")
                    .contains("! Jira's REST API takes no secret here: set the secret by hand in Jira:"
                            + " Administration → System → Advanced → WebHooks → prodsupport → Secret");
            assertThat(sim.webhooks().registrations().get(0).secret()).isNull();
        }
    }

    @Test
    void data_center_10_gets_the_secret() throws Exception {
        try (JiraSimulator sim = JiraSimulator.builder()
                .flavour(Flavour.DATA_CENTER)
                .dataCenterVersion("10.3.1")
                .start()) {
            Path config = config(SimSite.seed(sim), dir, PUBLIC_URL);

            assertThat(run("webhook", "register", "--config", config.toString()))
                    .isZero();

            assertThat(sim.webhooks().registrations().get(0).secret()).isEqualTo(SimulatedService.WEBHOOK_SECRET);
        }
    }

    @Test
    void clear_errors_no_public_url_not_an_administrator_jira_down() throws Exception {
        try (JiraSimulator sim = JiraSimulator.builder().start()) {
            SimSite site = SimSite.seed(sim, false);

            assertThat(run(
                            "webhook",
                            "register",
                            "--config",
                            config(site, dir, null).toString()))
                    .isEqualTo(2);
            assertThat(err.toString().strip())
                    .isEqualTo("prodsupport: webhook.publicUrl is not set: give the URL"
                            + " Jira must call, e.g. https://prodsupport.example.com/webhook/jira");

            Path config = config(site, dir, PUBLIC_URL);
            assertThat(run("webhook", "register", "--config", config.toString()))
                    .isEqualTo(1);
            assertThat(err.toString())
                    .startsWith("prodsupport: Jira refused (403): registering a webhook needs a Jira administrator");
            assertThat(sim.webhooks().registrations()).isEmpty();
            sim.close();

            assertThat(run("webhook", "register", "--config", config.toString()))
                    .isEqualTo(1);
            assertThat(err.toString()).startsWith("prodsupport: Jira not reachable at " + sim.baseUrl());
            assertThat(List.of(err.toString().strip().split("\n"))).hasSize(1);
        }
    }
}
