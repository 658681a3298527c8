package io.prodsupport.webhook;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Semaphore;

/**
 * The {@code /api/*} routes and, when given its pages, the console under {@code /console}, all behind
 * {@code console.token}. {@code Authorization: Bearer <token>} opens every path (scripts, monitoring) and needs no CSRF
 * token. People log in at {@code /console/login} by posting the token, which starts a session: an HttpOnly,
 * SameSite=Strict cookie (Secure when reached over HTTPS); a POST on a session must carry the session's CSRF token
 * (form field {@value #CSRF_FIELD} or header {@code X-CSRF-Token}). Without either, {@code /api/*} answers 401 and the
 * console sends the browser to its login page. Tokens, session ids and CSRF tokens are compared in constant time and
 * never written anywhere. Without a configured token nothing here is registered, so Javalin answers 404.
 */
public final class ApiRoutes {

    public static final String LOGIN = "/console/login";
    public static final String LOGOUT = "/console/logout";
    public static final String COOKIE = "prodsupport_session";
    /** The form field (and {@link Context#attribute} of a session's request) carrying the CSRF token. */
    public static final String CSRF_FIELD = "csrf";
    /** How long a wrong token on the login page waits before it is answered, against guessing. */
    public static final Duration LOGIN_DELAY = Duration.ofSeconds(1);

    /** Renders the login page; {@code message} is empty or says why the last attempt failed. */
    @FunctionalInterface
    public interface LoginPage {
        String render(Optional<String> message);
    }

    /** Waits after a wrong token (a test passes one that records instead of sleeping). */
    @FunctionalInterface
    public interface Delay {
        void pause(Duration d) throws InterruptedException;
    }

    private final byte[] token;
    /**
     * Held by the one wrong token being paused on: of all wrong tokens, from any address, one is answered per pause; the
     * others meanwhile get 429 at once (holding no thread), so guessing runs at one try a second at most.
     */
    private final Semaphore guessing = new Semaphore(1);

    private final Map<String, Handler> gets = new LinkedHashMap<>();
    private final Map<String, Handler> posts = new LinkedHashMap<>();
    private LoginPage loginPage;
    private ConsoleSessions sessions;
    private boolean secureCookie;
    private Delay delay = d -> Thread.sleep(d.toMillis());

    /** @param routes GET path → handler, e.g. {@code /api/analytics} */
    public ApiRoutes(String token, Map<String, Handler> routes) {
        Objects.requireNonNull(token, "token");
        if (token.isBlank()) {
            throw new IllegalArgumentException("console.token is blank");
        }
        this.token = token.getBytes(StandardCharsets.UTF_8);
        routes.forEach(this::get);
    }

    /** Adds a GET route under {@code /api/} or {@code /console}. */
    public ApiRoutes get(String path, Handler handler) {
        gets.put(checked(path), handler);
        return this;
    }

    /** Adds a POST route (a state change) under {@code /api/} or {@code /console}. */
    public ApiRoutes post(String path, Handler handler) {
        posts.put(checked(path), handler);
        return this;
    }

    /**
     * Opens the routes to people: the login page, sessions, logout.
     *
     * @param secureCookie whether people reach the server over HTTPS (its own TLS, or a proxy's), so the cookie is
     *     marked Secure
     */
    public ApiRoutes withLogin(LoginPage page, ConsoleSessions sessions, boolean secureCookie, Delay delay) {
        this.loginPage = Objects.requireNonNull(page);
        this.sessions = Objects.requireNonNull(sessions);
        this.secureCookie = secureCookie;
        this.delay = Objects.requireNonNull(delay);
        return this;
    }

    private static String checked(String path) {
        if (!path.startsWith("/api/") && !path.equals("/console") && !path.startsWith("/console/")) {
            throw new IllegalArgumentException("not an /api/ or /console path: " + path);
        }
        return path;
    }

    void register(RoutesConfig config) {
        gets.forEach((path, handler) -> config.get(path, ctx -> guarded(ctx, handler, false)));
        posts.forEach((path, handler) -> config.post(path, ctx -> guarded(ctx, handler, true)));
        if (loginPage != null) {
            config.get(LOGIN, this::showLogin);
            config.post(LOGIN, this::login);
            config.post(LOGOUT, this::logout);
        }
    }

    private void guarded(Context ctx, Handler handler, boolean changesState) throws Exception {
        noStore(ctx);
        String header = ctx.header("Authorization");
        if (header != null) {
            if (bearerMatches(header)) {
                handler.handle(ctx);
            } else {
                unauthorised(ctx);
            }
            return;
        }
        Optional<ConsoleSessions.Session> session = session(ctx);
        if (session.isEmpty()) {
            if (ctx.path().startsWith("/api/") || loginPage == null) {
                unauthorised(ctx);
            } else {
                ctx.redirect(LOGIN, HttpStatus.SEE_OTHER);
            }
            return;
        }
        if (changesState && !session.get().csrfMatches(csrfOf(ctx))) {
            ctx.status(403).json(Map.of("error", "this needs the session's CSRF token (reload the console)"));
            return;
        }
        ctx.attribute(CSRF_FIELD, session.get().csrf());
        handler.handle(ctx);
    }

    private static String csrfOf(Context ctx) {
        String header = ctx.header("X-CSRF-Token");
        return header != null ? header : ctx.formParam(CSRF_FIELD);
    }

    private Optional<ConsoleSessions.Session> session(Context ctx) {
        return sessions == null ? Optional.empty() : sessions.find(ctx.cookie(COOKIE));
    }

    private void showLogin(Context ctx) {
        noStore(ctx);
        if (session(ctx).isPresent()) {
            ctx.redirect("/console", HttpStatus.SEE_OTHER);
            return;
        }
        ctx.html(loginPage.render(Optional.empty()));
    }

    private void login(Context ctx) throws InterruptedException {
        noStore(ctx);
        String given = ctx.formParam("token");
        if (given == null || !MessageDigest.isEqual(given.strip().getBytes(StandardCharsets.UTF_8), token)) {
            if (!guessing.tryAcquire()) {
                ctx.status(429)
                        .header("Retry-After", String.valueOf(LOGIN_DELAY.toSeconds()))
                        .html(loginPage.render(Optional.of(
                                "Another wrong token is being tried right now; wait a second and try again.")));
                return;
            }
            try {
                delay.pause(LOGIN_DELAY);
            } finally {
                guessing.release();
            }
            ctx.status(401).html(loginPage.render(Optional.of("That is not the console token.")));
            return;
        }
        ctx.header("Set-Cookie", cookie(sessions.start(), ConsoleSessions.TTL.toSeconds()));
        ctx.redirect("/console", HttpStatus.SEE_OTHER);
    }

    private void logout(Context ctx) {
        noStore(ctx);
        String id = ctx.cookie(COOKIE);
        Optional<ConsoleSessions.Session> session = sessions.find(id);
        if (session.isPresent() && !session.get().csrfMatches(csrfOf(ctx))) {
            ctx.status(403).json(Map.of("error", "this needs the session's CSRF token (reload the console)"));
            return;
        }
        sessions.end(id);
        ctx.header("Set-Cookie", cookie("", 0));
        ctx.redirect(LOGIN, HttpStatus.SEE_OTHER);
    }

    private String cookie(String value, long maxAgeSeconds) {
        return COOKIE + "=" + value + "; Path=/; Max-Age=" + maxAgeSeconds + "; HttpOnly; SameSite=Strict"
                + (secureCookie ? "; Secure" : "");
    }

    private static void noStore(Context ctx) {
        ctx.header("Cache-Control", "no-store");
    }

    private static void unauthorised(Context ctx) {
        ctx.header("WWW-Authenticate", "Bearer realm=\"prodsupport\"")
                .status(401)
                .json(Map.of("error", "this needs the header Authorization: Bearer <console.token>"));
    }

    private boolean bearerMatches(String header) {
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] given = header.substring(7).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, token);
    }
}
