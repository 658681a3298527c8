package io.prodsupport.jirasim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookDeliveryTest {
    private static final Duration IDLE = Duration.ofSeconds(10);

    @Test
    void signatures_match_atlassians_official_test_vector() {
        assertThat(WebhookSignature.sign("It's a Secret to Everybody", "Hello World!".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("sha256=a4771c39fbe90f317c7824e83ddef3caae9cb3d976c214ace1f2937e133263c9");
    }

    @Test
    void every_event_is_signed_and_carries_a_unique_identifier_and_no_retry_header() throws Exception {
        try (JiraSimulator sim = JiraSimulator.builder().start();
                RecordingReceiver hook = new RecordingReceiver()) {
            SimUser bot = sim.addUser("bot", "Bot", "bot@example.com", true);
            sim.addProject("OPS", "Operations", bot);
            sim.webhooks().register(hook.url(), "s3cret");
            String key = sim.createIssue("OPS", "Incident", "Down", "d", bot);
            sim.editDescription(key, "more", bot);
            sim.webhooks().awaitIdle(IDLE);

            List<RecordingReceiver.Received> got = hook.received();
            assertThat(got).hasSize(2);
            for (RecordingReceiver.Received r : got) {
                assertThat(r.header("X-Hub-Signature"))
                        .isEqualTo(WebhookSignature.sign("s3cret", r.body().getBytes(StandardCharsets.UTF_8)));
                assertThat(r.header("Content-Type")).startsWith("application/json");
                assertThat(r.header("X-Atlassian-Webhook-Retry")).isNull();
            }
            assertThat(got.get(0).header("X-Atlassian-Webhook-Identifier"))
                    .isNotEqualTo(got.get(1).header("X-Atlassian-Webhook-Identifier"));
            assertThat(got.get(0).body()).contains("\"webhookEvent\":\"jira:issue_created\"");
            assertThat(got.get(1).body()).contains("\"fieldId\":\"description\"");
        }
    }

    @Test
    void duplicates_share_the_identifier_and_are_marked_as_retries() throws Exception {
        try (JiraSimulator sim = JiraSimulator.builder().start();
                RecordingReceiver hook = new RecordingReceiver()) {
            SimUser bot = sim.addUser("bot", "Bot", "bot@example.com", true);
            sim.addProject("OPS", "Operations", bot);
            sim.webhooks().register(hook.url(), null);
            sim.webhooks().duplicate(2);
            sim.createIssue("OPS", "Incident", "Down", "d", bot);
            sim.webhooks().awaitIdle(IDLE);

            List<RecordingReceiver.Received> got = hook.received();
            assertThat(got).hasSize(3);
            assertThat(got)
                    .extracting(r -> r.header("X-Atlassian-Webhook-Identifier"))
                    .containsOnly(got.get(0).header("X-Atlassian-Webhook-Identifier"));
            assertThat(got)
                    .extracting(r -> r.header("X-Atlassian-Webhook-Retry"))
                    .containsExactly(null, "1", "2");
            assertThat(got.get(0).header("X-Hub-Signature")).isNull();
        }
    }

    @Test
    void dropped_events_are_fired_but_never_delivered() throws Exception {
        try (JiraSimulator sim = JiraSimulator.builder().start();
                RecordingReceiver hook = new RecordingReceiver()) {
            SimUser bot = sim.addUser("bot", "Bot", "bot@example.com", true);
            sim.addProject("OPS", "Operations", bot);
            sim.webhooks().register(hook.url(), null);
            sim.webhooks().dropNext(1);
            String key = sim.createIssue("OPS", "Incident", "Down", "d", bot);
            sim.editDescription(key, "x", bot);
            sim.webhooks().awaitIdle(IDLE);
            assertThat(sim.webhooks().dropped())
                    .extracting(Webhooks.FiredEvent::event)
                    .containsExactly("jira:issue_created");
            assertThat(hook.received()).hasSize(1);
            assertThat(sim.webhooks().deliveries())
                    .extracting(WebhookDelivery::event)
                    .containsExactly("jira:issue_updated");
        }
    }

    @Test
    void reordering_delivers_a_held_batch_in_another_order() throws Exception {
        try (JiraSimulator sim = JiraSimulator.builder().start();
                RecordingReceiver hook = new RecordingReceiver()) {
            SimUser bot = sim.addUser("bot", "Bot", "bot@example.com", true);
            sim.addProject("OPS", "Operations", bot);
            sim.webhooks().register(hook.url(), null);
            sim.webhooks().reorder(true);
            for (int i = 0; i < 4; i++) {
                sim.createIssue("OPS", "Task", "t" + i, null, bot);
            }
            sim.webhooks().awaitIdle(IDLE);
            List<String> order = sim.webhooks().deliveries().stream()
                    .map(WebhookDelivery::issueKey)
                    .toList();
            assertThat(order).containsExactlyInAnyOrder("OPS-1", "OPS-2", "OPS-3", "OPS-4");
            assertThat(order).isNotEqualTo(List.of("OPS-1", "OPS-2", "OPS-3", "OPS-4"));
        }
    }

    @Test
    void cloud_retries_failed_deliveries_with_the_same_identifier() throws Exception {
        try (JiraSimulator sim = JiraSimulator.builder().start();
                RecordingReceiver hook = new RecordingReceiver()) {
            SimUser bot = sim.addUser("bot", "Bot", "bot@example.com", true);
            sim.addProject("OPS", "Operations", bot);
            sim.webhooks().register(hook.url(), null);
            sim.webhooks().retries(3, Duration.ofMillis(10));
            hook.answer(503, 429);
            sim.createIssue("OPS", "Incident", "Down", "d", bot);
            sim.webhooks().awaitIdle(IDLE);
            assertThat(sim.webhooks().deliveries())
                    .extracting(WebhookDelivery::status)
                    .containsExactly(503, 429, 200);
            assertThat(sim.webhooks().deliveries())
                    .extracting(WebhookDelivery::retry)
                    .containsExactly(0, 1, 2);
            List<RecordingReceiver.Received> got = hook.received();
            assertThat(got).hasSize(3);
            assertThat(got)
                    .extracting(r -> r.header("X-Atlassian-Webhook-Identifier"))
                    .containsOnly(got.get(0).header("X-Atlassian-Webhook-Identifier"));
            assertThat(got)
                    .extracting(r -> r.header("X-Atlassian-Webhook-Retry"))
                    .containsExactly(null, "1", "2");
        }
    }

    @Test
    void data_center_never_retries() throws Exception {
        try (JiraSimulator sim =
                        JiraSimulator.builder().flavour(Flavour.DATA_CENTER).start();
                RecordingReceiver hook = new RecordingReceiver()) {
            SimUser bot = sim.addUser("bot", "Bot", "bot@example.com", true);
            sim.addProject("OPS", "Operations", bot);
            sim.webhooks().register(hook.url(), null);
            hook.answer(500);
            sim.createIssue("OPS", "Incident", "Down", "d", bot);
            sim.webhooks().awaitIdle(IDLE);
            await().during(Duration.ofMillis(300))
                    .atMost(Duration.ofSeconds(2))
                    .until(() -> sim.webhooks().deliveries().size() == 1);
        }
    }
}
