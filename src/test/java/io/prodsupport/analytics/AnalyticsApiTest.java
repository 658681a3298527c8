package io.prodsupport.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.prodsupport.app.ConfigLoaders;
import io.prodsupport.app.ProdsupportService;
import io.prodsupport.app.Wiring;
import io.prodsupport.config.Config;
import io.prodsupport.jirasim.Flavour;
import io.prodsupport.testing.SettableClock;
import io.prodsupport.testing.SimulatedService;
import io.prodsupport.testing.SimulatedSite;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /api/analytics} on the running service, behind {@code console.token}. */
class AnalyticsApiTest {

    private static final String TOKEN = "s3cret-console-token";
    private static final Instant T0 = Instant.parse("2026-11-03T08:00:00Z");

    private static SimulatedSite site;
    private static ProdsupportService withToken;
    private static ProdsupportService withoutToken;
    private static int withPort;
    private static int withoutPort;

    @TempDir
    static Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws IOException {
        SettableClock clock = new SettableClock(T0);
        site = SimulatedSite.start(Flavour.CLOUD, clock);
        IncidentStory.open(site.sim(), clock, site.site().alice(), T0, "Queue backs up", "TBD")
                .rootCause(Duration.ofHours(1), "A stuck consumer")
                .resolve(Duration.ofHours(2));
        clock.set(T0.plus(Duration.ofDays(3)));
        Path tokenFile = Files.writeString(dir.resolve("console-token"), TOKEN + "\n");
        withPort = SimulatedService.freePort();
        withToken = service(
                Files.createDirectory(dir.resolve("a")),
                withPort,
                "sweep:\n  enabled: false\nconsole:\n  token: file:" + tokenFile + "\n",
                clock);
        withoutPort = SimulatedService.freePort();
        withoutToken =
                service(Files.createDirectory(dir.resolve("b")), withoutPort, "sweep:\n  enabled: false\n", clock);
    }

    private static ProdsupportService service(Path dir, int port, String extra, SettableClock clock) {
        Config config = ConfigLoaders.withTemplateSections(Map.of())
                .load(SimulatedService.config(site.site(), dir, port, extra));
        return new Wiring(config, clock).service("127.0.0.1").start();
    }

    @AfterAll
    static void stop() {
        withToken.close();
        withoutToken.close();
        site.close();
    }

    private HttpResponse<String> get(int port, String pathAndQuery, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void the_token_opens_the_same_figures_the_report_command_prints() throws Exception {
        HttpResponse<String> answer = get(withPort, "/api/analytics?from=2026-11-01&to=2026-11-08", "Bearer " + TOKEN);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode json = new ObjectMapper().readTree(answer.body());
        assertThat(json.path("incidents").asInt()).isEqualTo(1);
        assertThat(json.path("timeToResolve").toString())
                .isEqualTo("{\"p50Seconds\":7200,\"p90Seconds\":7200,\"count\":1}");
        assertThat(json.path("timeToRootCause").path("p50Seconds").asLong()).isEqualTo(3600);
        assertThat(json.path("byWeek").toString())
                .isEqualTo("[{\"week\":\"2026-W44\",\"opened\":0,\"resolved\":0},"
                        + "{\"week\":\"2026-W45\",\"opened\":1,\"resolved\":1}]");
    }

    @Test
    void no_or_a_wrong_token_is_401_and_bad_dates_are_400() throws Exception {
        String path = "/api/analytics?from=2026-11-01&to=2026-11-08";
        assertThat(get(withPort, path, null).statusCode()).isEqualTo(401);
        HttpResponse<String> wrong = get(withPort, path, "Bearer not-the-token");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"prodsupport\"");
        assertThat(wrong.body()).doesNotContain(TOKEN);
        assertThat(get(withPort, path, "Basic " + TOKEN).statusCode()).isEqualTo(401);

        HttpResponse<String> bad = get(withPort, "/api/analytics?from=2026-11-08&to=2026-11-01", "Bearer " + TOKEN);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(new ObjectMapper().readTree(bad.body()).path("error").asText())
                .isEqualTo("the period is empty: from 2026-11-08 must be before to 2026-11-01");
        assertThat(get(withPort, "/api/analytics?to=2026-11-01", "Bearer " + TOKEN)
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void without_console_token_the_api_does_not_exist() throws Exception {
        assertThat(get(withoutPort, "/api/analytics?from=2026-11-01&to=2026-11-08", "Bearer " + TOKEN)
                        .statusCode())
                .isEqualTo(404);
        assertThat(get(withoutPort, "/health/live", null).statusCode()).isEqualTo(200);
    }
}
