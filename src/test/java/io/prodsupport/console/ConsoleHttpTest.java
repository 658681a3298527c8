package io.prodsupport.console;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.prodsupport.webhook.ApiRoutes;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The dead-letter API and the console page on the running service, over HTTP. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleHttpTest {

    @TempDir
    static Path dir;

    private static ConsoleService console;
    private final HttpClient http = HttpClient.newHttpClient();
    private static final String BEARER = "Bearer " + ConsoleService.TOKEN;

    /** Everything the service logs while the tests run. */
    private static final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeAll
    static void start() {
        logged.start();
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).addAppender(logged);
        console = ConsoleService.start(dir, false);
    }

    @AfterAll
    static void stop() {
        console.close();
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(logged);
    }

    private static List<String> logLines() {
        return logged.list.stream()
                .map(e -> e.getFormattedMessage()
                        + (e.getThrowableProxy() == null
                                ? ""
                                : " " + e.getThrowableProxy().getMessage()))
                .toList();
    }

    private HttpResponse<String> send(String method, String path, String form, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(console.base() + path))
                .method(
                        method,
                        form == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(form));
        if (form != null) {
            b.header("Content-Type", "application/x-www-form-urlencoded");
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @Order(1)
    void dead_letters_are_listed_as_json() throws Exception {
        assertThat(send("GET", "/api/dead-letters", null).statusCode()).isEqualTo(401);
        HttpResponse<String> r = send("GET", "/api/dead-letters", null, "Authorization", BEARER);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode list = new ObjectMapper().readTree(r.body());
        assertThat(list).hasSize(2);
        JsonNode first = list.get(0);
        assertThat(first.path("id").asText()).isEqualTo("sweep:OPS-2:2026-11-27T09:41:07Z");
        assertThat(first.path("issue").asText()).isEqualTo("OPS-2");
        assertThat(first.path("attempts").asInt()).isEqualTo(1);
        assertThat(first.path("lastError").asText()).startsWith("JiraException: Jira answered 503");
        assertThat(first.path("when").asText()).isEqualTo("2026-11-27T09:29:00Z");
        assertThat(first.path("receivedAt").asText()).isEqualTo("2026-11-27T09:20:00Z");
    }

    @Test
    @Order(2)
    void replay_queues_a_dead_letter_again_and_an_unknown_id_is_404() throws Exception {
        assertThat(send("POST", "/api/dead-letters/x/replay", null).statusCode())
                .isEqualTo(401);
        HttpResponse<String> unknown =
                send("POST", "/api/dead-letters/no-such-id/replay", null, "Authorization", BEARER);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo("{\"error\":\"no dead letter has the id no-such-id\"}");

        String id = console.deadLetters.get(0);
        HttpResponse<String> replayed = send("POST", DeadLetterApi.replayPath(id), null, "Authorization", BEARER);
        assertThat(replayed.statusCode()).isEqualTo(200);
        assertThat(new ObjectMapper().readTree(replayed.body()).path("replayed").asText())
                .isEqualTo(id);
        JsonNode list = new ObjectMapper()
                .readTree(send("GET", "/api/dead-letters", null, "Authorization", BEARER)
                        .body());
        assertThat(list).hasSize(1);
        assertThat(list.get(0).path("id").asText()).isEqualTo(console.deadLetters.get(1));
        assertThat(send("POST", DeadLetterApi.replayPath(id), null, "Authorization", BEARER)
                        .statusCode())
                .as("no longer a dead letter")
                .isEqualTo(404);
    }

    @Test
    @Order(3)
    void the_console_shows_the_operators_view_and_the_figures() throws Exception {
        HttpResponse<String> anonymous = send("GET", "/console", null);
        assertThat(anonymous.statusCode()).isEqualTo(303);
        assertThat(anonymous.headers().firstValue("Location")).hasValue(ApiRoutes.LOGIN);
        assertThat(send("GET", "/console/assets/chart.umd.js", null).statusCode())
                .isEqualTo(303);

        HttpResponse<String> page =
                send("GET", "/console?from=2026-09-01&to=2026-12-01", null, "Authorization", BEARER);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(ConsolePage.CSP);
        String html = page.body();
        assertThat(html)
                .contains("Incidents created 2026-09-01 to 2026-12-01")
                .contains("<div class=\"n\">11</div><div class=\"l\">incidents</div>")
                .contains("id=\"on-duty\">Alice Oncall<")
                .contains("StoreUnavailableException: [SQLITE_BUSY]")
                .contains("<td>sweep</td><td>off</td>")
                .contains("<td>mail watcher</td><td>off</td>")
                .contains("src=\"/console/assets/chart.umd.js\"")
                .doesNotContain("cdn.", "https://");
        assertThat(html).contains("Figures read from Jira at 2026-11-27 10:00 UTC");
        // the same period again within five minutes: the figures are not searched for again
        console.site.sim().calls().reset();
        assertThat(send("GET", "/console?from=2026-09-01&to=2026-12-01", null, "Authorization", BEARER)
                        .body())
                .contains("<div class=\"n\">11</div><div class=\"l\">incidents</div>");
        assertThat(console.site.sim().calls().total()).isZero();
        // Bearer-opened pages carry no session, so no forms that would need its CSRF token
        assertThat(html).doesNotContain("name=\"csrf\"");

        HttpResponse<String> js = send("GET", "/console/assets/chart.umd.js", null, "Authorization", BEARER);
        assertThat(js.statusCode()).isEqualTo(200);
        assertThat(js.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(js.body()).contains("Chart");
        assertThat(send("GET", "/console/assets/nope.js", null, "Authorization", BEARER)
                        .statusCode())
                .isEqualTo(404);

        HttpResponse<String> bad = send("GET", "/console?from=2026-13-01&to=2026-12-01", null, "Authorization", BEARER);
        assertThat(bad.statusCode()).isEqualTo(200);
        assertThat(bad.body()).contains("&#39;from&#39; is not a date").contains("showing the last 12 weeks");
    }

    @Test
    @Order(4)
    void a_person_logs_in_and_replays_with_the_sessions_csrf_token() throws Exception {
        HttpResponse<String> login = send(
                "POST", ApiRoutes.LOGIN, "token=" + URLEncoder.encode(ConsoleService.TOKEN, StandardCharsets.UTF_8));
        assertThat(login.statusCode()).isEqualTo(303);
        String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).contains("HttpOnly", "SameSite=Strict").doesNotContain("Secure");
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));

        String html = send("GET", "/console", null, "Cookie", cookie).body();
        Matcher csrf = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(html);
        assertThat(csrf.find()).isTrue();
        String id = console.deadLetters.get(1);
        String path = DeadLetterApi.replayPath(id);
        assertThat(html).contains("action=\"" + path + "\"");

        assertThat(send("POST", path, "return=console", "Cookie", cookie).statusCode())
                .isEqualTo(403);
        HttpResponse<String> replay = send("POST", path, "csrf=" + csrf.group(1) + "&return=console", "Cookie", cookie);
        assertThat(replay.statusCode()).isEqualTo(303);
        assertThat(replay.headers().firstValue("Location"))
                .hasValue("/console?replayed=" + URLEncoder.encode(id, StandardCharsets.UTF_8) + "#dead-letters");
        assertThat(send("GET", "/api/dead-letters", null, "Cookie", cookie).body())
                .isEqualTo("[]");
        assertThat(send("GET", "/console?replayed=" + id, null, "Cookie", cookie)
                        .body())
                .contains("Queued " + id + " again.");
    }
}
