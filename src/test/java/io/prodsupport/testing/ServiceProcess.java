package io.prodsupport.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code prodsupport serve} in a JVM of its own ({@code java -cp <test classpath> io.prodsupport.app.Main serve}), so
 * that it can be killed as an operator's {@code kill -9} would: no shutdown hook, no drain, claims left behind.
 */
public final class ServiceProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private ServiceProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts {@code serve} on {@code config} and waits until it answers {@code /health/live}. */
    public static ServiceProcess start(Path config, int port, Path log) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(
                        java,
                        "-Xmx256m",
                        "-XX:TieredStopAtLevel=1",
                        // the service's own logging (INFO), not the tests' quiet one, into its log file
                        "-Dlogback.configurationFile="
                                + ServiceProcess.class.getClassLoader().getResource("logback.xml"),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "io.prodsupport.app.Main",
                        "serve",
                        "--config",
                        config.toString(),
                        "--host",
                        "127.0.0.1"))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        // a test JVM that dies must not leave its services running
        Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly, "stop-serve-" + port));
        ServiceProcess service = new ServiceProcess(p, port, log);
        service.awaitLive(Duration.ofSeconds(90));
        return service;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public Path log() {
        return log;
    }

    private void awaitLive(Duration max) throws InterruptedException, IOException {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("serve exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<Void> r = http.send(
                        HttpRequest.newBuilder(URI.create(baseUrl() + "/health/live"))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("serve did not answer /health/live within " + max + "; see " + log);
    }

    /** The name the instance's inbox worker claims events under, from its start-up log line. */
    public String workerName() {
        try {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("inbox worker (worker-[0-9a-f-]+) started")
                    .matcher(java.nio.file.Files.readString(log));
            if (m.find()) {
                return m.group(1);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        throw new IllegalStateException("no 'inbox worker … started' line in " + log);
    }

    /** {@code kill -9}: SIGKILL, nothing runs in the process after it. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** The status {@code /health} answers now, or -1 when the process does not answer. */
    public int health() {
        try {
            return HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(baseUrl() + "/health"))
                                    .timeout(Duration.ofSeconds(3))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** A polite stop (SIGTERM): the service drains and closes. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(
                    java.util.concurrent.TimeUnit.SECONDS.toMillis(20), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
