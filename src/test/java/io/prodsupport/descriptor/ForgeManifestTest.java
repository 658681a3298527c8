package io.prodsupport.descriptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.prodsupport.app.ConfigLoaders;
import io.prodsupport.config.Config;
import io.prodsupport.notify.EmailNotifier;
import io.prodsupport.notify.SlackNotifier;
import io.prodsupport.notify.TeamsNotifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForgeManifestTest {

    private static final Path COMMITTED = Path.of("plugin-descriptor");

    private static Config exampleConfig() {
        return ConfigLoaders.withTemplateSections(
                        Map.of("JIRA_API_TOKEN", "unused", "PRODSUPPORT_WEBHOOK_SECRET", "unused"))
                .load(Path.of("prodsupport.example.yml"));
    }

    @Test
    void regenerating_from_the_example_config_reproduces_the_committed_files_byte_for_byte(@TempDir Path out)
            throws Exception {
        ForgeManifest.of(exampleConfig()).writeTo(out);

        for (String file : List.of("forge/manifest.yml", "forge/src/rules.js", "webhook.json")) {
            assertThat(Files.readAllBytes(out.resolve(file)))
                    .as(file)
                    .isEqualTo(Files.readAllBytes(COMMITTED.resolve(file)));
        }
    }

    @Test
    void the_manifest_is_yaml_whose_validator_calls_the_function_index_js_exports() throws Exception {
        JsonNode manifest = new ObjectMapper(new YAMLFactory())
                .readTree(ForgeManifest.of(exampleConfig().incidents()).manifest());
        JsonNode validator =
                manifest.path("modules").path("jira:workflowValidator").get(0);
        JsonNode function = manifest.path("modules").path("function").get(0);

        assertThat(validator.has("expression")).isFalse();
        assertThat(validator.path("description").asText())
                .contains("Symptoms, Root Cause(s), Fixes for the Root Cause");
        assertThat(function.path("key").asText())
                .isEqualTo(validator.path("function").asText());
        assertThat(function.path("handler").asText()).isEqualTo("index.validate");
        assertThat(Files.readString(COMMITTED.resolve("forge/src/index.js"))).contains("export const validate =");
        assertThat(manifest.path("permissions").path("scopes").toString()).isEqualTo("[\"read:jira-work\"]");
        assertThat(manifest.path("app").path("runtime").path("name").asText()).startsWith("nodejs");
    }

    @Test
    void the_panel_is_an_issue_context_in_the_incident_projects_drawn_by_the_committed_ui_kit_resource()
            throws Exception {
        Config.Incidents incidents = new Config.Incidents(List.of("ops", "Sup"), null, null, null, null, null);
        JsonNode manifest = new ObjectMapper(new YAMLFactory())
                .readTree(ForgeManifest.of(incidents).manifest());
        JsonNode panel = manifest.path("modules").path("jira:issueContext").get(0);
        JsonNode resolver = manifest.path("modules").path("function").get(1);
        JsonNode resource = manifest.path("resources").get(0);

        assertThat(panel.path("render").asText()).isEqualTo("native");
        assertThat(panel.path("displayConditions").path("projectKey").toString())
                .isEqualTo("[\"OPS\",\"SUP\"]");
        assertThat(resolver.path("key").asText())
                .isEqualTo(panel.path("resolver").path("function").asText());
        assertThat(resolver.path("handler").asText()).isEqualTo("index.panel");
        assertThat(Files.readString(COMMITTED.resolve("forge/src/index.js"))).contains("export const panel =");
        assertThat(resource.path("key").asText())
                .isEqualTo(panel.path("resource").asText());
        assertThat(COMMITTED.resolve("forge").resolve(resource.path("path").asText()))
                .exists();
    }

    @Test
    void the_handler_reads_the_issue_as_wiki_markup_with_the_fields_the_rules_take() throws Exception {
        assertThat(Files.readString(COMMITTED.resolve("forge/src/index.js")))
                .contains("/rest/api/2/issue/${key}?fields=description,project,issuetype,labels");
    }

    @Test
    void the_webhook_filters_on_the_incident_scope_and_is_valid_json() throws Exception {
        Config.Incidents incidents =
                new Config.Incidents(List.of("OPS", "SUP"), List.of("Incident"), "prod", null, null, null);
        JsonNode webhook =
                new ObjectMapper().readTree(ForgeManifest.of(incidents).webhook());

        assertThat(webhook.path("filters").path("issue-related-events-section").asText())
                .isEqualTo("project in (\"OPS\", \"SUP\") AND issuetype in (\"Incident\") AND labels = \"prod\"");
        assertThat(webhook.path("events").toString())
                .isEqualTo("[\"jira:issue_created\",\"jira:issue_updated\",\"jira:issue_deleted\","
                        + "\"comment_created\",\"comment_updated\"]");
    }

    @Test
    void the_follow_up_project_channels_and_rotation_of_the_config_are_written_into_the_rules(@TempDir Path dir)
            throws Exception {
        String yaml = Files.readString(Path.of("prodsupport.example.yml"))
                .replace("  project: OPS\n", "  project: sup\n")
                .replace("  rotation: []", "  rotation: [alice, bob]")
                .replace(
                        "  # slack:\n  #   webhookUrl: ${SLACK_WEBHOOK_URL}",
                        "  slack:\n    webhookUrl: ${SLACK_WEBHOOK_URL}");
        Path config = dir.resolve("prodsupport.yml");
        Files.writeString(config, yaml);

        String rules = ForgeManifest.of(ConfigLoaders.withTemplateSections(Map.of(
                                "JIRA_API_TOKEN", "unused",
                                "PRODSUPPORT_WEBHOOK_SECRET", "unused",
                                "SLACK_WEBHOOK_URL", "https://hooks.example.com/x"))
                        .load(config))
                .rules();

        assertThat(rules)
                .contains("var FOLLOW_UP_PROJECT = 'SUP';")
                .contains("var CHANNELS = ['slack'];")
                .contains(
                        "var ROTATION = { people: ['alice', 'bob'], startMillis: 1767603600000, periodMillis: 604800000 };")
                .contains("var PROPERTIES = { staffed: 'prodsupport.staffed', announced: 'prodsupport.announced',"
                        + " origin: 'prodsupport.origin' };");
    }

    @Test
    void the_channel_names_are_the_ones_the_announcement_records() {
        assertThat(ForgeManifest.channels(new Config.Notify(
                        new Config.Slack(null),
                        new Config.Teams(null),
                        new Config.Email(null, null, null, null, null, null, List.of()),
                        null,
                        null,
                        null,
                        null,
                        null)))
                .containsExactly(SlackNotifier.CHANNEL, TeamsNotifier.CHANNEL, EmailNotifier.CHANNEL);
    }

    @Test
    void a_required_section_that_is_not_in_the_template_is_refused_by_name() {
        Config.Incidents incidents =
                new Config.Incidents(List.of("OPS"), null, null, null, null, List.of("Symptoms", "Lessons Learned"));

        assertThatThrownBy(() -> ForgeManifest.of(incidents)).hasMessageContaining("\"Lessons Learned\"");
    }
}
