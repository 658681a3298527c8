package io.prodsupport.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prodsupport.inbox.Inbox;
import io.prodsupport.inbox.StoredEvent;
import io.prodsupport.store.Stores;
import io.prodsupport.testing.TestData;
import io.prodsupport.webhook.JiraEvent.EventUser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** POST /webhook/jira over real HTTP, into a real SQLite inbox. */
class WebhookIntakeTest {

    private static final String SECRET = "It's a Secret to Everybody";
    private static final String OFFICIAL_SIGNATURE =
            "sha256=a4771c39fbe90f317c7824e83ddef3caae9cb3d976c214ace1f2937e133263c9";
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final byte[] ISSUE_CREATED =
            TestData.bytes("webhook-payloads/mattermost-plugin-jira/webhook-issue-created.json");
    private static final EventUser CLOUD_ACTOR_OF_ISSUE_CREATED = new EventUser(
            Optional.of("5c5f880629be9642ba529340"), Optional.empty(), Optional.empty(), Optional.empty());

    @TempDir
    Path dir;

    private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final OkHttpClient http =
            new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(20)).build();
    private Inbox inbox;
    private ServiceHttpServer server;

    @BeforeEach
    void openInbox() {
        inbox = Stores.open("jdbc:sqlite:" + dir.resolve("inbox.db"), null, null);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        inbox.close();
    }

    private void serve(List<String> secrets, boolean allowUnsigned, Optional<EventUser> self) {
        WebhookIntake intake = new WebhookIntake(
                inbox, new JiraEventParser(new ObjectMapper()), secrets, allowUnsigned, self, metrics);
        server = new ServiceHttpServer("127.0.0.1", 0, metrics, () -> Map.of("status", "UP"), intake).start();
    }

    private void serveSigned() {
        serve(
                List.of(SECRET),
                false,
                Optional.of(new EventUser(
                        Optional.of("prodsupport-bot"), Optional.empty(), Optional.empty(), Optional.empty())));
    }

    private Request.Builder post(RequestBody body) {
        return new Request.Builder()
                .url("http://127.0.0.1:" + server.port() + WebhookIntake.PATH)
                .post(body);
    }

    private Request.Builder signed(byte[] body, String deliveryId) {
        return post(RequestBody.create(body, JSON))
                .header("X-Hub-Signature", WebhookSignature.sign(SECRET, body))
                .header("X-Atlassian-Webhook-Identifier", deliveryId);
    }

    private Answer send(Request.Builder request) throws IOException {
        try (Response r = http.newCall(request.build()).execute()) {
            return new Answer(r.code(), r.body().string());
        }
    }

    private Answer get(String path) throws IOException {
        try (Response r = http.newCall(new Request.Builder()
                        .url("http://127.0.0.1:" + server.port() + path)
                        .build())
                .execute()) {
            return new Answer(r.code(), r.body().string());
        }
    }

    private record Answer(int status, String body) {}

    private double counted(String name, String reason) {
        return reason == null
                ? metrics.get(name).counter().count()
                : metrics.get(name).tag("reason", reason).counter().count();
    }

    @Test
    void a_signed_jira_event_is_committed_to_the_inbox_before_the_202() throws IOException {
        serveSigned();

        Answer answer = send(signed(ISSUE_CREATED, "d-1"));

        assertThat(answer.status()).isEqualTo(202);
        StoredEvent stored = inbox.claim("test", Instant.now().plusSeconds(1), Duration.ofMinutes(1), 10)
                .get(0);
        assertThat(stored.deliveryId()).isEqualTo("d-1");
        assertThat(stored.orderingKey()).isEqualTo("TES-41");
        assertThat(stored.webhookEvent()).isEqualTo("jira:issue_created");
        assertThat(stored.body()).isEqualTo(ISSUE_CREATED);
        assertThat(counted("prodsupport.webhook.accepted", null)).isEqualTo(1);
    }

    @Test
    void atlassians_published_signature_passes_and_only_then_is_the_body_judged() throws IOException {
        serveSigned();

        Answer answer = send(post(RequestBody.create("Hello World!".getBytes(StandardCharsets.UTF_8), JSON))
                .header("X-Hub-Signature", OFFICIAL_SIGNATURE));

        assertThat(answer).isEqualTo(new Answer(400, "body is not JSON"));
    }

    @Test
    void a_delivery_signed_with_the_second_secret_during_a_rotation_is_accepted() throws IOException {
        serve(List.of("the new secret", SECRET), false, Optional.empty());

        assertThat(send(signed(ISSUE_CREATED, "d-1")).status()).isEqualTo(202);
    }

    @Test
    void an_unsigned_delivery_is_refused_when_a_secret_is_configured_and_nothing_is_stored() throws IOException {
        serve(List.of(SECRET), true, Optional.empty());

        Answer answer = send(post(RequestBody.create(ISSUE_CREATED, JSON)));

        assertThat(answer).isEqualTo(new Answer(401, "X-Hub-Signature is missing"));
        assertThat(inbox.depth()).isZero();
        assertThat(counted("prodsupport.webhook.rejected", "signature")).isEqualTo(1);
    }

    @Test
    void a_wrong_signature_is_refused_and_nothing_is_stored() throws IOException {
        serveSigned();

        Answer answer = send(post(RequestBody.create(ISSUE_CREATED, JSON))
                .header("X-Hub-Signature", WebhookSignature.sign("a guess", ISSUE_CREATED)));

        assertThat(answer).isEqualTo(new Answer(401, "X-Hub-Signature does not match the body"));
        assertThat(inbox.depth()).isZero();
    }

    @Test
    void unsigned_deliveries_are_stored_when_explicitly_allowed_and_no_secret_exists() throws IOException {
        serve(List.of(), true, Optional.empty());

        assertThat(send(post(RequestBody.create(ISSUE_CREATED, JSON))).status()).isEqualTo(202);
        assertThat(inbox.depth()).isEqualTo(1);
    }

    @Test
    void an_intake_without_secrets_must_be_told_that_unsigned_is_allowed() {
        assertThatThrownBy(() -> new WebhookIntake(
                        inbox, new JiraEventParser(new ObjectMapper()), List.of(), false, Optional.empty(), metrics))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("webhook.allowUnsigned");
    }

    @Test
    void a_declared_length_over_one_mebibyte_is_refused_before_the_body_is_read() throws IOException {
        serveSigned();
        byte[] big = new byte[WebhookIntake.MAX_BODY_BYTES + 1];

        Answer answer = send(signed(big, "d-big"));

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.body()).contains("1048577 bytes");
        assertThat(counted("prodsupport.webhook.rejected", "too_large")).isEqualTo(1);
    }

    @Test
    void a_chunked_body_is_cut_off_at_one_mebibyte() throws IOException {
        serveSigned();
        RequestBody endless = new RequestBody() {
            @Override
            public MediaType contentType() {
                return JSON;
            }

            @Override
            public long contentLength() {
                return -1;
            }

            @Override
            public void writeTo(BufferedSink sink) throws IOException {
                byte[] chunk = new byte[64 * 1024];
                for (int i = 0; i < 24; i++) {
                    sink.write(chunk);
                }
            }
        };

        Answer answer = send(post(endless).header("X-Hub-Signature", "sha256=00"));

        assertThat(answer).isEqualTo(new Answer(413, "body is over the limit of 1048576 bytes"));
        assertThat(inbox.depth()).isZero();
    }

    @Test
    void a_body_that_is_not_json_is_a_400_with_one_line() throws IOException {
        serveSigned();

        Answer answer = send(signed("{\"webhookEvent\": secret-token-here".getBytes(StandardCharsets.UTF_8), "d-1"));

        assertThat(answer).isEqualTo(new Answer(400, "body is not JSON"));
        assertThat(counted("prodsupport.webhook.rejected", "malformed")).isEqualTo(1);
    }

    @Test
    void json_that_is_not_a_jira_event_is_a_400_naming_what_is_missing() throws IOException {
        serveSigned();

        Answer answer = send(signed("{\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8), "d-1"));

        assertThat(answer).isEqualTo(new Answer(400, "not a Jira event: no \"webhookEvent\""));
        assertThat(inbox.depth()).isZero();
    }

    @Test
    void a_body_that_is_not_declared_as_json_is_a_415() throws IOException {
        serveSigned();

        Answer answer = send(post(RequestBody.create(ISSUE_CREATED, MediaType.get("text/plain")))
                .header("X-Hub-Signature", WebhookSignature.sign(SECRET, ISSUE_CREATED)));

        assertThat(answer).isEqualTo(new Answer(415, "Content-Type must be application/json"));
        assertThat(inbox.depth()).isZero();
    }

    @Test
    void a_repeated_delivery_id_is_a_200_and_stored_once() throws IOException {
        serveSigned();

        assertThat(send(signed(ISSUE_CREATED, "d-1")).status()).isEqualTo(202);
        assertThat(send(signed(ISSUE_CREATED, "d-1").header("X-Atlassian-Webhook-Retry", "1")))
                .isEqualTo(new Answer(200, "already stored"));

        assertThat(inbox.depth()).isEqualTo(1);
        assertThat(counted("prodsupport.webhook.deduplicated", null)).isEqualTo(1);
    }

    @Test
    void without_a_delivery_id_the_same_body_twice_is_one_delivery() throws IOException {
        serveSigned();
        Request.Builder noId = post(RequestBody.create(ISSUE_CREATED, JSON))
                .header("X-Hub-Signature", WebhookSignature.sign(SECRET, ISSUE_CREATED));

        assertThat(send(noId).status()).isEqualTo(202);
        assertThat(send(noId).status()).isEqualTo(200);
        assertThat(inbox.claim("test", Instant.now().plusSeconds(1), Duration.ofMinutes(1), 10))
                .singleElement()
                .extracting(StoredEvent::deliveryId)
                .asString()
                .startsWith("sha256:");
    }

    @Test
    void when_the_store_cannot_commit_jira_gets_a_503_to_retry_and_health_says_down() throws IOException {
        serveSigned();
        inbox.close();

        assertThat(send(signed(ISSUE_CREATED, "d-1")))
                .isEqualTo(new Answer(503, "cannot store the event now; retry later"));
        Answer health = get("/health");
        assertThat(health.status()).isEqualTo(503);
        assertThat(health.body()).contains("\"status\":\"DOWN\"");
    }

    @Test
    void health_reports_the_inbox_depth() throws IOException {
        serveSigned();
        send(signed(ISSUE_CREATED, "d-1"));

        Answer health = get("/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body()).contains("\"inbox\":{").contains("\"depth\":1");
    }

    @Test
    void an_event_caused_by_prodsupports_own_account_is_acknowledged_and_dropped() throws IOException {
        serve(List.of(SECRET), false, Optional.of(CLOUD_ACTOR_OF_ISSUE_CREATED));

        assertThat(send(signed(ISSUE_CREATED, "d-1")).status()).isEqualTo(200);
        assertThat(inbox.depth()).isZero();
        assertThat(counted("prodsupport.webhook.dropped", "own_account")).isEqualTo(1);
    }

    @Test
    void a_data_center_comment_by_prodsupport_is_dropped_by_its_author_since_it_has_no_user() throws IOException {
        serve(
                List.of(SECRET),
                false,
                Optional.of(
                        new EventUser(Optional.empty(), Optional.of("levbrouk"), Optional.empty(), Optional.empty())));

        byte[] comment = TestData.bytes("webhook-payloads/mattermost-plugin-jira/webhook-server-comment-created.json");
        assertThat(send(signed(comment, "d-1")).status()).isEqualTo(200);
        assertThat(inbox.depth()).isZero();
    }

    @Test
    void a_data_center_comment_by_someone_else_is_keyed_by_issue_id() throws IOException {
        serveSigned();

        byte[] comment = TestData.bytes("webhook-payloads/mattermost-plugin-jira/webhook-server-comment-created.json");
        assertThat(send(signed(comment, "d-1")).status()).isEqualTo(202);
        assertThat(inbox.claim("test", Instant.now().plusSeconds(1), Duration.ofMinutes(1), 10))
                .singleElement()
                .extracting(StoredEvent::orderingKey)
                .isEqualTo("id:10013");
    }

    @Test
    void no_body_whatever_its_shape_gets_a_500() throws IOException {
        serve(List.of(), true, Optional.empty());
        List<byte[]> nasty = List.of(
                new byte[0],
                "null".getBytes(StandardCharsets.UTF_8),
                "[".repeat(5_000).getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xc3, (byte) 0x28, '{'},
                "{\"webhookEvent\":{\"a\":1},\"timestamp\":\"yesterday\"}".getBytes(StandardCharsets.UTF_8),
                "{\"webhookEvent\":\"project_created\"}".getBytes(StandardCharsets.UTF_8),
                "1e999999999".getBytes(StandardCharsets.UTF_8));

        for (byte[] body : nasty) {
            assertThat(send(post(RequestBody.create(body, JSON))).status())
                    .as(new String(body, StandardCharsets.UTF_8))
                    .isIn(200, 400);
        }
        assertThat(inbox.depth()).isZero();
    }

    @Test
    void metrics_show_what_the_intake_counted() throws IOException {
        serveSigned();
        send(signed(ISSUE_CREATED, "d-1"));
        send(post(RequestBody.create(ISSUE_CREATED, JSON)));

        String scrape = get("/metrics").body();

        assertThat(scrape)
                .contains("prodsupport_webhook_received_total 2.0")
                .contains("prodsupport_webhook_accepted_total 1.0")
                .contains("prodsupport_webhook_rejected_total{reason=\"signature\"} 1.0")
                .contains("prodsupport_webhook_deduplicated_total 0.0");
    }
}
