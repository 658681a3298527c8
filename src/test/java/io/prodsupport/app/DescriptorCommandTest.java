package io.prodsupport.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DescriptorCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();

    private int run(String... args) {
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(new StringWriter(), true));
        return cli.execute(args);
    }

    private Path config(String webhookYaml) throws Exception {
        Path token = Files.writeString(dir.resolve("token"), "t\n");
        return Files.writeString(
                dir.resolve("prodsupport.yml"),
                "jira:\n  baseUrl: https://acme.atlassian.net\n  email: bot@acme.test\n  apiToken: file:" + token
                        + "\nwebhook:\n  allowUnsigned: true\n" + webhookYaml + "incidents:\n  projects: [OPS]\n");
    }

    @Test
    void the_webhook_registration_carries_the_public_url() throws Exception {
        Path config = config("  publicUrl: https://ps.acme.test/hooks/jira\n");

        assertThat(run(
                        "descriptor",
                        "--config",
                        config.toString(),
                        "--out",
                        dir.resolve("out").toString()))
                .isZero();

        assertThat(new ObjectMapper()
                        .readTree(dir.resolve("out/webhook.json").toFile())
                        .path("url")
                        .asText())
                .isEqualTo("https://ps.acme.test/hooks/jira");
        assertThat(out.toString()).doesNotContain("placeholder");
    }

    @Test
    void without_a_public_url_it_says_the_url_is_a_placeholder() throws Exception {
        assertThat(run(
                        "descriptor",
                        "--config",
                        config("").toString(),
                        "--out",
                        dir.resolve("out").toString()))
                .isZero();

        assertThat(Files.readString(dir.resolve("out/webhook.json")))
                .contains("https://prodsupport.example.com/webhook/jira");
        assertThat(out.toString()).contains("webhook.json has a placeholder URL: set webhook.publicUrl");
    }

    @Test
    void by_default_it_writes_into_the_home_folder_not_into_a_checkout() {
        String defaultOut = Main.commandLine()
                .getSubcommands()
                .get("descriptor")
                .getCommandSpec()
                .findOption("--out")
                .defaultValue();

        assertThat(Path.of(defaultOut)).isEqualTo(Path.of(System.getProperty("user.home"), "prodsupport-descriptor"));
    }
}
