package io.prodsupport.app;

import io.prodsupport.config.Config;
import io.prodsupport.jira.JiraException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = "Run the service: POST /webhook/jira, GET /health and GET /metrics on webhook.port.")
final class ServeCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

    @Mixin
    ConfigOption config;

    @Option(
            names = "--host",
            defaultValue = "0.0.0.0",
            paramLabel = "ADDRESS",
            description = "Interface to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(
            names = "--observe",
            description = "Change nothing in Jira and send nothing to a channel: log and record what would be done"
                    + " (prodsupport explain KEY). Same as incidents.mode: observe for every project.")
    boolean observe;

    @Spec
    CommandSpec spec;

    /** Exit code when the service cannot start (the store, the port, Jira): said in one line, no stack trace. */
    static final int CANNOT_START = 2;

    @Override
    public Integer call() throws InterruptedException {
        Config loaded = config.loadOrReport(System.getenv(), spec.commandLine().getErr());
        if (loaded == null) {
            return ConfigOption.BAD_CONFIG;
        }
        if (observe) {
            loaded = loaded.observed();
        }
        if (loaded.webhook().allowUnsigned()) {
            log.warn(
                    "webhook.allowUnsigned is true: anyone who can reach port {} can submit events",
                    loaded.webhook().port());
        }
        PrintWriter err = spec.commandLine().getErr();
        ProdsupportService service;
        try {
            service = new Wiring(loaded).service(host);
        } catch (JiraException e) {
            err.println("prodsupport: cannot start: " + e.getMessage() + " (run `prodsupport check` for details)");
            return CANNOT_START;
        } catch (RuntimeException e) {
            err.println("prodsupport: cannot start: " + reason(e));
            return CANNOT_START;
        }
        try {
            service.start();
        } catch (RuntimeException e) {
            service.close();
            err.println("prodsupport: cannot start: " + reason(e) + " (webhook.port "
                    + loaded.webhook().port() + ")");
            return CANNOT_START;
        }
        log.info("listening on {}:{} (POST /webhook/jira, GET /health, GET /metrics)", host, service.port());
        CountDownLatch stopped = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            log.info("shutting down: finishing events in progress");
                            stopped.countDown();
                            try {
                                // the JVM exits when hooks end: hold it until in-flight events are done and the store
                                // is closed
                                closed.await(30, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        },
                        "shutdown"));
        try (service) {
            stopped.await();
        } finally {
            closed.countDown();
        }
        return 0;
    }

    /** The first message along the causes, for one line a person can act on ("Port already in use", "store …"). */
    static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage().lines().findFirst().orElse("").strip();
            }
        }
        return e.getClass().getSimpleName();
    }
}
