package io.prodsupport.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.prodsupport.config.Config;
import io.prodsupport.jirasim.JiraSimulator;
import io.prodsupport.jirasim.SimSite;
import io.prodsupport.testing.SelfSignedCertificate;
import io.prodsupport.testing.SimulatedService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release archive as an administrator gets it: {@code target/prodsupport-VERSION.tar.gz}, built by
 * {@code mvn package}, unpacked with tar in a temporary folder and run through its own launcher in child processes.
 * Runs in Maven's integration-test phase (failsafe), after the archive exists.
 */
class ReleaseArchiveIT {

    private static final String VERSION = System.getProperty("prodsupport.version");
    private static final Path ARCHIVE = Path.of(System.getProperty("prodsupport.releaseArchive", "missing"));

    @TempDir
    static Path unpacked;

    static Path home;

    @BeforeAll
    static void unpack() throws Exception {
        assertThat(ARCHIVE).as("mvn package builds the release archive").isRegularFile();
        Result tar = run(unpacked, Map.of(), "tar", "-xzf", ARCHIVE.toString(), "-C", unpacked.toString());
        assertThat(tar.exit).as(tar.output).isZero();
        home = unpacked.resolve("prodsupport-" + VERSION);
    }

    @Test
    void the_archive_holds_the_jar_the_launcher_the_example_config_the_unit_and_the_changelog() throws Exception {
        Result list = run(unpacked, Map.of(), "tar", "-tzvf", ARCHIVE.toString());

        assertThat(list.exit).isZero();
        String base = "prodsupport-" + VERSION + "/";
        assertThat(list.output)
                .contains(base + "lib/prodsupport.jar")
                .contains(base + "bin/prodsupport")
                .contains(base + "prodsupport.example.yml")
                .contains(base + "systemd/prodsupport.service")
                .contains(base + "CHANGELOG.md")
                .contains(base + "README.md");
        assertThat(list.output.lines().filter(l -> l.endsWith(base + "bin/prodsupport")))
                .singleElement()
                .asString()
                .startsWith("-rwxr-xr-x");
    }

    @Test
    void the_launcher_prints_the_version_from_any_working_directory_and_through_a_symlink(@TempDir Path elsewhere)
            throws Exception {
        Result direct = run(elsewhere, java(), home.resolve("bin/prodsupport").toString(), "--version");
        assertThat(direct.exit).as(direct.output).isZero();
        assertThat(direct.output).startsWith("prodsupport " + VERSION + "\n");

        Path link = Files.createSymbolicLink(elsewhere.resolve("prodsupport"), home.resolve("bin/prodsupport"));
        Result linked = run(elsewhere, java(), link.toString(), "serve", "--version");
        assertThat(linked.exit).as(linked.output).isZero();
        assertThat(linked.output).startsWith("prodsupport " + VERSION + "\n");
    }

    @Test
    void check_passes_against_the_simulator(@TempDir Path dir) throws Exception {
        try (JiraSimulator sim = JiraSimulator.builder().start()) {
            Path config = SimulatedService.config(SimSite.seed(sim), dir, SimulatedService.freePort(), "");

            Result check = run(
                    dir, java(), home.resolve("bin/prodsupport").toString(), "check", "--config", config.toString());

            assertThat(check.exit).as(check.output).isZero();
            assertThat(check.output)
                    .contains("✓ configuration " + config + " is valid")
                    .contains("✓ Jira reachable at " + sim.baseUrl())
                    .doesNotContain("✗");
        }
    }

    @Test
    void serve_from_the_archive_over_https_logs_json_lines_with_the_store_path_and_the_incidents_key(@TempDir Path dir)
            throws Exception {
        SelfSignedCertificate tls = SelfSignedCertificate.ec();
        Path cert = tls.writeCertificate(dir.resolve("cert.pem"));
        Path key = tls.writePkcs8Key(dir.resolve("key.pem"));
        try (JiraSimulator sim = JiraSimulator.builder().start()) {
            SimSite site = SimSite.seed(sim);
            // filed before serve starts: the sweep's first run at start queues it, the worker wraps it
            String incident = sim.createIssue("OPS", "Incident", "Checkout down", "500s on /checkout", site.carol());
            int port = SimulatedService.freePort();
            Path config = SimulatedService.config(site, dir, port, "logging: {format: json, level: INFO}\n");
            String yaml = Files.readString(config)
                    .replace("webhook:\n", "webhook:\n  tls: {certFile: " + cert + ", keyFile: " + key + "}\n")
                    // relative: the file lands in serve's working directory, and the log says where that is
                    .replaceAll("(?m)^  url: jdbc:sqlite:.*$", "  url: jdbc:sqlite:relative.db");
            Files.writeString(config, yaml);
            Path log = dir.resolve("serve.log");

            ProcessBuilder command = new ProcessBuilder(
                            home.resolve("bin/prodsupport").toString(),
                            "serve",
                            "--config",
                            config.toString(),
                            "--host",
                            "127.0.0.1")
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            command.environment().putAll(java());
            Process serve = command.start();
            try {
                OkHttpClient https = tls.trustingClient();
                await().atMost(Duration.ofMinutes(1)).until(() -> live(https, port) || !serve.isAlive());
                assertThat(serve.isAlive()).as(Files.readString(log)).isTrue();
                await().atMost(Duration.ofMinutes(1))
                        .until(() -> sim.issue(incident).fixVersions().contains("Production Support"));
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> jsonLines(log).stream()
                                .anyMatch(j -> j.path("message").asText().contains("fix version")));
            } finally {
                serve.destroy(); // SIGTERM, as systemctl stop
                assertThat(serve.waitFor(1, TimeUnit.MINUTES)).isTrue();
            }

            assertThat(serve.exitValue()).isEqualTo(143);
            List<JsonNode> lines = jsonLines(log);
            assertThat(lines)
                    .as(Files.readString(log))
                    .anySatisfy(j -> assertThat(j.path("message").asText())
                            .isEqualTo("store: SQLite file "
                                    + dir.resolve("relative.db")
                                            .toAbsolutePath()
                                            .normalize()))
                    .anySatisfy(j -> assertThat(j.path("message").asText())
                            .startsWith("listening on 127.0.0.1:" + port + " over HTTPS"))
                    .anySatisfy(j -> {
                        assertThat(j.path("issue").asText()).isEqualTo(incident);
                        assertThat(j.path("message").asText()).contains("fix version \"Production Support\"");
                    })
                    .allSatisfy(j -> assertThat(j.path("@timestamp").asText()).endsWith("Z"));
            assertThat(dir.resolve("relative.db")).exists();
        }
    }

    private static boolean live(OkHttpClient https, int port) {
        try (Response r = https.newCall(new Request.Builder()
                        .url("https://127.0.0.1:" + port + "/health/live")
                        .build())
                .execute()) {
            return r.code() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /** Every line of the log, each of which must be a JSON object. */
    private static List<JsonNode> jsonLines(Path log) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            try {
                lines.add(json.readTree(line));
            } catch (IOException e) {
                throw new AssertionError("not a JSON line: " + line, e);
            }
        }
        return lines;
    }

    @Test
    void the_unit_keeps_the_sqlite_file_in_its_state_directory_whatever_the_working_directory() throws Exception {
        String unit = Files.readString(home.resolve("systemd/prodsupport.service"));
        assertThat(unit)
                .containsPattern("(?m)^DynamicUser=yes$")
                .containsPattern("(?m)^StateDirectory=prodsupport$")
                .containsPattern("(?m)^Restart=on-failure$")
                .containsPattern("(?m)^NoNewPrivileges=yes$")
                .containsPattern("(?m)^ProtectSystem=strict$")
                .containsPattern("(?m)^ProtectHome=yes$")
                .containsPattern("(?m)^PrivateTmp=yes$");
        Map<String, String> env = new HashMap<>();
        Matcher m = Pattern.compile("(?m)^Environment=(\\w+)=(.*)$").matcher(unit);
        while (m.find()) {
            env.put(m.group(1), m.group(2));
        }
        env.put("JIRA_API_TOKEN", "t");
        env.put("PRODSUPPORT_WEBHOOK_SECRET", "s");

        // the example config as the unit runs it: store.url comes from the unit's environment
        Config config = ConfigLoaders.withTemplateSections(env).load(home.resolve("prodsupport.example.yml"));
        assertThat(config.store().url()).isEqualTo("jdbc:sqlite:/var/lib/prodsupport/prodsupport.db");
        // ... and without it, the example's own default is the same absolute path
        env.remove("PRODSUPPORT_STORE_URL");
        Config standalone = ConfigLoaders.withTemplateSections(env).load(home.resolve("prodsupport.example.yml"));
        assertThat(standalone.store().url()).isEqualTo("jdbc:sqlite:/var/lib/prodsupport/prodsupport.db");
    }

    @Test
    void systemd_analyze_verifies_the_unit(@TempDir Path dir) throws Exception {
        assumeTrue(onPath("systemd-analyze"), "systemd-analyze is not installed here");
        // the unit as installed from this archive: ExecStart names a launcher that exists (verify checks it)
        String unit =
                Files.readString(home.resolve("systemd/prodsupport.service")).replace("/opt/prodsupport/", home + "/");
        Path file = Files.writeString(dir.resolve("prodsupport.service"), unit);

        Result verify = run(dir, Map.of(), "systemd-analyze", "verify", file.toString());

        assertThat(verify.exit).as(verify.output).isZero();
        // verify also warns about other units of the machine it runs on; none may be about this one
        assertThat(verify.output.lines().filter(l -> l.contains("prodsupport")))
                .as(verify.output)
                .isEmpty();
    }

    private static Map<String, String> java() {
        return Map.of("JAVA_HOME", System.getProperty("java.home"));
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    private record Result(int exit, String output) {}

    /** Runs a child process in {@code dir} with stdout and stderr together; a minute at most. */
    private static Result run(Path dir, Map<String, String> env, String... command)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(List.of(command)))
                .directory(dir.toFile())
                .redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(1, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not end within a minute");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
