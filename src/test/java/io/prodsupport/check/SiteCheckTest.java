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
                        + (extraYaml.startsWith(PUBLIC_URL_LINE) ? PUBLIC_URL_LINE : "")
                        + "store:\n  url: jdbc:sqlite:" + dir.resolve("prodsupport.db") + "\n"
                        + extraYaml.replace(PUBLIC_URL_LINE, ""));
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
                        "✓ admin webhook not checked: webhook.publicUrl is not set (set it to the URL Jira calls,"
                                + " then `prodsupport webhook register`)",
                        "✓ store " + dir.resolve("prodsupport.db") + " does not exist yet; serve creates it");
        assertThat(err.toString()).isEmpty();
    }

    private static final String PUBLIC_URL = "https://ps.example.com/webhook/jira";
    private static final String PUBLIC_URL_LINE = "  publicUrl: " + PUBLIC_URL + "\n";
    /** The incident scope and, in the webhook section the check writes, {@code webhook.publicUrl}. */
    private static final String WITH_PUBLIC_URL = PUBLIC_URL_LINE + OPS_AND_SUP;

    private String webhookLine() {
        return out.toString()
                .lines()
                .filter(l -> l.contains("webhook"))
                .reduce((a, b) -> b)
                .orElse("");
    }

    @Test
    void a_registered_webhook_that_matches_passes() throws IOException {
        site(Flavour.CLOUD, true);
        client().createAdminWebhook(
                        new io.prodsupport.jira.AdminWebhook(
                                "prodsupport",
                                PUBLIC_URL,
                                WebhookSetup.EVENTS,
                                "project in (\"OPS\") AND issuetype in (\"Incident\")",
                                false,
                                true,
                                null),
                        java.util.Optional.of("s"));

        assertThat(check(WITH_PUBLIC_URL)).isZero();
        assertThat(webhookLine())
                .isEqualTo("✓ admin webhook \"prodsupport\" calls " + PUBLIC_URL
                        + " with the events and JQL filter needed (Jira never shows its secret: a wrong one shows as"
                        + " 401s in the log)");
    }

    @Test
    void no_webhook_for_the_public_url_fails_and_says_how_to_register_it() throws IOException {
        site(Flavour.DATA_CENTER, true);
        sim.webhooks().register("https://elsewhere.example.com/hook", "s");

        assertThat(check(WITH_PUBLIC_URL)).isEqualTo(1);
        assertThat(webhookLine())
                .isEqualTo("✗ no admin webhook calls " + PUBLIC_URL
                        + ": run `prodsupport webhook register` (needs a Jira administrator)");
    }

    @Test
    void a_webhook_with_a_narrower_filter_or_missing_events_fails_naming_what_differs() throws Exception {
        site(Flavour.CLOUD, true);
        io.prodsupport.jira.AdminWebhook old = new io.prodsupport.jira.AdminWebhook(
                "prodsupport",
                "https://old.example.com/webhook/jira",
                java.util.List.of("jira:issue_created"),
                "project = OPS",
                false,
                true,
                null);
        client().createAdminWebhook(old, java.util.Optional.empty());

        assertThat(check(WITH_PUBLIC_URL)).isEqualTo(1);
        assertThat(webhookLine())
                .startsWith(
                        "✗ admin webhook \"prodsupport\" does not match: URL is https://old.example.com/webhook/jira,"
                                + " not " + PUBLIC_URL
                                + "; events lack jira:issue_updated, jira:issue_deleted, comment_created,"
                                + " comment_updated; JQL filter is \"project = OPS\", not \"project in (\"OPS\") AND"
                                + " issuetype in (\"Incident\")\": run `prodsupport webhook register`");
    }

    @Test
    void an_account_that_may_not_read_webhooks_is_told_so_without_failing() throws IOException {
        site(Flavour.CLOUD, false);

        check(WITH_PUBLIC_URL);
        assertThat(webhookLine()).startsWith("✓ admin webhook not checked: the service account may not read webhooks");
    }

    private io.prodsupport.jira.HttpJiraClient client() {
        return new io.prodsupport.jira.HttpJiraClient(new io.prodsupport.jira.JiraConnection(
                java.net.URI.create(sim.baseUrl()),
                new io.prodsupport.jira.JiraCredentials.CloudToken(bot.email(), bot.apiToken()),
                java.time.Duration.ofSeconds(5),
                io.prodsupport.testing.SimulatedSite.FAST_RETRIES));
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

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void postmortem_min_priority_is_checked_against_jiras_priorities_in_their_order(Flavour flavour)
            throws IOException {
        site(flavour, true);

        assertThat(check(OPS_AND_SUP + "postmortem:\n  minPriority: high\n")).isZero();
        assertThat(out.toString())
                .contains("✓ post-mortem project SUP (Support Backlog) exists\n")
                .contains("✓ postmortem.minPriority \"high\" is one of Jira's priorities: incidents resolved at"
                        + " Highest, High get a post-mortem task\n");

        out.getBuffer().setLength(0);
        assertThat(check(OPS_AND_SUP + "postmortem:\n  minPriority: Critical\n  issueType: Review\n"))
                .isNotZero();
        assertThat(out.toString())
                .contains("✗ issue type Review not in SUP")
                .contains("✗ postmortem.minPriority \"Critical\" is not one of Jira's priorities"
                        + " (Highest, High, Medium, Low, Lowest)\n");
    }
}
