package io.prodsupport.app;

import io.prodsupport.config.Config;
import io.prodsupport.jira.JiraException;
import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Run the service: POST /webhook/jira, GET /health and GET /metrics on webhook.port.")
final class ServeCommand extends ConfiguredCommand {

    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

    @Option(
            names = "--host",
            paramLabel = "ADDRESS",
            description = "Interface to listen on (default: webhook.host of the config, else 0.0.0.0).")
    String host;

    @Option(
            names = "--observe",
            description = "Change nothing in Jira and send nothing to a channel: log and record what would be done"
                    + " (prodsupport explain KEY). Same as incidents.mode: observe for every project.")
    boolean observe;

    /** Exit code when the service cannot start (the store, the port, Jira): said in one line, no stack trace. */
    static final int CANNOT_START = 2;

    @Override
    int run(Config loaded, PrintWriter out, PrintWriter err) throws InterruptedException {
        if (observe) {
            loaded = loaded.observed();
        }
        if (loaded.webhook().allowUnsigned()) {
            log.warn(
                    "webhook.allowUnsigned is true: anyone who can reach port {} can submit events",
                    loaded.webhook().port());
        }
        String listenOn = host != null ? host : loaded.webhook().host();
        ProdsupportService service;
        try {
            service = new Wiring(loaded).service(listenOn);
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
        log.info(
                "listening on {}:{} over {} (POST /webhook/jira, GET /health, GET /metrics)",
                listenOn,
                service.port(),
                loaded.webhook().tls() != null ? "HTTPS" : "HTTP");
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
