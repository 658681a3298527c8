package io.prodsupport.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.prodsupport.testing.SettableClock;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The console's access rules over real HTTP: Bearer on every path, the login page and its session cookie, CSRF on a
 * session's POSTs, logout and expiry. The handlers behind the gate only record that they ran.
 */
class ApiRoutesTest {

    private static final String TOKEN = "console-token-for-the-test";

    private final SettableClock clock = new SettableClock(Instant.parse("2026-11-29T09:00:00Z"));
    private final List<Duration> pauses = new CopyOnWriteArrayList<>();
    /** What a pause after a wrong token does besides being recorded (nothing, unless a test holds it). */
    private volatile Runnable duringPause = () -> {};

    private final List<String> ran = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private Javalin app;
    private String base;

    @BeforeEach
    void start() {
        ApiRoutes routes = new ApiRoutes(TOKEN, java.util.Map.of())
                .get("/api/things", ctx -> {
                    ran.add("GET /api/things");
                    ctx.json(List.of());
                })
                .post("/api/things/{id}/poke", ctx -> {
                    ran.add("POST " + ctx.pathParam("id"));
                    ctx.json(java.util.Map.of("poked", ctx.pathParam("id")));
                })
                .get("/console", ctx -> {
                    ran.add("GET /console");
                    ctx.html("console csrf=" + ctx.attribute(ApiRoutes.CSRF_FIELD));
                })
                .withLogin(
                        message -> "login page" + message.map(m -> ": " + m).orElse(""),
                        new ConsoleSessions(clock),
                        true,
                        d -> {
                            pauses.add(d);
                            duringPause.run();
                        });
        app = Javalin.create(config -> {
                    config.startup.showJavalinBanner = false;
                    config.jetty.host = "127.0.0.1";
                    config.jetty.port = 0;
                    routes.register(config.routes);
                })
                .start();
        base = "http://127.0.0.1:" + app.port();
    }

    @AfterEach
    void stop() {
        app.stop();
    }

    private HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/x-www-form-urlencoded");
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Logs in; returns the session cookie's {@code name=value}. */
    private String login() throws Exception {
        HttpResponse<String> r =
                send("POST", "/console/login", "token=" + URLEncoder.encode(TOKEN, StandardCharsets.UTF_8));
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).hasValue("/console");
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        return cookie.substring(0, cookie.indexOf(';'));
    }

    private String csrf(String cookie) throws Exception {
        HttpResponse<String> page = send("GET", "/console", null, "Cookie", cookie);
        Matcher m = Pattern.compile("csrf=(\\S+)").matcher(page.body());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    @Test
    void without_credentials_the_api_is_401_and_the_console_sends_to_the_login_page() throws Exception {
        HttpResponse<String> api = send("GET", "/api/things", null);
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"prodsupport\"");
        assertThat(send("POST", "/api/things/1/poke", null).statusCode()).isEqualTo(401);
        HttpResponse<String> console = send("GET", "/console", null);
        assertThat(console.statusCode()).isEqualTo(303);
        assertThat(console.headers().firstValue("Location")).hasValue("/console/login");
        HttpResponse<String> login = send("GET", "/console/login", null);
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).isEqualTo("login page");
        // a forged cookie is no session
        assertThat(send("GET", "/api/things", null, "Cookie", ApiRoutes.COOKIE + "=made-up")
                        .statusCode())
                .isEqualTo(401);
        assertThat(ran).isEmpty();
    }

    @Test
    void bearer_opens_every_path_and_needs_no_csrf_token() throws Exception {
        String bearer = "Bearer " + TOKEN;
        assertThat(send("GET", "/api/things", null, "Authorization", bearer).statusCode())
                .isEqualTo(200);
        assertThat(send("GET", "/console", null, "Authorization", bearer).statusCode())
                .isEqualTo(200);
        HttpResponse<String> poke = send("POST", "/api/things/7/poke", null, "Authorization", bearer);
        assertThat(poke.statusCode()).isEqualTo(200);
        assertThat(poke.body()).isEqualTo("{\"poked\":\"7\"}");
        assertThat(ran).containsExactly("GET /api/things", "GET /console", "POST 7");
        // a wrong bearer token is refused even on the console, which a script would not want redirected
        assertThat(send("GET", "/console", null, "Authorization", "Bearer wrong")
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void login_sets_a_strict_http_only_secure_cookie_that_opens_the_console_and_the_api() throws Exception {
        HttpResponse<String> r =
                send("POST", "/console/login", "token=" + URLEncoder.encode(TOKEN, StandardCharsets.UTF_8));
        String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie)
                .startsWith(ApiRoutes.COOKIE + "=")
                .contains("; Path=/", "; HttpOnly", "; SameSite=Strict", "; Secure", "; Max-Age=43200");
        assertThat(setCookie).doesNotContain(TOKEN);
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        assertThat(send("GET", "/api/things", null, "Cookie", cookie).statusCode())
                .isEqualTo(200);
        assertThat(send("GET", "/console", null, "Cookie", cookie).body()).matches("console csrf=\\S{43}");
        // logged in, the login page sends back to the console
        assertThat(send("GET", "/console/login", null, "Cookie", cookie).statusCode())
                .isEqualTo(303);
        assertThat(pauses).isEmpty();
    }

    @Test
    void a_wrong_token_shows_the_login_page_again_after_a_pause() throws Exception {
        HttpResponse<String> r = send("POST", "/console/login", "token=guess");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).isEqualTo("login page: That is not the console token.");
        assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(send("POST", "/console/login", "").statusCode()).isEqualTo(401);
        assertThat(pauses).containsExactly(ApiRoutes.LOGIN_DELAY, ApiRoutes.LOGIN_DELAY);
    }

    @Test
    void while_one_wrong_token_is_paused_on_other_wrong_tokens_get_429_and_the_right_one_still_logs_in()
            throws Exception {
        CountDownLatch paused = new CountDownLatch(1);
        CountDownLatch resume = new CountDownLatch(1);
        duringPause = () -> {
            paused.countDown();
            try {
                resume.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> {
            try {
                return send("POST", "/console/login", "token=guess-1");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(paused.await(10, TimeUnit.SECONDS)).isTrue();

        HttpResponse<String> second = send("POST", "/console/login", "token=guess-2");
        assertThat(second.statusCode()).isEqualTo(429);
        assertThat(second.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(second.body()).contains("Another wrong token is being tried right now");
        assertThat(send("POST", "/console/login", "token=" + TOKEN).statusCode())
                .as("the right token never waits behind guesses")
                .isEqualTo(303);

        resume.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(401);
        duringPause = () -> {};
        assertThat(send("POST", "/console/login", "token=guess-3").statusCode())
                .as("once the pause is over, the next wrong token is paused on")
                .isEqualTo(401);
        assertThat(pauses).hasSize(2);
    }

    @Test
    void a_session_post_needs_its_csrf_token() throws Exception {
        String cookie = login();
        String csrf = csrf(cookie);
        assertThat(send("POST", "/api/things/1/poke", "", "Cookie", cookie).statusCode())
                .isEqualTo(403);
        assertThat(send("POST", "/api/things/1/poke", "csrf=" + csrf.substring(1) + "x", "Cookie", cookie)
                        .statusCode())
                .isEqualTo(403);
        // another session's token is no good either
        String otherCsrf = csrf(login());
        assertThat(send("POST", "/api/things/1/poke", "csrf=" + otherCsrf, "Cookie", cookie)
                        .statusCode())
                .isEqualTo(403);
        assertThat(ran).doesNotContain("POST 1");

        assertThat(send("POST", "/api/things/2/poke", "csrf=" + csrf, "Cookie", cookie)
                        .statusCode())
                .isEqualTo(200);
        assertThat(send("POST", "/api/things/3/poke", null, "Cookie", cookie, "X-CSRF-Token", csrf)
                        .statusCode())
                .isEqualTo(200);
        assertThat(ran).contains("POST 2", "POST 3");
    }

    @Test
    void logout_ends_the_session_and_sessions_expire() throws Exception {
        String cookie = login();
        String csrf = csrf(cookie);
        assertThat(send("POST", "/console/logout", "", "Cookie", cookie).statusCode())
                .as("logout is a state change: it needs the CSRF token too")
                .isEqualTo(403);
        HttpResponse<String> out = send("POST", "/console/logout", "csrf=" + csrf, "Cookie", cookie);
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(out.headers().firstValue("Location")).hasValue("/console/login");
        assertThat(out.headers().firstValue("Set-Cookie"))
                .hasValueSatisfying(
                        c -> assertThat(c).startsWith(ApiRoutes.COOKIE + "=;").contains("Max-Age=0"));
        assertThat(send("GET", "/api/things", null, "Cookie", cookie).statusCode())
                .isEqualTo(401);

        String later = login();
        clock.advance(ConsoleSessions.TTL.minusMinutes(1));
        assertThat(send("GET", "/api/things", null, "Cookie", later).statusCode())
                .isEqualTo(200);
        clock.advance(Duration.ofMinutes(1));
        assertThat(send("GET", "/api/things", null, "Cookie", later).statusCode())
                .isEqualTo(401);
        assertThat(send("GET", "/console", null, "Cookie", later).statusCode()).isEqualTo(303);
    }

    @Test
    void sessions_are_bounded_in_number() {
        ConsoleSessions sessions = new ConsoleSessions(clock);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < ConsoleSessions.MAX + 5; i++) {
            ids.add(sessions.start());
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(sessions.size()).isEqualTo(ConsoleSessions.MAX);
        assertThat(sessions.find(ids.get(0))).isEmpty();
        assertThat(sessions.find(ids.get(ids.size() - 1))).isPresent();
    }
}
