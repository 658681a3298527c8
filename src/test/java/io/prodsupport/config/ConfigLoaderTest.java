package io.prodsupport.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prodsupport.app.ConfigLoaders;
import io.prodsupport.testing.MinimalConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    private static final String MINIMAL = MinimalConfig.YAML;

    private final Map<String, String> env = new HashMap<>(Map.of(
            "JIRA_API_TOKEN", "tok-123-very-secret",
            "HOOK_SECRET", "hook-456-very-secret"));

    private Config load(String yaml) {
        return ConfigLoaders.withTemplateSections(env).parse(yaml, "prodsupport.yml");
    }

    private List<String> problems(String yaml) {
        try {
            load(yaml);
        } catch (ConfigException e) {
            assertThat(e.getMessage()).doesNotContain("very-secret");
            return e.problems();
        }
        throw new AssertionError("expected the config to be refused");
    }

    @Test
    void a_minimal_cloud_config_loads_with_the_documented_defaults() {
        Config c = load(MINIMAL);

        assertThat(c.jira().baseUrl()).isEqualTo(URI.create("https://acme.atlassian.net"));
        assertThat(c.jira().apiToken().value()).isEqualTo("tok-123-very-secret");
        assertThat(c.jira().usesPersonalAccessToken()).isFalse();
        assertThat(c.jira().timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.jira().retries().maxAttempts()).isEqualTo(5);
        assertThat(c.webhook().port()).isEqualTo(8080);
        assertThat(c.webhook().secrets()).extracting(Secret::value).containsExactly("hook-456-very-secret");
        assertThat(c.store().url()).isEqualTo("jdbc:sqlite:prodsupport.db");
        assertThat(c.incidents().fixVersion()).isEqualTo("Production Support");
        assertThat(c.incidents().requiredOnClose())
                .containsExactly("Symptoms", "Root Cause(s)", "Fixes for the Root Cause");
        assertThat(c.followUps().project()).isEqualTo("OPS");
        assertThat(c.followUps().issueType()).isEqualTo("Task");
        assertThat(c.followUps().linkType()).isEqualTo("Relates");
        assertThat(c.followUps().labels()).containsExactly("prevention");
        assertThat(c.onCall().period()).isEqualTo(Duration.ofDays(7));
        assertThat(c.notifications().slack()).isNull();
    }

    @Test
    void webhook_host_defaults_to_every_interface_and_tls_is_off_unless_both_files_are_named() {
        assertThat(load(MINIMAL).webhook().host()).isEqualTo("0.0.0.0");
        assertThat(load(MINIMAL).webhook().tls()).isNull();

        String withTls = MINIMAL.replace("webhook:\n", """
                webhook:
                  host: 127.0.0.1
                  tls:
                    certFile: /etc/prodsupport/tls/fullchain.pem
                    keyFile: /etc/prodsupport/tls/privkey.pem
                """);
        Config c = load(withTls);
        assertThat(c.webhook().host()).isEqualTo("127.0.0.1");
        assertThat(c.webhook().tls().certFile()).isEqualTo(Path.of("/etc/prodsupport/tls/fullchain.pem"));
        assertThat(c.webhook().tls().keyFile()).isEqualTo(Path.of("/etc/prodsupport/tls/privkey.pem"));

        assertThat(problems(MINIMAL.replace("webhook:\n", """
                        webhook:
                          tls: {certFile: /etc/cert.pem}
                        """)))
                .containsExactly("webhook.tls.keyFile: missing (required)");
    }

    @Test
    void logging_takes_text_or_json_and_a_level_in_any_case_and_says_what_else_is_wrong_in_one_line() {
        assertThat(load(MINIMAL).logging()).isNull();
        Config c = load(MINIMAL + "logging: {format: JSON, level: debug}\n");
        assertThat(c.logging().format()).isEqualTo("json");
        assertThat(c.logging().json()).isTrue();
        assertThat(c.logging().level()).isEqualTo("DEBUG");
        assertThat(load(MINIMAL + "logging: {level: WARN}\n").logging().format())
                .isEqualTo("text");

        assertThat(problems(MINIMAL + "logging: {format: xml, level: LOUD}\n"))
                .containsExactly(
                        "logging.format: expected text or json, got \"xml\"",
                        "logging.level: expected one of TRACE, DEBUG, INFO, WARN, ERROR, got \"LOUD\"");
    }

    @Test
    void environment_values_and_defaults_are_substituted_and_typed() {
        env.put("PORT", "9090");
        Config c = load(MINIMAL + """
                store:
                  url: ${STORE_URL:-jdbc:sqlite:/var/lib/prodsupport.db}
                onCall:
                  rotation: [alice, bob]
                  start: 2026-01-05T09:00:00Z
                  period: P14D
                """);

        assertThat(c.store().url()).isEqualTo("jdbc:sqlite:/var/lib/prodsupport.db");
        assertThat(c.onCall().start()).isEqualTo(Instant.parse("2026-01-05T09:00:00Z"));
        assertThat(c.onCall().period()).isEqualTo(Duration.ofDays(14));
    }

    @Test
    void a_port_from_the_environment_is_a_number() {
        env.put("PORT", "9090");
        Config c = load(MINIMAL.replace("webhook:\n", "webhook:\n  port: ${PORT}\n"));

        assertThat(c.webhook().port()).isEqualTo(9090);
    }

    @Test
    void an_unknown_key_names_the_nearest_valid_one() {
        assertThat(problems(MINIMAL.replace("email:", "emial:")))
                .contains("jira.emial: unknown key; did you mean jira.email?");
        assertThat(problems(MINIMAL + "incident:\n  x: 1\n"))
                .contains("incident: unknown key; did you mean incidents?");
        assertThat(problems(MINIMAL + "zzzzzzzzzz: 1\n"))
                .anyMatch(p -> p.startsWith("zzzzzzzzzz: unknown key; valid keys here: jira, webhook"));
    }

    @Test
    void a_missing_required_key_is_named() {
        assertThat(problems(MINIMAL.replace("  baseUrl: https://acme.atlassian.net\n", "")))
                .containsExactly("jira.baseUrl: missing (required)");
        assertThat(problems(MINIMAL.replace("incidents:\n  projects: [OPS]\n", "")))
                .containsExactly("incidents: missing (required)");
    }

    @Test
    void a_wrong_type_says_what_was_expected() {
        assertThat(problems(MINIMAL.replace("webhook:\n", "webhook:\n  port: eighty\n")))
                .containsExactly("webhook.port: expected a port number 1–65535, got \"eighty\"");
        assertThat(problems(MINIMAL.replace("projects: [OPS]", "projects: OPS")))
                .containsExactly("incidents.projects: expected a list, e.g. [OPS]");
        assertThat(problems(MINIMAL + "onCall:\n  period: weekly\n"))
                .containsExactly("onCall.period: expected an ISO-8601 duration such as PT30S or P7D, got \"weekly\"");
        assertThat(problems(MINIMAL + "followUps:\n  inheritPriority: maybe\n"))
                .containsExactly("followUps.inheritPriority: expected true or false, got \"maybe\"");
        assertThat(problems(MINIMAL + "store:\n  url: mysql://db\n"))
                .containsExactly(
                        "store.url: expected a JDBC URL (jdbc:sqlite:… or jdbc:postgresql://…), got \"mysql://db\"");
    }

    @Test
    void required_sections_are_matched_forgivingly_and_unknown_ones_are_named() {
        assertThat(load(MINIMAL.replace(
                                "projects: [OPS]", "projects: [OPS]\n  requiredOnClose: [root causes, SYMPTOMS]"))
                        .incidents()
                        .requiredOnClose())
                .containsExactly("root causes", "SYMPTOMS");
        assertThat(problems(
                        MINIMAL.replace("projects: [OPS]", "projects: [OPS]\n  requiredOnClose: [Symptoms, Blame]")))
                .singleElement()
                .asString()
                .startsWith("incidents.requiredOnClose[1]: \"Blame\" is not a section; sections are The Original"
                        + " Request, Symptoms, Scope, Root Cause(s)");
    }

    @Test
    void required_sections_are_checked_against_the_sections_the_loader_is_given() {
        ConfigLoader loader =
                new ConfigLoader(env, new SectionTitles(title -> title.equals("Alpha"), List.of("Alpha")));
        String yaml = MINIMAL.replace("projects: [OPS]", "projects: [OPS]\n  requiredOnClose: [Alpha, Symptoms]");

        assertThatThrownBy(() -> loader.parse(yaml, "prodsupport.yml"))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems())
                        .containsExactly(
                                "incidents.requiredOnClose[1]: \"Symptoms\" is not a section; sections are Alpha"));
    }

    @Test
    void notify_delivery_and_updates_have_defaults_and_say_what_is_wrong_in_one_line() {
        Config.Notify defaults = load(MINIMAL).notifications();
        assertThat(defaults.maxBackoff()).isEqualTo(Duration.ofMinutes(5));
        assertThat(defaults.updates()).isEqualTo("resolution");
        assertThat(defaults.foldWithin()).isEqualTo(Duration.ofSeconds(60));
        Config.Notify set = load(MINIMAL + "\nnotify:\n  maxBackoff: PT1M\n  updates: all\n  foldWithin: PT5S\n")
                .notifications();
        assertThat(set.maxBackoff()).isEqualTo(Duration.ofMinutes(1));
        assertThat(set.updates()).isEqualTo("all");
        assertThat(set.foldWithin()).isEqualTo(Duration.ofSeconds(5));

        assertThat(problems(MINIMAL + "\nnotify:\n  updates: everything\n  foldWithin: 60s\n"))
                .hasSize(2)
                .anySatisfy(p -> assertThat(p).startsWith("notify.updates: expected all or resolution or none"))
                .anySatisfy(p -> assertThat(p).startsWith("notify.foldWithin:"));
    }

    @Test
    void incidents_mode_is_one_word_or_one_per_project() {
        assertThat(load(MINIMAL).incidents().mode().observes("OPS")).isFalse();
        Config all = load(MINIMAL.replace("projects: [OPS]", "projects: [OPS, WEB]\n  mode: observe"));
        assertThat(all.incidents().mode().observes("OPS")).isTrue();
        assertThat(all.incidents().mode().observes("WEB")).isTrue();
        Config one = load(MINIMAL.replace("projects: [OPS]", "projects: [OPS, WEB]\n  mode: {ops: observe}"));
        assertThat(one.incidents().mode().observes("OPS")).isTrue();
        assertThat(one.incidents().mode().observes("WEB")).isFalse();
        assertThat(load(MINIMAL).observed().incidents().mode().observes("OPS")).isTrue();

        assertThat(problems(MINIMAL.replace("projects: [OPS]", "projects: [OPS]\n  mode: watch")))
                .containsExactly("incidents.mode: expected enforce or observe, got \"watch\"");
        assertThat(problems(MINIMAL.replace("projects: [OPS]", "projects: [OPS]\n  mode: {OPS: watch, WEB: observe}")))
                .containsExactlyInAnyOrder(
                        "incidents.mode.OPS: expected enforce or observe, got \"watch\"",
                        "incidents.mode.WEB: not one of incidents.projects (OPS)");
    }

    @Test
    void a_malformed_url_is_refused() {
        assertThat(problems(MINIMAL.replace("https://acme.atlassian.net", "acme.atlassian.net")))
                .containsExactly("jira.baseUrl: malformed URL \"acme.atlassian.net\"; expected an http(s) URL"
                        + " such as https://example.atlassian.net");
    }

    @Test
    void cloud_and_data_center_credentials_together_are_refused() {
        env.put("PAT", "pat-789-very-secret");
        assertThat(problems(MINIMAL.replace("  email:", "  personalAccessToken: ${PAT}\n  email:")))
                .containsExactly("jira: both Cloud (email + apiToken) and Data Center (personalAccessToken)"
                        + " credentials are set; keep the one for your site");
    }

    @Test
    void data_center_credentials_alone_load() {
        env.put("PAT", "pat-789-very-secret");
        Config c = load(MINIMAL.replace(
                "  email: bot@acme.test\n  apiToken: ${JIRA_API_TOKEN}\n", "  personalAccessToken: ${PAT}\n"));

        assertThat(c.jira().usesPersonalAccessToken()).isTrue();
        assertThat(c.jira().personalAccessToken().value()).isEqualTo("pat-789-very-secret");
    }

    @Test
    void a_secret_left_empty_or_unset_is_refused_without_showing_it() {
        env.put("JIRA_API_TOKEN", "");
        assertThat(problems(MINIMAL)).containsExactly("jira.apiToken: secret is empty");

        env.remove("JIRA_API_TOKEN");
        assertThat(problems(MINIMAL)).containsExactly("jira.apiToken: environment variable JIRA_API_TOKEN is not set");
    }

    @Test
    void a_secret_written_inline_is_refused_and_not_echoed() {
        List<String> problems = problems(MINIMAL.replace("${JIRA_API_TOKEN}", "inline-very-secret"));

        assertThat(problems)
                .containsExactly(
                        "jira.apiToken: secrets are not written in the file; use ${ENV_VAR} or file:/path/to/secret");
    }

    @Test
    void a_secret_can_come_from_a_file(@TempDir Path dir) throws IOException {
        Path token = Files.writeString(dir.resolve("token"), "file-token-very-secret\n");
        Config c = load(MINIMAL.replace("${JIRA_API_TOKEN}", "file:" + token));

        assertThat(c.jira().apiToken().value()).isEqualTo("file-token-very-secret");
        assertThat(c.jira().apiToken().toString()).doesNotContain("very-secret");
        assertThat(c.toString()).doesNotContain("very-secret");
        assertThat(problems(MINIMAL.replace("${JIRA_API_TOKEN}", "file:" + dir.resolve("missing"))))
                .containsExactly(
                        "jira.apiToken: cannot read secret file " + dir.resolve("missing") + " (NoSuchFileException)");
    }

    @Test
    void no_webhook_secret_needs_an_explicit_allow_unsigned() {
        String unsigned = MINIMAL.replace("webhook:\n  secrets: [\"${HOOK_SECRET}\"]\n", "");
        assertThat(problems(unsigned))
                .containsExactly("webhook.secrets: no secret to check Jira's X-Hub-Signature"
                        + " with; add one (recommended) or set webhook.allowUnsigned: true");

        assertThat(load(unsigned + "webhook:\n  allowUnsigned: true\n")
                        .webhook()
                        .allowUnsigned())
                .isTrue();
    }

    @Test
    void every_problem_is_reported_at_once_one_line_each() {
        List<String> problems = problems("""
                jira:
                  baseUrl: not a url
                  emial: x
                incidents:
                  projects: []
                webhook:
                  port: 0
                  allowUnsigned: true
                """);

        assertThat(problems).hasSize(5).allSatisfy(p -> assertThat(p).doesNotContain("\n"));
        assertThat(problems)
                .anyMatch(p -> p.startsWith("jira.baseUrl: malformed URL"))
                .anyMatch(p -> p.startsWith("jira.emial: unknown key"))
                .anyMatch(p -> p.startsWith("webhook.port: expected a port number"))
                .anyMatch(p -> p.startsWith("jira: no credentials"))
                .anyMatch(p -> p.startsWith("incidents.projects: empty"));
    }

    @Test
    void broken_yaml_names_the_line() {
        assertThatThrownBy(() -> load("jira:\n  baseUrl: [unclosed\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("prodsupport.yml: not valid YAML at line");
    }

    @Test
    void an_unquoted_variable_in_a_flow_list_gets_a_hint() {
        assertThatThrownBy(() -> load(MINIMAL.replace("[\"${HOOK_SECRET}\"]", "[${HOOK_SECRET}]")))
                .hasMessageContaining("put ${VAR} in quotes");
    }

    @Test
    void a_missing_file_says_how_to_choose_one(@TempDir Path dir) {
        assertThatThrownBy(() -> ConfigLoaders.withTemplateSections(env).load(dir.resolve("prodsupport.yml")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("config file not found (choose one with --config FILE");
    }

    @Test
    void a_mailbox_loads_with_its_defaults_and_its_password_from_the_environment() {
        env.put("MAIL_PASSWORD", "mail-789-very-secret");

        Config c = load(MINIMAL + """
                mail:
                  imap:
                    host: imap.example.com
                    username: incidents@example.com
                    password: ${MAIL_PASSWORD}
                """);

        Config.Imap imap = c.mail().imap();
        assertThat(imap.host()).isEqualTo("imap.example.com");
        assertThat(imap.port()).isEqualTo(993);
        assertThat(imap.tls()).isTrue();
        assertThat(imap.folder()).isEqualTo("INBOX");
        assertThat(imap.password().value()).isEqualTo("mail-789-very-secret");
        assertThat(imap.password().toString()).doesNotContain("very-secret");
        assertThat(c.mail().doneFolder()).isNull();
        assertThat(c.mail().unmatchedFolder()).isNull();
        assertThat(c.mail().attachments()).isFalse();
        assertThat(load(MINIMAL).mail()).isNull();
        assertThat(load(MINIMAL + """
                        mail:
                          imap: {host: mail.local, username: incidents, password: "${MAIL_PASSWORD}", tls: false}
                          doneFolder: Processed
                          unmatchedFolder: Unmatched
                          attachments: true
                        """).mail()).satisfies(m -> {
            assertThat(m.imap().port()).isEqualTo(143);
            assertThat(m.doneFolder()).isEqualTo("Processed");
            assertThat(m.unmatchedFolder()).isEqualTo("Unmatched");
            assertThat(m.attachments()).isTrue();
        });
    }

    @Test
    void a_mailbox_without_its_keys_an_inline_password_or_clashing_folders_is_refused_line_by_line() {
        assertThat(problems(MINIMAL + """
                        mail:
                          imap:
                            host: imap.example.com
                            port: imaps
                            password: hunter2-very-secret
                          doneFolder: inbox
                          unmatchedFolder: Inbox
                          attachment: true
                        """))
                .containsExactlyInAnyOrder(
                        "mail.imap.port: expected a port number 1–65535, got \"imaps\"",
                        "mail.imap.password: secrets are not written in the file; use ${ENV_VAR} or"
                                + " file:/path/to/secret",
                        "mail.imap.username: missing (required)",
                        "mail.attachment: unknown key; did you mean mail.attachments?",
                        "mail.doneFolder: \"inbox\" is the folder that is read (mail.imap.folder); name another folder,"
                                + " or leave it out to flag handled messages where they are",
                        "mail.unmatchedFolder: \"Inbox\" is the folder that is read (mail.imap.folder); name another"
                                + " folder, or leave it out to flag such messages where they are");
        env.put("MAIL_PASSWORD", "pw");
        assertThat(problems(MINIMAL + """
                        mail:
                          imap: {host: h, username: u, password: "${MAIL_PASSWORD}"}
                          doneFolder: Handled
                          unmatchedFolder: Handled
                        """))
                .containsExactly("mail.unmatchedFolder: \"Handled\" is also mail.doneFolder; mail that names no"
                        + " incident would hide among handled mail");
    }

    @Test
    void the_example_file_loads_and_documents_every_key() throws IOException {
        Path example = io.prodsupport.testing.TestData.root().getParent().resolve("prodsupport.example.yml");
        String text = Files.readString(example);

        Config c = ConfigLoaders.withTemplateSections(Map.of("JIRA_API_TOKEN", "t", "PRODSUPPORT_WEBHOOK_SECRET", "s"))
                .load(example);

        assertThat(c.incidents().projects()).containsExactly("OPS");
        for (String path : ConfigSchema.allPaths()) {
            String last = path.substring(path.lastIndexOf('.') + 1);
            assertThat(text)
                    .as("prodsupport.example.yml documents %s", path)
                    .containsPattern("(?m)^[ #]*" + last + ":");
        }
    }

    @Test
    void postmortem_is_off_without_its_section_and_its_keys_are_checked_line_by_line() {
        assertThat(load(MINIMAL).postmortem()).isNull();
        Config c = load(MINIMAL + "postmortem:\n  minPriority: High\n");
        assertThat(c.postmortem().minPriority()).isEqualTo("High");
        assertThat(c.postmortem().project())
                .as("followUps.project, filled in by the wiring")
                .isNull();
        assertThat(c.postmortem().issueType()).isEqualTo("Task");
        assertThat(load(MINIMAL + "postmortem: {minPriority: Highest, project: SUP, issueType: Review}\n")
                        .postmortem())
                .isEqualTo(new Config.Postmortem("Highest", "SUP", "Review"));
        assertThat(problems(MINIMAL + "postmortem:\n  project: SUP\n  issuetype: Task\n"))
                .containsExactlyInAnyOrder(
                        "postmortem.issuetype: unknown key; did you mean postmortem.issueType?",
                        "postmortem.minPriority: missing (required)");
        assertThat(problems(MINIMAL + "postmortem:\n  minPriority: [High]\n"))
                .containsExactly("postmortem.minPriority: expected a string, got a list");
        assertThat(problems(MINIMAL + "postmortem: High\n"))
                .containsExactly("postmortem: expected a section with keys minPriority, project, issueType");
    }
}
