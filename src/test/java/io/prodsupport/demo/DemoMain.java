package io.prodsupport.demo;

import io.prodsupport.jirasim.Flavour;
import io.prodsupport.jirasim.JiraSimulator;
import io.prodsupport.jirasim.SimSite;
import io.prodsupport.jirasim.SimUser;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The story so far: a Jira site (the simulator, Cloud flavour) and prodsupport as it would run in production —
 * the real jar in its own process, configured by a YAML file with secrets in files. It checks the site, starts
 * the service and asks it for its health.
 */
public final class DemoMain {

    private final Path jar;
    private final Path work;

    private DemoMain(Path jar, Path work) {
        this.jar = jar;
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args.length > 0 ? args[0] : "target/prodsupport.jar").toAbsolutePath();
        Path work = Files.createTempDirectory("prodsupport-demo");
        int exit = new DemoMain(jar, work).run();
        System.exit(exit);
    }

    private int run() throws Exception {
        try (JiraSimulator sim = JiraSimulator.builder().flavour(Flavour.CLOUD).start()) {
            SimUser bot = SimSite.seed(sim).bot();
            step("A Jira Cloud site is up at " + sim.baseUrl() + " with projects OPS (Operations) and SUP"
                    + " (Support Backlog).");

            int port = freePort();
            Path config = writeConfig(sim, bot, port);
            step("prodsupport is configured by " + config + " (secrets are files beside it):");
            Files.readAllLines(config).forEach(line -> System.out.println("    " + line));

            step("$ prodsupport check --config " + config.getFileName());
            int check = prodsupport("check", "--config", config.toString()).inheritIO().start().waitFor();
            if (check != 0) {
                return fail("check failed with exit code " + check);
            }

            step("$ prodsupport serve --config " + config.getFileName() + " --host 127.0.0.1");
            Process serve = prodsupport("serve", "--config", config.toString(), "--host", "127.0.0.1")
                    .redirectErrorStream(true)
                    .redirectOutput(work.resolve("serve.log").toFile())
                    .start();
            try {
                String health = awaitHealth(port, serve);
                step("GET http://127.0.0.1:" + port + "/health → " + health);
                Files.readAllLines(work.resolve("serve.log")).forEach(line -> System.out.println("    " + line));
                step("Jira saw " + sim.calls().total() + " calls from prodsupport: " + sim.calls().snapshot());
                sim.assertNoSpecViolations();
                step("Every request prodsupport sent conformed to Atlassian's OpenAPI spec.");
            } finally {
                serve.destroy();
                serve.waitFor();
            }
        }
        step("Done.");
        return 0;
    }

    private Path writeConfig(JiraSimulator sim, SimUser bot, int port) throws IOException {
        Files.writeString(work.resolve("jira-token"), bot.apiToken() + "\n");
        Files.writeString(work.resolve("webhook-secret"), "demo-webhook-secret\n");
        return Files.writeString(work.resolve("prodsupport.yml"), String.join("\n", List.of(
                "jira:",
                "  baseUrl: " + sim.baseUrl(),
                "  email: " + bot.email(),
                "  apiToken: file:" + work.resolve("jira-token"),
                "webhook:",
                "  port: " + port,
                "  secrets: [\"file:" + work.resolve("webhook-secret") + "\"]",
                "store:",
                "  url: jdbc:sqlite:" + work.resolve("prodsupport.db"),
                "incidents:",
                "  projects: [OPS]",
                "  issueTypes: [Incident]",
                "followUps:",
                "  project: SUP",
                "onCall:",
                "  rotation: [alice, bob]",
                "  start: 2026-01-05T09:00:00Z",
                "")));
    }

    private ProcessBuilder prodsupport(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    private static String awaitHealth(int port, Process serve) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                .timeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            if (!serve.isAlive()) {
                throw new IllegalStateException("prodsupport serve exited with " + serve.exitValue());
            }
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return response.body();
                }
            } catch (IOException notYetListening) {
                // the JVM is still starting
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("prodsupport serve did not answer /health within 30 s");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void step(String text) {
        System.out.println();
        System.out.println("▶ " + text);
        System.out.flush();
    }

    private static int fail(String why) {
        System.out.println("✗ demo failed: " + why);
        return 1;
    }
}
