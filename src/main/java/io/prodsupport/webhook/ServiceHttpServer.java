package io.prodsupport.webhook;

import io.javalin.Javalin;
import io.javalin.http.ContentType;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.util.Map;
import java.util.function.Supplier;

/**
 * The service's HTTP face: {@code GET /health} for load balancers and {@code GET /metrics} for Prometheus.
 * Handlers only do I/O; what they report comes from the collaborators they are given.
 */
public final class ServiceHttpServer implements AutoCloseable {

    private final Javalin app;

    /**
     * @param host    interface to listen on ("0.0.0.0" in production, "127.0.0.1" in tests and the demo)
     * @param port    0 picks a free port
     * @param health  a small JSON-able summary (status, Jira flavour and version)
     */
    public ServiceHttpServer(String host, int port, PrometheusMeterRegistry metrics,
                             Supplier<Map<String, Object>> health) {
        this.app = Javalin.create(config -> {
            config.jetty.host = host;
            config.jetty.port = port;
            config.startup.showJavalinBanner = false;
            config.routes.get("/health", ctx -> ctx.json(health.get()));
            config.routes.get("/metrics", ctx -> ctx.contentType(ContentType.PLAIN).result(metrics.scrape()));
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
