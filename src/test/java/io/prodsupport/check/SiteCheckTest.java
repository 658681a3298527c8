package io.prodsupport.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.prodsupport.app.Main;
import io.prodsupport.jirasim.Flavour;
import io.prodsupport.jirasim.JiraSimulator;
import io.prodsupport.jirasim.SimSite;
import io.prodsupport.jirasim.SimUser;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine;

/** {@code prodsupport check} end to end: the real command line, the real client, the simulator over HTTP. */
class SiteCheckTest {

    @TempDir
    Path dir;

    private JiraSimulator sim;
    private SimUser bot;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private GreenMail mail;

    @AfterEach
    void noRequestBrokeTheSpec() {
        if (mail != null) {
            mail.stop();
        }
        if (sim != null) {
            sim.assertNoSpecViolations();
            sim.close();
        }
    }

    private void site(Flavour flavour, boolean botIsAdmin) {
        sim = JiraSimulator.builder().flavour(flavour).start();
        bot = SimSite.seed(sim, botIsAdmin).bot();
    }

    private int check(String extraYaml) throws IOException {
        return check(
                sim.baseUrl(),
                credentials(bot.apiToken() != null ? bot.apiToken() : bot.personalAccessToken()),
                extraYaml);
    }

    private String credentials(String secret) throws IOException {
        Path token = Files.writeString(dir.resolve("token"), secret + "\n");
        return sim.flavour() == Flavour.CLOUD
                ? "  email: " + bot.email() + "\n  apiToken: file:" + token + "\n"
                : "  personalAccessToken: file:" + token + "\n";
    }

    private int check(String baseUrl, String credentials, String extraYaml) throws IOException {
        Path config = Files.writeString(
                dir.resolve("prodsupport.yml"),
                "jira:\n  baseUrl: " + baseUrl + "\n"
                        + credentials
                        + "  retries: {maxAttempts: 2, maxWait: PT1S}\n"
                        + "webhook:\n  allowUnsigned: true\n"
                        + "store:\n  url: jdbc:sqlite:" + dir.resolve("prodsupport.db") + "\n"
                        + extraYaml);
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute("check", "--config", config.toString());
    }

    private static final String OPS_AND_SUP = """
            incidents:
              projects: [OPS]
              issueTypes: [Incident]
            followUps:
              project: SUP
              issueType: Task
              linkType: Relates
            """;

    @Test
    void a_well_configured_cloud_site_passes_every_line() throws IOException {
        site(Flavour.CLOUD, true);

        assertThat(check(OPS_AND_SUP)).isZero();
        assertThat(out.toString().lines().toList().get(1))
                .matches("✓ Jira reachable at " + sim.baseUrl() + " \\(Cloud, version [0-9][^)]*\\)");
        assertThat(out.toString().lines().filter(l -> !l.contains("Jira reachable")))
                .containsExactly(
                        "✓ configuration " + dir.resolve("prodsupport.yml") + " is valid",
                        "✓ credentials valid: signed in as Prodsupport Bot (" + bot.accountId() + ")",
                        "✓ incident project OPS (Operations) exists",
                        "✓ issue type Incident exists in OPS",
                        "✓ fix version \"Production Support\" is missing in OPS and will be created on the first incident",
                        "✓ follow-up project SUP (Support Backlog) exists",
                        "✓ issue type Task exists in SUP",
                        "✓ link type \"Relates\" exists",
                        "✓ store " + dir.resolve("prodsupport.db") + " does not exist yet; serve creates it");
        assertThat(err.toString()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void every_configured_person_is_looked_up_and_one_jira_does_not_know_fails_with_how_to_name_them(Flavour flavour)
            throws IOException {
        site(flavour, true);
        SimUser alice = sim.user("alice");
        String aliceRef = flavour == Flavour.CLOUD ? alice.accountId() : "alice";

        int exit = check(OPS_AND_SUP.replace(
                        "  issueTypes: [Incident]\n",
                        "  issueTypes: [Incident]\n" + "  watchers: [" + aliceRef + ", bob@example.com]\n")
                + "onCall:\n  rotation: [" + aliceRef + "]\n  start: 2026-01-05T09:00:00Z\n  period: P7D\n");

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString())
                .contains("✓ incidents.watchers and onCall.rotation: " + aliceRef + " is Alice Oncall")
                .contains("✗ incidents.watchers: bob@example.com is not a Jira user; on "
                        + (flavour == Flavour.CLOUD ? "Cloud people are named by accountId" : "Data Center"));
    }

    @Test
    void a_data_center_site_is_checked_with_a_personal_access_token() throws IOException {
        site(Flavour.DATA_CENTER, true);

        assertThat(check(OPS_AND_SUP)).isZero();
        assertThat(out.toString())
                .contains("(Data Center, version ")
                .contains("✓ credentials valid: signed in as Prodsupport Bot (prodsupport-bot)");
    }

    @Test
    void an_existing_fix_version_is_reported_as_existing() throws IOException {
        site(Flavour.CLOUD, false);
        sim.addVersion("OPS", "Production Support");

        assertThat(check(OPS_AND_SUP)).isZero();
        assertThat(out.toString()).contains("✓ fix version \"Production Support\" exists in OPS");
    }

    @Test
    void a_missing_fix_version_the_account_may_not_create_fails() throws IOException {
        site(Flavour.CLOUD, false);

        assertThat(check(OPS_AND_SUP)).isEqualTo(1);
        assertThat(out.toString())
                .contains("✗ fix version \"Production Support\" is missing in OPS and Prodsupport"
                        + " Bot may not create it: create it by hand or grant Administer Projects");
    }

    @Test
    void a_wrong_token_is_named_as_such_and_nothing_else_is_tried() throws IOException {
        site(Flavour.CLOUD, true);
        int sent = sim.calls().total();

        assertThat(check(sim.baseUrl(), credentials("not-the-token"), OPS_AND_SUP))
                .isEqualTo(1);
        assertThat(out.toString()).contains("✗ credentials rejected by Jira (401): check jira.email and jira.apiToken");
        assertThat(out.toString()).doesNotContain("project").doesNotContain("not-the-token");
        assertThat(sim.calls().total() - sent).isEqualTo(1); // serverInfo refuses wrong credentials already
    }

    @Test
    void an_unknown_project_and_missing_types_are_each_one_line() throws IOException {
        site(Flavour.CLOUD, true);

        assertThat(check("""
                incidents:
                  projects: [OPS, NOPE]
                  issueTypes: [Outage]
                followUps:
                  project: SUP
                  issueType: Chore
                  linkType: Relatez
                """)).isEqualTo(1);
        assertThat(out.toString())
                .contains("✗ issue type Outage not in OPS (it has: ")
                .contains("✗ incident project NOPE: not found, or not visible to the service account")
                .contains("✗ issue type Chore not in SUP (it has: ")
                .contains("✗ link type \"Relatez\" not found (Jira has: Blocks, Cloners, Duplicate, Relates)");
    }

    @Test
    void an_unreachable_host_is_one_line_and_the_exit_code_is_1() throws IOException {
        site(Flavour.CLOUD, true);
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort;

        assertThat(check(url, credentials(bot.apiToken()), OPS_AND_SUP)).isEqualTo(1);
        assertThat(out.toString().lines().toList()).hasSize(3);
        assertThat(out.toString()).contains("✗ Jira not reachable at " + url + ": ");
    }

    /** A mailbox (GreenMail IMAP) with incidents@example.com; {@code folders} are created in it. */
    private void mailbox(String... folders) throws Exception {
        mail = new GreenMail(ServerSetupTest.IMAP.dynamicPort())
                .withConfiguration(GreenMailConfiguration.aConfig()
                        .withUser("incidents@example.com", "incidents@example.com", "mail-pw"));
        mail.start();
        jakarta.mail.Store store =
                jakarta.mail.Session.getInstance(new java.util.Properties()).getStore("imap");
        store.connect("127.0.0.1", mail.getImap().getPort(), "incidents@example.com", "mail-pw");
        for (String folder : folders) {
            store.getFolder(folder).create(jakarta.mail.Folder.HOLDS_MESSAGES);
        }
        store.close();
    }

    private String mailYaml(String password, String more) throws IOException {
        Path secret = Files.writeString(dir.resolve("mail-password"), password + "\n");
        return "mail:\n  imap:\n    host: 127.0.0.1\n    port: "
                + mail.getImap().getPort() + "\n    tls: false\n"
                + "    username: incidents@example.com\n    password: file:" + secret + "\n" + more;
    }

    @Test
    void a_mailbox_is_signed_in_to_and_each_folder_is_one_line() throws Exception {
        site(Flavour.CLOUD, true);
        mailbox("Processed");

        assertThat(check(OPS_AND_SUP + mailYaml("mail-pw", "  doneFolder: Processed\n  unmatchedFolder: Unmatched\n")))
                .isZero();

        String mailbox = "incidents@example.com at 127.0.0.1:" + mail.getImap().getPort();
        assertThat(out.toString().lines().dropWhile(l -> !l.contains("mailbox")))
                .containsExactly(
                        "✓ mailbox " + mailbox + ": signed in, new mail arrives by IMAP IDLE",
                        "✓ folder \"INBOX\" exists (0 message(s) in it)",
                        "✓ done folder \"Processed\" exists",
                        "✓ unmatched folder \"Unmatched\" is missing and will be created on first use",
                        "✓ store " + dir.resolve("prodsupport.db") + " does not exist yet; serve creates it");
    }

    @Test
    void without_done_and_unmatched_folders_the_check_says_where_messages_stay() throws Exception {
        site(Flavour.DATA_CENTER, true);
        mailbox();

        assertThat(check(OPS_AND_SUP + mailYaml("mail-pw", ""))).isZero();

        assertThat(out.toString())
                .contains("✓ no done folder (mail.doneFolder): those messages stay in \"INBOX\", flagged"
                        + " prodsupport-done")
                .contains("✓ no unmatched folder (mail.unmatchedFolder): those messages stay in \"INBOX\", flagged"
                        + " prodsupport-unmatched");
    }

    @Test
    void a_wrong_mailbox_password_or_a_missing_folder_fails_its_line() throws Exception {
        site(Flavour.CLOUD, true);
        mailbox();

        assertThat(check(OPS_AND_SUP + mailYaml("not-the-mail-pw", ""))).isEqualTo(1);
        assertThat(out.toString())
                .contains("✓ link type \"Relates\" exists")
                .contains("✗ mailbox incidents@example.com at 127.0.0.1:"
                        + mail.getImap().getPort() + ": cannot sign in (AuthenticationFailedException: ")
                .contains("check mail.imap.host, port, tls, username and password")
                .doesNotContain("not-the-mail-pw")
                .doesNotContain("folder");

        out.getBuffer().setLength(0);
        assertThat(check(OPS_AND_SUP
                        + mailYaml("mail-pw", "")
                                .replace("    tls: false\n", "    tls: false\n    folder: Incidents\n")))
                .isEqualTo(1);
        assertThat(out.toString())
                .contains("✗ folder \"Incidents\" does not exist: name an existing folder in mail.imap.folder");
    }
}
