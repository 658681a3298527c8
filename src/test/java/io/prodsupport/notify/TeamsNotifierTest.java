package io.prodsupport.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TeamsNotifierTest {

    private final OkHttpClient http = new OkHttpClient();
    private ChatWebhookServer teams;
    private TeamsNotifier notifier;

    @BeforeEach
    void start() throws Exception {
        teams = new ChatWebhookServer();
        notifier = new TeamsNotifier(teams.webhookUrl(), http, ChatWebhookServer.QUICK);
    }

    @AfterEach
    void stop() {
        teams.close();
    }

    @Test
    void posts_an_adaptive_card_message_with_a_button_that_opens_the_ticket() throws Exception {
        // A Workflows webhook answers 202 Accepted; the legacy incoming webhook 200.
        teams.answers(202, "");

        notifier.announce(SlackNotifierTest.NOTICE);

        RecordedRequest request = teams.takeRequest();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
        JsonNode message = new ObjectMapper().readTree(request.getBody().utf8());
        assertThat(message.path("type").asText()).isEqualTo("message");
        assertThat(message.path("attachments")).hasSize(1);
        JsonNode attachment = message.path("attachments").get(0);
        assertThat(attachment.path("contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
        JsonNode card = attachment.path("content");
        assertThat(card.path("type").asText()).isEqualTo("AdaptiveCard");
        assertThat(card.path("version").asText()).isEqualTo("1.4");
        assertThat(card.path("body").get(0).path("type").asText()).isEqualTo("TextBlock");
        assertThat(card.path("body").get(0).path("text").asText()).isEqualTo("New incident");
        assertThat(lines(card))
                .containsExactly(
                        "OPS-12: Checkout is down",
                        "Priority: Highest",
                        "Reporter: Ann Reporter",
                        "On duty: Bob On-Duty");
        JsonNode action = card.path("actions").get(0);
        assertThat(action.path("type").asText()).isEqualTo("Action.OpenUrl");
        assertThat(action.path("title").asText()).isEqualTo("Open OPS-12");
        assertThat(action.path("url").asText()).isEqualTo("https://jira.example/browse/OPS-12");
    }

    @Test
    void puts_peoples_text_only_in_text_runs_where_markdown_links_stay_plain_text() throws Exception {
        teams.answers(200, "1");
        String summary = "**Urgent** [click me](http://evil.example) <b>";

        notifier.announce(new IncidentNotice(
                "OPS-13",
                summary,
                "https://jira.example/browse/OPS-13",
                "OPS",
                "High",
                "[x](http://evil.example)",
                null));

        JsonNode card = teams.takeJson().path("attachments").get(0).path("content");
        assertThat(lines(card))
                .containsExactly(
                        "OPS-13: " + summary,
                        "Priority: High",
                        "Reporter: [x](http://evil.example)",
                        "On duty: nobody");
        card.path("body").forEach(element -> {
            if (element.path("type").asText().equals("TextBlock")) {
                assertThat(element.path("text").asText()).doesNotContain("evil");
            }
        });
    }

    @Test
    void a_404_fails_at_once_naming_the_channel_but_not_the_webhook_url() {
        teams.answers(404, "{\"error\":{\"code\":\"WorkflowNotFound\"}}");

        assertThatThrownBy(() -> notifier.announce(SlackNotifierTest.NOTICE))
                .isInstanceOf(NotifyException.class)
                .hasMessageStartingWith("teams: answered HTTP 404")
                .hasMessageContaining("WorkflowNotFound")
                .satisfies(
                        e -> assertThat(e.getMessage()).doesNotContain("s3cr3t").doesNotContain(teams.webhookUrl()));
        assertThat(teams.requestCount()).isEqualTo(1);
    }

    @Test
    void a_403_fails_at_once_without_retrying() {
        teams.answers(403, "");

        assertThatThrownBy(() -> notifier.announce(SlackNotifierTest.NOTICE))
                .isInstanceOf(NotifyException.class)
                .hasMessage("teams: answered HTTP 403");
        assertThat(teams.requestCount()).isEqualTo(1);
    }

    @Test
    void a_500_then_202_is_retried_once_and_succeeds() {
        teams.answers(500, "").answers(202, "");

        notifier.announce(SlackNotifierTest.NOTICE);

        assertThat(teams.requestCount()).isEqualTo(2);
    }

    @Test
    void a_dropped_connection_is_retried() {
        teams.dropsTheConnection().answers(202, "");

        notifier.announce(SlackNotifierTest.NOTICE);

        assertThat(teams.requestCount()).isEqualTo(2);
    }

    @Test
    void a_webhook_that_cannot_be_reached_fails_naming_the_channel_but_not_the_url() {
        var unreachable = teams.webhookUrl();
        teams.close();
        TeamsNotifier toNowhere = new TeamsNotifier(unreachable, http, ChatWebhookServer.QUICK);

        assertThatThrownBy(() -> toNowhere.announce(SlackNotifierTest.NOTICE))
                .isInstanceOf(NotifyException.class)
                .hasMessageStartingWith("teams: could not be reached (")
                .hasMessageEndingWith(", 3 attempts")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t"));
    }

    /** Each RichTextBlock's runs joined: the lines a person sees. */
    private static List<String> lines(JsonNode card) {
        List<String> lines = new ArrayList<>();
        card.path("body").forEach(element -> {
            if (element.path("type").asText().equals("RichTextBlock")) {
                StringBuilder line = new StringBuilder();
                element.path("inlines").forEach(run -> {
                    assertThat(run.path("type").asText()).isEqualTo("TextRun");
                    line.append(run.path("text").asText());
                });
                lines.add(line.toString());
            }
        });
        return lines;
    }

    @Test
    void posts_a_resolution_as_a_card_with_the_change_the_root_cause_and_the_button() throws Exception {
        teams.answers(202, "");

        notifier.progress(ChannelMessage.progress(
                "progress:OPS-12:3",
                SlackNotifierTest.NOTICE,
                List.of(
                        new ChannelMessage.Change(ChannelMessage.STATUS, "In Progress", "Done"),
                        new ChannelMessage.Change(ChannelMessage.RESOLUTION, null, "Fixed")),
                List.of("The 4.2 deploy halved the pool", "It was sized for 4 cores")));

        JsonNode card = new ObjectMapper()
                .readTree(teams.takeRequest().getBody().utf8())
                .path("attachments")
                .get(0)
                .path("content");
        assertThat(card.path("body").get(0).path("text").asText()).isEqualTo("Incident resolved");
        assertThat(lines(card))
                .containsExactly(
                        "OPS-12 Checkout is down: status In Progress → Done; resolved (Fixed)",
                        "Root cause: The 4.2 deploy halved the pool\nIt was sized for 4 cores",
                        "Priority: Highest",
                        "Owner: Bob On-Duty");
        assertThat(card.path("actions").get(0).path("url").asText()).isEqualTo("https://jira.example/browse/OPS-12");
    }
}
