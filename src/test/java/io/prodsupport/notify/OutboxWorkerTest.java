package io.prodsupport.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.prodsupport.store.Stores;
import io.prodsupport.testing.SettableClock;
import io.prodsupport.testing.SimulatedService;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outbox worker over a real SQLite outbox and a real Slack channel posting to a local HTTP receiver, driven by a
 * settable clock: a dead channel is retried with a capped back-off, and each message reaches it once, in order.
 */
class OutboxWorkerTest {

    private static final Duration MAX_BACKOFF = Duration.ofSeconds(4);
    private static final DeliveryBudget ONE_ATTEMPT =
            new DeliveryBudget(1, Duration.ofMillis(100), Duration.ofSeconds(5));

    @TempDir
    Path dir;

    private final SettableClock clock = new SettableClock(Instant.parse("2026-11-29T10:00:00Z"));
    private final OkHttpClient http = new OkHttpClient();
    private final MockWebServer slack = new MockWebServer();
    private int port;
    private OutboxStore outbox;
    private OutboxWorker worker;

    @BeforeEach
    void deadChannel() {
        port = SimulatedService.freePort(); // nothing listens there yet: connection refused
        outbox = Stores.openOutbox("jdbc:sqlite:" + dir.resolve("store.db"), null, null);
        SlackNotifier channel =
                new SlackNotifier("http://127.0.0.1:" + port + "/services/T0/B0/secret", http, ONE_ATTEMPT);
        worker = new OutboxWorker(outbox, List.of(channel), clock, MAX_BACKOFF);
    }

    @AfterEach
    void close() {
        worker.close();
        outbox.close();
        slack.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    private void queue(String key) {
        outbox.enqueue(
                ChannelMessage.newIncident(new IncidentNotice(
                        key, "Checkout down", "https://jira.example.com/browse/" + key, "OPS", "High", "Carol", null)),
                List.of("slack"),
                clock.instant(),
                clock.instant());
    }

    @Test
    void a_dead_channel_is_retried_with_a_capped_back_off_and_gets_each_message_once_in_order_when_it_returns()
            throws Exception {
        queue("OPS-1");
        queue("OPS-2");
        queue("OPS-3");

        // connection refused: one attempt per round, not one per message; the pause doubles up to the cap
        List<Duration> pauses = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            assertThat(worker.deliverDue()).isZero();
            Instant until = worker.pausedUntil("slack").orElseThrow();
            pauses.add(Duration.between(clock.instant(), until));
            assertThat(worker.deliverDue()).as("paused: nothing is tried").isZero();
            clock.advance(pauses.get(i));
        }
        assertThat(pauses)
                .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), MAX_BACKOFF);
        ChannelBacklog waiting = worker.backlog("slack");
        assertThat(waiting.pending()).isEqualTo(3);
        assertThat(waiting.failed()).as("only the first in line was tried").isEqualTo(1);
        assertThat(waiting.lastError())
                .hasValueSatisfying(
                        e -> assertThat(e).contains("could not be reached").doesNotContain("secret"));

        // the channel is back but failing: 500s
        slack.start(InetAddress.getByName("127.0.0.1"), port);
        slack.enqueue(new MockResponse.Builder().code(500).body("oops").build());
        slack.enqueue(new MockResponse.Builder().code(500).body("oops").build());
        for (int i = 0; i < 3; i++) {
            slack.enqueue(new MockResponse.Builder().code(200).body("ok").build());
        }
        assertThat(worker.deliverDue()).isZero();
        clock.advance(MAX_BACKOFF);
        assertThat(worker.deliverDue()).isZero();
        clock.advance(MAX_BACKOFF);

        // and well again: everything, once, oldest first
        assertThat(worker.deliverDue()).isEqualTo(3);
        assertThat(worker.pausedUntil("slack")).isEmpty();
        assertThat(worker.backlog("slack")).isEqualTo(ChannelBacklog.empty("slack"));
        clock.advance(Duration.ofHours(1));
        assertThat(worker.deliverDue()).as("nothing is sent twice").isZero();

        List<String> keys = new ArrayList<>();
        for (int i = 0; i < slack.getRequestCount(); i++) {
            RecordedRequest request = slack.takeRequest();
            keys.add(new ObjectMapper()
                    .readTree(request.getBody().utf8())
                    .path("text")
                    .asText());
        }
        assertThat(keys)
                .containsExactly(
                        "New incident OPS-1: Checkout down",
                        "New incident OPS-1: Checkout down",
                        "New incident OPS-1: Checkout down",
                        "New incident OPS-2: Checkout down",
                        "New incident OPS-3: Checkout down");
    }
}
