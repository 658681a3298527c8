package io.prodsupport.webhook;

import io.javalin.Javalin;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * The service's HTTP face: {@code POST /webhook/jira} when given a {@link WebhookIntake}, {@code GET /health} for
 * load balancers and {@code GET /metrics} for Prometheus. Handlers only do I/O; what they report comes from the
 * collaborators they are given.
 */
public final class ServiceHttpServer implements AutoCloseable {

    private final Javalin app;

    /**
     * @param host    interface to listen on ("0.0.0.0" in production, "127.0.0.1" in tests and the demo)
     * @param port    0 picks a free port
     * @param health  a small JSON-able summary (status, Jira flavour and version)
     */
    public ServiceHttpServer(
            String host, int port, PrometheusMeterRegistry metrics, Supplier<Map<String, Object>> health) {
        this(host, port, metrics, health, Optional.empty(), Optional.empty(), Optional.empty(), HttpLimits.DEFAULTS);
    }

    /**
     * With the webhook intake: {@code /health} then also reports the inbox (its depth, or {@code DOWN} with status
     * 503 when the store cannot answer, so a load balancer stops sending deliveries that would only get 503s).
     */
    public ServiceHttpServer(
            String host,
            int port,
            PrometheusMeterRegistry metrics,
            Supplier<Map<String, Object>> health,
            WebhookIntake intake) {
        this(host, port, metrics, health, Optional.of(intake), Optional.empty(), Optional.empty(), HttpLimits.DEFAULTS);
    }

    /** With the webhook intake and limits of its own (tests shorten the timeouts). */
    public ServiceHttpServer(
            String host,
            int port,
            PrometheusMeterRegistry metrics,
            Supplier<Map<String, Object>> health,
            WebhookIntake intake,
            HttpLimits limits) {
        this(host, port, metrics, health, Optional.of(intake), Optional.empty(), Optional.empty(), limits);
    }

    /**
     * With the webhook intake, over HTTPS when {@code tls} is given ({@code webhook.tls}), else plain HTTP, and the
     * {@code /api/*} routes behind the console token when {@code api} is given (see {@link ApiRoutes}).
     */
    public ServiceHttpServer(
            String host,
            int port,
            PrometheusMeterRegistry metrics,
            Supplier<Map<String, Object>> health,
            WebhookIntake intake,
            Optional<PemTls> tls,
            Optional<ApiRoutes> api) {
        this(host, port, metrics, health, Optional.of(intake), tls, api, HttpLimits.DEFAULTS);
    }

    private ServiceHttpServer(
            String host,
            int port,
            PrometheusMeterRegistry metrics,
            Supplier<Map<String, Object>> health,
            Optional<WebhookIntake> intake,
            Optional<PemTls> tls,
            Optional<ApiRoutes> api,
            HttpLimits limits) {
        this.app = Javalin.create(config -> {
            JettyLimits.apply(config.jetty, limits, metrics);
            config.jetty.host = host;
            config.jetty.port = port;
            // Javalin adds its plain HTTP connector only when none is given: with TLS, HTTPS is the only one
            tls.ifPresent(pem -> config.jetty.addConnector(pem.connector(host, port)));
            config.startup.showJavalinBanner = false;
            // the process answers: for a supervisor deciding whether to restart it
            config.routes.get("/health/live", ctx -> ctx.json(Map.of("status", "UP")));
            // the store answers (webhooks can be taken): 503 otherwise, so Jira retries elsewhere or later
            config.routes.get("/health", ctx -> answer(ctx, health.get(), intake, false));
            // ... and Jira answers too: the instance can do its work, not only queue it
            config.routes.get("/health/ready", ctx -> answer(ctx, health.get(), intake, true));
            config.routes.get(
                    "/metrics", ctx -> ctx.contentType(ContentType.PLAIN).result(metrics.scrape()));
            intake.ifPresent(handler -> config.routes.post(WebhookIntake.PATH, handler));
            api.ifPresent(routes -> routes.register(config.routes));
        });
    }

    /**
     * The parts' states and the overall status: DOWN (503) when the store does not answer, or, for readiness, when a
     * part (Jira) says it is DOWN.
     */
    private static void answer(
            Context ctx, Map<String, Object> parts, Optional<WebhookIntake> intake, boolean everyPart) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "UP");
        body.putAll(parts);
        boolean up = true;
        if (intake.isPresent()) {
            OptionalLong depth = intake.get().inboxDepth();
            if (depth.isPresent()) {
                body.put("inbox", Map.of("status", "UP", "depth", depth.getAsLong()));
            } else {
                body.put("inbox", Map.of("status", "DOWN"));
                up = false;
            }
        }
        if (everyPart) {
            up &= parts.values().stream()
                    .noneMatch(part -> part instanceof Map<?, ?> m && "DOWN".equals(m.get("status")));
        }
        body.put("status", up ? "UP" : "DOWN");
        ctx.status(up ? 200 : 503).json(body);
    }

    public ServiceHttpServer start() {
        app.start();
        return this;
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
