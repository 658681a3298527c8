package io.prodsupport.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prodsupport.inbox.Inbox;
import io.prodsupport.store.Stores;
import io.prodsupport.testing.TestData;
import io.prodsupport.webhook.HostileSender.Kind;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault trial 6 of issue 13 at CI size, and the limits behind it one at a time: a slow or hostile sender is cut off
 * with a 4xx, never served, and never costs a genuine delivery its answer. The full-size run is
 * {@code scripts/bench Hostile}.
 */
class HostileTrafficTest {

    static final String SECRET = "It's a Secret to Everybody";
    /** Short enough for a test, in the proportions of {@link HttpLimits#DEFAULTS}. */
    static final HttpLimits LIMITS = new HttpLimits(
            Duration.ofSeconds(2), 16 * 1024, 1024, Duration.ofSeconds(1), WebhookIntake.MAX_BODY_BYTES, 8);

    @TempDir
    Path dir;

    private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private Inbox inbox;
    private ServiceHttpServer server;
    private HostileSender attacker;

    @BeforeEach
    void serve() throws IOException {
        inbox = Stores.open("jdbc:sqlite:" + dir.resolve("inbox.db"), null, null);
        WebhookIntake intake = new WebhookIntake(
                inbox, new JiraEventParser(new ObjectMapper()), List.of(SECRET), false, Optional.empty(), metrics);
        server = new ServiceHttpServer("127.0.0.1", 0, metrics, () -> Map.of("status", "UP"), intake, LIMITS).start();
        attacker = new HostileSender(address(), InetAddress.getByName("127.0.0.2"), payloads(), Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        server.close();
        inbox.close();
    }

    @Test
    void a_body_dripping_a_byte_at_a_time_is_answered_408_and_never_reaches_the_intake() throws IOException {
        assertThat(attacker.send(Kind.SLOW_DRIP, new Random(1))).isEqualTo(408);
        assertThat(metrics.get("prodsupport.http.cut_off")
                        .tag("reason", "too_slow")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(metrics.get("prodsupport.webhook.received").counter().count())
                .isZero();
    }

    @Test
    void a_body_fast_enough_for_the_rate_but_not_done_by_the_deadline_is_answered_408() throws IOException {
        assertThat(attacker.send(Kind.TRICKLE, new Random(1))).isEqualTo(408);
        assertThat(metrics.get("prodsupport.webhook.received").counter().count())
                .isZero();
    }

    @Test
    void a_ten_megabyte_header_block_is_answered_431() throws IOException {
        assertThat(attacker.send(Kind.HUGE_HEADERS, new Random(1))).isEqualTo(431);
    }

    @Test
    void a_chunked_body_past_the_limit_is_answered_413() throws IOException {
        assertThat(attacker.send(Kind.OVERSIZED_CHUNKED, new Random(1))).isEqualTo(413);
    }

    @Test
    void idle_connections_and_half_sent_requests_are_closed_by_the_server() throws IOException {
        List<Socket> idle = attacker.holdIdle(20, new Random(1));
        try {
            // the idle timeout is 2 s; waiting up to 10 s does not time anything, it only bounds a hang
            assertThat(idle).allMatch(socket -> HostileSender.closedByServer(socket, Duration.ofSeconds(10)));
        } finally {
            for (Socket socket : idle) {
                socket.close();
            }
        }
    }

    @Test
    void under_hostile_traffic_only_4xx_come_back_genuine_deliveries_are_answered_and_nothing_hostile_is_stored()
            throws Exception {
        HostileTrial.Result result = new HostileTrial(address(), SECRET, payloads(), genuine())
                .run(new HostileTrial.Settings(360, 24, 200, Duration.ofMillis(50), Duration.ofSeconds(10), 13));

        System.out.printf(
                "hostile trial (CI size): %s in %d ms; genuine deliveries %s; /health %s; idle closed %d/200%n",
                result.statuses(),
                result.elapsed().toMillis(),
                HostileTrial.percentiles(result.deliveryMillis()),
                HostileTrial.percentiles(result.healthMillis()),
                result.idleClosed());
        assertThat(result.unanswered()).isZero();
        assertThat(result.statuses())
                .allSatisfy((kind, statuses) -> assertThat(statuses.keySet())
                        .as(kind.name())
                        .isNotEmpty()
                        .allMatch(status -> status >= 400 && status < 500, "a 4xx"));
        assertThat(result.deliveryStatuses()).isNotEmpty().containsOnly(202);
        assertThat(result.healthStatuses()).isNotEmpty().containsOnly(200);
        assertThat(result.idleClosed()).isEqualTo(200);
        // every stored event is a genuine one: each got its own 202, and nothing else was accepted
        assertThat(inbox.depth()).isEqualTo(result.deliveryStatuses().size());
        assertThat(metrics.get("prodsupport.webhook.accepted").counter().count())
                .isEqualTo(result.deliveryStatuses().size());
    }

    private InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", server.port());
    }

    static byte[] genuine() {
        return TestData.bytes("webhook-payloads/mattermost-plugin-jira/webhook-issue-created.json");
    }

    static List<byte[]> payloads() throws IOException {
        try (Stream<Path> files = Files.walk(TestData.file("webhook-payloads"))) {
            return files.filter(f -> f.toString().endsWith(".json"))
                    .map(f -> {
                        try {
                            return Files.readAllBytes(f);
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .toList();
        }
    }
}
