package io.prodsupport.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.prodsupport.jirasim.JiraSimulator;
import io.prodsupport.jirasim.SimSite;
import io.prodsupport.testing.SelfSignedCertificate;
import io.prodsupport.testing.SimulatedService;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

class CommandLineTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void help_lists_the_subcommands() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString())
                .contains("Usage: prodsupport")
                .contains("serve")
                .contains("check");
    }

    @Test
    void version_is_printed() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).startsWith("prodsupport ");
    }

    @Test
    void every_subcommand_prints_the_version() {
        List<String> commands = new ArrayList<>();
        collect(Main.commandLine(), List.of(), commands);
        assertThat(commands).contains("serve", "check", "backfill");

        for (String command : commands) {
            out.getBuffer().setLength(0);
            List<String> args = new ArrayList<>(List.of(command.split(" ")));
            args.add("--version");

            assertThat(run(args.toArray(String[]::new))).as(command).isZero();
            assertThat(out.toString()).as(command + " --version").startsWith("prodsupport ");
        }
    }

    /** Every command below {@code cli} (nested ones as "webhook register"), except picocli's own {@code help}. */
    private static void collect(CommandLine cli, List<String> prefix, List<String> into) {
        cli.getSubcommands().forEach((name, sub) -> {
            if (sub.getCommand() instanceof CommandLine.HelpCommand) {
                return;
            }
            List<String> path = new ArrayList<>(prefix);
            path.add(name);
            into.add(String.join(" ", path));
            collect(sub, path, into);
        });
    }

    @Test
    void an_unknown_option_gets_picoclis_message_and_exit_code_2() {
        assertThat(run("check", "--colour")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown option: '--colour'");
    }

    @Test
    void a_bad_config_is_refused_before_anything_starts_with_exit_code_2(@TempDir Path dir) throws IOException {
        Path config = Files.writeString(dir.resolve("prodsupport.yml"), """
                jira:
                  baseUrl: ftp://nope
                  apiToken: plain-text-very-secret
                incidents:
                  projects: [OPS]
                """);

        assertThat(run("serve", "--config", config.toString())).isEqualTo(2);
        assertThat(err.toString())
                .contains("cannot be used")
                .contains("  jira.baseUrl: malformed URL \"ftp://nope\"")
                .contains("  jira.apiToken: secrets are not written in the file")
                .contains("  webhook.secrets: no secret")
                .doesNotContain("very-secret");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void a_missing_config_file_is_named(@TempDir Path dir) {
        assertThat(run("check", "--config", dir.resolve("nope.yml").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("nope.yml: config file not found");
    }

    @Test
    void serve_on_a_port_in_use_says_so_in_one_line_and_exits_2_after_logging_where_the_store_is(@TempDir Path dir)
            throws IOException {
        Logger wiring = (Logger) LoggerFactory.getLogger(ServiceAssembly.class);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        wiring.addAppender(log);
        Level before = wiring.getLevel();
        wiring.setLevel(Level.INFO);
        try (JiraSimulator sim = JiraSimulator.builder().start();
                ServerSocket taken = new ServerSocket(0)) {
            Path config = SimulatedService.config(SimSite.seed(sim), dir, taken.getLocalPort(), "");

            assertThat(run("serve", "--config", config.toString(), "--host", "127.0.0.1"))
                    .isEqualTo(2);

            assertThat(err.toString().strip())
                    .startsWith("prodsupport: cannot start: ")
                    .contains("webhook.port " + taken.getLocalPort())
                    .doesNotContain("\tat ")
                    .hasLineCount(1);
            assertThat(log.list)
                    .map(ILoggingEvent::getFormattedMessage)
                    .contains("store: SQLite file "
                            + dir.resolve("prodsupport.db").toAbsolutePath());
        } finally {
            wiring.setLevel(before);
            wiring.detachAppender(log);
        }
    }

    @Test
    void serve_with_a_missing_certificate_says_so_in_one_line_and_exits_2_before_calling_jira(@TempDir Path dir)
            throws IOException {
        try (ServerSocket closed = new ServerSocket(0)) {
            int nobodyListens = closed.getLocalPort();
            closed.close();
            Path key = Files.writeString(dir.resolve("key.pem"), "");
            Path token = Files.writeString(dir.resolve("token"), "pat");
            Path config = Files.writeString(
                    dir.resolve("prodsupport.yml"), """
                    jira:
                      baseUrl: http://127.0.0.1:%d
                      personalAccessToken: file:%s
                    webhook:
                      allowUnsigned: true
                      tls:
                        certFile: %s
                        keyFile: %s
                    incidents:
                      projects: [OPS]
                    """.formatted(nobodyListens, token, dir.resolve("cert.pem"), key));

            assertThat(run("serve", "--config", config.toString())).isEqualTo(2);

            assertThat(err.toString().strip())
                    .isEqualTo("prodsupport: cannot start: webhook.tls.certFile " + dir.resolve("cert.pem")
                            + ": no such file");
        }
    }

    @Test
    void check_reads_the_tls_files_as_serve_would_and_fails_on_a_key_that_is_not_the_certificates(@TempDir Path dir)
            throws IOException {
        SelfSignedCertificate tls = SelfSignedCertificate.ec();
        Path cert = tls.writeCertificate(dir.resolve("cert.pem"));
        Path key = tls.writePkcs8Key(dir.resolve("key.pem"));
        Path otherKey = SelfSignedCertificate.ec().writePkcs8Key(dir.resolve("other.pem"));
        try (JiraSimulator sim = JiraSimulator.builder().start()) {
            Path config = SimulatedService.config(SimSite.seed(sim), dir, SimulatedService.freePort(), "");
            String yaml = Files.readString(config);
            Files.writeString(
                    config,
                    yaml.replace("webhook:\n", "webhook:\n  tls: {certFile: " + cert + ", keyFile: " + key + "}\n"));

            assertThat(run("check", "--config", config.toString()))
                    .as(out.toString())
                    .isZero();
            assertThat(out.toString())
                    .contains("✓ webhook.tls: the certificate of CN=prodsupport.test matches its key, valid until ");

            out.getBuffer().setLength(0);
            Files.writeString(
                    config,
                    yaml.replace(
                            "webhook:\n", "webhook:\n  tls: {certFile: " + cert + ", keyFile: " + otherKey + "}\n"));

            assertThat(run("check", "--config", config.toString())).isEqualTo(1);
            assertThat(out.toString())
                    .contains("✗ webhook.tls.keyFile " + otherKey + " is not the key of the certificate in"
                            + " webhook.tls.certFile " + cert + " (CN=prodsupport.test)")
                    .contains("✓ Jira reachable at " + sim.baseUrl());
        }
    }

    @Test
    void serve_with_an_unreachable_store_says_so_in_one_line_and_exits_2(@TempDir Path dir) throws IOException {
        try (JiraSimulator sim = JiraSimulator.builder().start();
                ServerSocket closed = new ServerSocket(0)) {
            int nobodyListens = closed.getLocalPort();
            closed.close();
            Path config = SimulatedService.config(
                    SimSite.seed(sim),
                    dir,
                    SimulatedService.freePort(),
                    "store:\n  url: jdbc:postgresql://127.0.0.1:" + nobodyListens + "/prodsupport\n");

            assertThat(run("serve", "--config", config.toString(), "--host", "127.0.0.1"))
                    .isEqualTo(2);

            assertThat(err.toString().strip())
                    .startsWith("prodsupport: cannot start: ")
                    .doesNotContain("\tat ")
                    .hasLineCount(1);
        }
    }
}
