package io.prodsupport.descriptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.prodsupport.app.ConfigLoaders;
import io.prodsupport.config.Config;
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
        ForgeManifest.of(exampleConfig().incidents()).writeTo(out);

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
                .isEqualTo("[\"jira:issue_created\",\"jira:issue_updated\",\"comment_created\"]");
    }

    @Test
    void a_required_section_that_is_not_in_the_template_is_refused_by_name() {
        Config.Incidents incidents =
                new Config.Incidents(List.of("OPS"), null, null, null, null, List.of("Symptoms", "Lessons Learned"));

        assertThatThrownBy(() -> ForgeManifest.of(incidents)).hasMessageContaining("\"Lessons Learned\"");
    }
}
