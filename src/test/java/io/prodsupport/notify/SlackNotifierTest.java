package io.prodsupport.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SlackNotifierTest {

    static final IncidentNotice NOTICE = new IncidentNotice(
            "OPS-12",
            "Checkout is down",
            "https://jira.example/browse/OPS-12",
            "OPS",
            "Highest",
            "Ann Reporter",
            "Bob On-Duty");

    private final OkHttpClient http = new OkHttpClient();
    private ChatWebhookServer slack;
    private SlackNotifier notifier;

    @BeforeEach
    void start() throws Exception {
        slack = new ChatWebhookServer();
        notifier = new SlackNotifier(slack.webhookUrl(), http, ChatWebhookServer.QUICK);
    }

    @AfterEach
    void stop() {
        slack.close();
    }

    @Test
    void posts_json_with_a_linked_key_the_summary_and_a_context_line() throws Exception {
        slack.answers(200, "ok");

        notifier.announce(NOTICE);

        RecordedRequest request = slack.takeRequest();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getUrl().encodedPath()).isEqualTo(ChatWebhookServer.SECRET_PATH);
        assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
        JsonNode body = new ObjectMapper().readTree(request.getBody().utf8());
        assertThat(body.path("text").asText()).isEqualTo("New incident OPS-12: Checkout is down");
        JsonNode section = body.path("blocks").get(0);
        assertThat(section.path("type").asText()).isEqualTo("section");
        assertThat(section.path("text").path("type").asText()).isEqualTo("mrkdwn");
        assertThat(section.path("text").path("text").asText())
                .isEqualTo("<https://jira.example/browse/OPS-12|OPS-12>: Checkout is down");
        JsonNode context = body.path("blocks").get(1);
        assertThat(context.path("type").asText()).isEqualTo("context");
        assertThat(texts(context.path("elements")))
                .containsExactly("Priority: Highest", "Reporter: Ann Reporter", "On duty: Bob On-Duty");
    }

    @Test
    void escapes_ampersands_and_angle_brackets_so_a_summary_cannot_ping_the_channel_or_add_links() throws Exception {
        slack.answers(200, "ok");

        notifier.announce(new IncidentNotice(
                "OPS-13",
                "<!channel> R&D <http://evil|click>",
                "https://jira.example/browse/OPS-13",
                "OPS",
                null,
                "Ann",
                null));

        JsonNode body = slack.takeJson();
        assertThat(body.path("blocks").get(0).path("text").path("text").asText())
                .isEqualTo("<https://jira.example/browse/OPS-13|OPS-13>: "
                        + "&lt;!channel&gt; R&amp;D &lt;http://evil|click&gt;");
        assertThat(body.path("text").asText()).doesNotContain("<!channel>");
    }

    @Test
    void says_nobody_is_on_duty_and_leaves_out_a_missing_priority() throws Exception {
        slack.answers(200, "ok");

        notifier.announce(
                new IncidentNotice("OPS-14", "Slow", "https://jira.example/browse/OPS-14", "OPS", null, "Ann", null));

        assertThat(texts(slack.takeJson().path("blocks").get(1).path("elements")))
                .containsExactly("Reporter: Ann", "On duty: nobody");
    }

    @Test
    void a_404_no_service_fails_at_once_naming_the_channel_but_not_the_webhook_url() {
        slack.answers(404, "no_service");

        assertThatThrownBy(() -> notifier.announce(NOTICE))
                .isInstanceOf(NotifyException.class)
                .hasMessageStartingWith("slack: ")
                .hasMessageContaining("404")
                .hasMessageContaining("no_service")
                .satisfies(
                        e -> assertThat(e.getMessage()).doesNotContain("s3cr3t").doesNotContain("/services/"));
        assertThat(slack.requestCount()).isEqualTo(1);
    }

    @Test
    void a_403_invalid_token_fails_at_once_without_retrying() {
        slack.answers(403, "invalid_token");

        assertThatThrownBy(() -> notifier.announce(NOTICE))
                .isInstanceOf(NotifyException.class)
                .satisfies(e -> assertThat(((NotifyException) e).channel()).isEqualTo("slack"))
                .hasMessageContaining("403 (invalid_token)")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(slack.webhookUrl()));
        assertThat(slack.requestCount()).isEqualTo(1);
    }

    @Test
    void an_error_page_that_quotes_the_webhook_path_is_scrubbed_from_the_message() {
        slack.answers(400, "Cannot POST " + ChatWebhookServer.SECRET_PATH);

        assertThatThrownBy(() -> notifier.announce(NOTICE))
                .hasMessageContaining("Cannot POST ****")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t"));
    }

    @Test
    void a_500_then_200_is_retried_once_and_succeeds() {
        slack.answers(500, "rollup_error").answers(200, "ok");

        notifier.announce(NOTICE);

        assertThat(slack.requestCount()).isEqualTo(2);
    }

    @Test
    void a_dropped_connection_is_retried() {
        slack.dropsTheConnection().answers(200, "ok");

        notifier.announce(NOTICE);

        assertThat(slack.requestCount()).isEqualTo(2);
    }

    @Test
    void a_429_is_retried_after_the_seconds_slack_asks_for() {
        slack.answersTooManyRequests("0").answers(200, "ok");

        notifier.announce(NOTICE);

        assertThat(slack.requestCount()).isEqualTo(2);
    }

    @Test
    void a_429_asking_for_longer_than_the_budget_gives_up_without_waiting() {
        slack.answersTooManyRequests("3600");

        assertThatThrownBy(() -> notifier.announce(NOTICE))
                .isInstanceOf(NotifyException.class)
                .hasMessageContaining("429")
                .hasMessageContaining("budget");
        assertThat(slack.requestCount()).isEqualTo(1);
    }

    @Test
    void a_server_that_keeps_failing_is_given_up_on_after_the_budgeted_attempts() {
        slack.answers(503, "").answers(503, "").answers(503, "").answers(200, "ok");

        assertThatThrownBy(() -> notifier.announce(NOTICE))
                .isInstanceOf(NotifyException.class)
                .hasMessage("slack: answered HTTP 503, 3 attempts");
        assertThat(slack.requestCount()).isEqualTo(3);
    }

    @Test
    void a_malformed_webhook_url_is_refused_at_construction_without_quoting_it() {
        assertThatThrownBy(() -> new SlackNotifier("hooks.slack.com/services/T/B/s3cr3t", http))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("slack: ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t"));
    }

    @Test
    void the_shared_clients_interceptors_never_reach_a_chat_webhook() throws Exception {
        // The instance's shared client may carry Jira's authentication; a webhook must not receive it.
        OkHttpClient jiraLike = http.newBuilder()
                .addInterceptor(chain -> chain.proceed(chain.request()
                        .newBuilder()
                        .header("Authorization", "Basic amlyYTpzZWNyZXQ=")
                        .build()))
                .build();
        slack.answers(200, "ok");

        new SlackNotifier(slack.webhookUrl(), jiraLike).announce(NOTICE);

        assertThat(slack.takeRequest().getHeaders().get("Authorization")).isNull();
    }

    private static List<String> texts(JsonNode elements) {
        List<String> texts = new ArrayList<>();
        elements.forEach(e -> {
            assertThat(e.path("type").asText()).isEqualTo("plain_text");
            texts.add(e.path("text").asText());
        });
        return texts;
    }

    @Test
    void a_progress_line_is_escaped_so_a_summary_or_a_status_cannot_ping_the_channel() throws Exception {
        IncidentNotice noisy = new IncidentNotice(
                "OPS-12", "Checkout <!channel> down", "https://jira.example/browse/OPS-12", "OPS", null, null, null);

        ObjectNode message = SlackNotifier.progressMessage(ChannelMessage.progress(
                "progress:OPS-12:1",
                noisy,
                List.of(new ChannelMessage.Change(ChannelMessage.STATUS, "To Do", "<!here>")),
                List.of()));

        assertThat(message.path("text").asText())
                .isEqualTo("OPS-12 Checkout &lt;!channel&gt; down: status To Do → &lt;!here&gt;");
        assertThat(message.path("blocks").get(0).path("text").path("text").asText())
                .isEqualTo("<https://jira.example/browse/OPS-12|OPS-12> Checkout &lt;!channel&gt; down:"
                        + " status To Do → &lt;!here&gt;");
        assertThat(message.path("blocks"))
                .as("no root cause section without one")
                .hasSize(2);
        assertThat(message.path("blocks")
                        .get(1)
                        .path("elements")
                        .get(0)
                        .path("text")
                        .asText())
                .isEqualTo("Owner: nobody");
    }
}
