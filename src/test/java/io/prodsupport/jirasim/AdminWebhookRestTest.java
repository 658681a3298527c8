package io.prodsupport.jirasim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdminWebhookRestTest {
    private static final Duration IDLE = Duration.ofSeconds(10);
    private static final String PATH = "/rest/webhooks/1.0/webhook";

    private static String body(String url, String events, String jql, String extra) {
        return "{\"name\":\"prodsupport\",\"url\":\"" + url + "\",\"events\":[" + events + "],"
                + "\"filters\":{\"issue-related-events-section\":\"" + jql + "\"},\"excludeBody\":false" + extra + "}";
    }

    @Test
    void an_admin_registers_lists_updates_and_deletes_a_webhook_and_the_secret_is_never_shown() throws Exception {
        try (JiraSimulator sim = JiraSimulator.builder().start()) {
            SimSite site = SimSite.seed(sim);
            SimHttp admin = new SimHttp(sim, site.bot());

            SimHttp.Answer created = admin.post(
                    PATH,
                    body(
                            "https://ps.example.com/webhook/jira",
                            "\"jira:issue_created\"",
                            "project = OPS",
                            ",\"secret\":\"s3cret\""));
            assertThat(created.status()).isEqualTo(201);
            JsonNode hook = created.json();
            assertThat(hook.path("self").asText()).startsWith(sim.baseUrl() + PATH + "/");
            assertThat(hook.path("enabled").asBoolean()).isTrue();
            assertThat(hook.path("filters").path("issue-related-events-section").asText())
                    .isEqualTo("project = OPS");
            assertThat(hook.has("secret")).isFalse();
            String self = hook.path("self").asText().substring(sim.baseUrl().length());

            SimHttp.Answer list = admin.get(PATH);
            assertThat(list.status()).isEqualTo(200);
            assertThat(list.json().isArray()).isTrue();
            assertThat(list.json()).hasSize(1);
            assertThat(list.body()).doesNotContain("s3cret");

            SimHttp.Answer updated = admin.put(
                    self,
                    body(
                            "https://ps.example.com/webhook/jira",
                            "\"jira:issue_created\",\"comment_created\"",
                            "project = OPS",
                            ""));
            assertThat(updated.status()).isEqualTo(200);
            assertThat(updated.json().path("events")).hasSize(2);
            assertThat(sim.webhooks().registrations().get(0).secret())
                    .as("an update without a secret keeps the old one")
                    .isEqualTo("s3cret");

            assertThat(admin.get(self).json().path("events").get(1).asText()).isEqualTo("comment_created");
            assertThat(admin.delete(self).status()).isEqualTo(204);
            assertThat(admin.get(self).status()).isEqualTo(404);
            assertThat(admin.get(PATH).json()).isEmpty();
        }
    }

    @Test
    void only_jira_administrators_may_read_or_register_webhooks() throws Exception {
        try (JiraSimulator sim =
                JiraSimulator.builder().flavour(Flavour.DATA_CENTER).start()) {
            SimSite site = SimSite.seed(sim, false);
            SimHttp bot = new SimHttp(sim, site.bot());

            assertThat(bot.get(PATH).status()).isEqualTo(403);
            assertThat(bot.post(PATH, body("https://x.example.com/h", "", "", ""))
                            .status())
                    .isEqualTo(403);
        }
    }

    @Test
    void bad_webhooks_are_refused_with_the_field_named() throws Exception {
        try (JiraSimulator sim = JiraSimulator.builder().start()) {
            SimHttp admin = new SimHttp(sim, SimSite.seed(sim).bot());

            SimHttp.Answer noUrl = admin.post(PATH, body("not a url", "", "", ""));
            assertThat(noUrl.status()).isEqualTo(400);
            assertThat(noUrl.json().path("errors").has("url")).isTrue();
            SimHttp.Answer badJql = admin.post(PATH, body("https://x.example.com/h", "", "project = = OPS", ""));
            assertThat(badJql.status()).isEqualTo(400);
            assertThat(badJql.json().path("errors").has("issue-related-events-section"))
                    .isTrue();
        }
    }

    @Test
    void deliveries_honour_the_events_the_jql_filter_the_secret_and_excluded_bodies() throws Exception {
        try (JiraSimulator sim = JiraSimulator.builder().start();
                RecordingReceiver hook = new RecordingReceiver();
                RecordingReceiver bare = new RecordingReceiver()) {
            SimSite site = SimSite.seed(sim);
            SimHttp admin = new SimHttp(sim, site.bot());
            admin.post(
                    PATH,
                    body(
                            hook.url(),
                            "\"jira:issue_created\",\"comment_created\"",
                            "project = OPS",
                            ",\"secret\":\"s3cret\""));
            admin.post(
                    PATH,
                    "{\"name\":\"bare\",\"url\":\"" + bare.url()
                            + "\",\"events\":[\"jira:issue_created\"],\"excludeBody\":true}");
            admin.post(
                    PATH,
                    "{\"name\":\"off\",\"url\":\"" + bare.url()
                            + "\",\"events\":[\"jira:issue_created\"],\"enabled\":false}");

            String ops = sim.createIssue("OPS", "Incident", "Down", "d", site.carol());
            sim.createIssue("SUP", "Task", "Not an incident", "d", site.carol());
            sim.editDescription(ops, "not subscribed", site.carol());
            sim.addComment(ops, "a comment", site.carol());
            sim.webhooks().awaitIdle(IDLE);

            List<RecordingReceiver.Received> got = hook.received();
            assertThat(got)
                    .as("OPS only, and only the subscribed events")
                    .extracting(r -> r.body().replaceAll(".*\"webhookEvent\":\"([^\"]+)\".*", "$1"))
                    .containsExactly("jira:issue_created", "comment_created");
            for (RecordingReceiver.Received r : got) {
                assertThat(r.header("X-Hub-Signature"))
                        .isEqualTo(WebhookSignature.sign("s3cret", r.body().getBytes(StandardCharsets.UTF_8)));
            }
            assertThat(bare.received())
                    .as("both issues, no body, the disabled webhook silent")
                    .hasSize(2);
            assertThat(bare.received()).allSatisfy(r -> assertThat(r.body()).isEmpty());
        }
    }

    @Test
    void data_center_signs_from_jira_10_on_and_ignores_a_secret_before() throws Exception {
        for (String version : List.of("9.12.15", "10.3.1")) {
            try (JiraSimulator sim = JiraSimulator.builder()
                            .flavour(Flavour.DATA_CENTER)
                            .dataCenterVersion(version)
                            .start();
                    RecordingReceiver hook = new RecordingReceiver()) {
                SimSite site = SimSite.seed(sim);
                new SimHttp(sim, site.bot())
                        .post(PATH, body(hook.url(), "\"jira:issue_created\"", "", ",\"secret\":\"s3cret\""));
                sim.createIssue("OPS", "Incident", "Down", "d", site.carol());
                sim.webhooks().awaitIdle(IDLE);

                assertThat(hook.received()).hasSize(1);
                assertThat(hook.received().get(0).header("X-Hub-Signature"))
                        .as(version)
                        .isEqualTo(
                                version.startsWith("10")
                                        ? WebhookSignature.sign(
                                                "s3cret",
                                                hook.received().get(0).body().getBytes(StandardCharsets.UTF_8))
                                        : null);
            }
        }
    }
}
