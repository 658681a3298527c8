package io.prodsupport.app;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prodsupport.config.Config;
import io.prodsupport.jira.JiraClient;
import io.prodsupport.jira.JiraException;
import io.prodsupport.jira.JiraUser;
import io.prodsupport.jira.ServerInfo;
import io.prodsupport.webhook.ServiceHttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the service: GET /health and GET /metrics on webhook.port.")
final class ServeCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

    @Mixin
    ConfigOption config;

    @Option(names = "--host", defaultValue = "0.0.0.0", paramLabel = "ADDRESS",
            description = "Interface to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        Config loaded = config.loadOrReport(System.getenv(), spec.commandLine().getErr());
        if (loaded == null) {
            return ConfigOption.BAD_CONFIG;
        }
        Wiring wiring = new Wiring(loaded);
        JiraClient jira = wiring.jiraClient();
        ServerInfo info;
        JiraUser me;
        try {
            info = jira.serverInfo();
            me = jira.myself();
        } catch (JiraException e) {
            // the service cannot tell its own edits from people's without knowing who it is
            log.error("cannot start: {} (run `prodsupport check` for details)", e.getMessage());
            return 1;
        }
        log.info("connected to Jira {} {} at {} as {}", info.flavour(), info.version(), loaded.jira().baseUrl(),
                me.displayName());
        if (loaded.webhook().allowUnsigned()) {
            log.warn("webhook.allowUnsigned is true: anyone who can reach port {} can submit events",
                    loaded.webhook().port());
        }
        PrometheusMeterRegistry metrics = wiring.metrics();
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("status", "UP");
        health.put("jira", Map.of("flavour", info.flavour().name(), "version", String.valueOf(info.version())));
        CountDownLatch stopped = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        try (ServiceHttpServer server = new ServiceHttpServer(host, loaded.webhook().port(), metrics, () -> health)) {
            server.start();
            log.info("listening on {}:{} (GET /health, GET /metrics)", host, server.port());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                log.info("shutting down");
                stopped.countDown();
                try {
                    // the JVM exits when hooks end: hold it until the server has closed its connections
                    closed.await(10, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "shutdown"));
            stopped.await();
        } finally {
            closed.countDown();
        }
        return 0;
    }
}
