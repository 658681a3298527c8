package io.prodsupport.webhook;

import io.javalin.Javalin;
import io.javalin.http.ContentType;
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
        this(host, port, metrics, health, Optional.empty());
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
        this(host, port, metrics, health, Optional.of(intake));
    }

    private ServiceHttpServer(
            String host,
            int port,
            PrometheusMeterRegistry metrics,
            Supplier<Map<String, Object>> health,
            Optional<WebhookIntake> intake) {
        this.app = Javalin.create(config -> {
            config.jetty.host = host;
            config.jetty.port = port;
            config.startup.showJavalinBanner = false;
            config.routes.get("/health", ctx -> {
                Map<String, Object> body = new LinkedHashMap<>(health.get());
                if (intake.isPresent()) {
                    OptionalLong depth = intake.get().inboxDepth();
                    if (depth.isPresent()) {
                        body.put("inbox", Map.of("status", "UP", "depth", depth.getAsLong()));
                    } else {
                        body.put("status", "DOWN");
                        body.put("inbox", Map.of("status", "DOWN"));
                        ctx.status(503);
                    }
                }
                ctx.json(body);
            });
            config.routes.get(
                    "/metrics", ctx -> ctx.contentType(ContentType.PLAIN).result(metrics.scrape()));
            intake.ifPresent(handler -> config.routes.post(WebhookIntake.PATH, handler));
        });
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
