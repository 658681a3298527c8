package io.prodsupport.descriptor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.prodsupport.incident.DescriptionExamples;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The committed handler ({@code validator.js}) with the committed {@code rules.js}, run in Rhino the way Forge calls
 * the validator function, against a fake {@code requestJira}.
 */
class ValidatorHandlerTest {

    private static final Path FORGE_SRC = Path.of("plugin-descriptor", "forge", "src");
    private static final String HARNESS = """
            var warnings = [];
            var requested = [];
            var answers = {};
            var outcome = null;
            function answer(key, status, body) {
                answers[key] = { status: status, body: body };
            }
            function fakeReadIssue(key) {
                requested.push(key);
                var a = answers[key];
                if (a.status === 0) {
                    return Promise.reject(new Error('socket hang up'));
                }
                return Promise.resolve({ ok: a.status >= 200 && a.status < 300, status: a.status,
                    json: function () { return Promise.resolve(JSON.parse(a.body)); } });
            }
            var validate = createValidator(fakeReadIssue, closeGateVerdict, function (m) { warnings.push(m); });
            function run(argsJson) {
                outcome = null;
                validate(JSON.parse(argsJson)).then(function (v) { outcome = JSON.stringify(v); });
            }
            """;

    private final ObjectMapper json = new ObjectMapper();
    private final RhinoScripts js = new RhinoScripts(
            RhinoScripts.read(FORGE_SRC.resolve("rules.js")),
            RhinoScripts.read(FORGE_SRC.resolve("validator.js")),
            HARNESS);

    private String issue(String description, String project) throws Exception {
        return json.writeValueAsString(Map.of(
                "key",
                project + "-1",
                "fields",
                Map.of(
                        "description",
                        description,
                        "project",
                        Map.of("key", project),
                        "issuetype",
                        Map.of("name", "Incident"),
                        "labels",
                        List.of())));
    }

    /** The argument Forge passes, as the jira:workflowValidator reference shows it. */
    private String args(String key, Map<String, Object> modifiedFields) throws Exception {
        return json.writeValueAsString(Map.of(
                "issue",
                Map.of("key", key),
                "configuration",
                Map.of(),
                "transition",
                Map.of("from", Map.of("id", "3"), "to", Map.of("id", "10001"), "modifiedFields", modifiedFields)));
    }

    private Object validate(String args) {
        js.call("run", args);
        return js.eval("outcome");
    }

    @Test
    void an_incident_with_empty_sections_is_refused_with_their_titles() throws Exception {
        String untouched = DescriptionExamples.all().get(0).description();
        js.call("answer", "OPS-1", 200, issue(untouched, "OPS"));

        assertThat(validate(args("OPS-1", Map.of())))
                .isEqualTo("{\"result\":false,\"errorMessage\":"
                        + "\"Fill in before closing: Symptoms, Root Cause(s), Fixes for the Root Cause\"}");
        assertThat(js.eval("requested")).isEqualTo(List.of("OPS-1"));
    }

    @Test
    void a_filled_in_incident_may_close() throws Exception {
        js.call("answer", "OPS-1", 200, issue(DescriptionExamples.all().get(3).description(), "OPS"));

        assertThat(validate(args("OPS-1", Map.of()))).isEqualTo("{\"result\":true}");
    }

    @Test
    void an_issue_outside_the_incident_projects_may_close_whatever_its_description() throws Exception {
        js.call("answer", "WEB-1", 200, issue(DescriptionExamples.all().get(0).description(), "WEB"));

        assertThat(validate(args("WEB-1", Map.of()))).isEqualTo("{\"result\":true}");
    }

    @Test
    void when_jira_cannot_be_reached_the_close_is_allowed_and_a_warning_names_the_issue() throws Exception {
        js.call("answer", "OPS-1", 0, "");

        assertThat(validate(args("OPS-1", Map.of()))).isEqualTo("{\"result\":true}");
        assertThat(js.eval("warnings.join('\\n')").toString()).contains("OPS-1").contains("socket hang up");
    }

    @Test
    void when_jira_refuses_the_read_the_close_is_allowed_and_the_status_is_logged() throws Exception {
        js.call("answer", "OPS-1", 404, "{\"errorMessages\":[\"Issue does not exist\"]}");

        assertThat(validate(args("OPS-1", Map.of()))).isEqualTo("{\"result\":true}");
        assertThat(js.eval("warnings.join('\\n')").toString()).contains("HTTP 404");
    }

    @Test
    void a_description_edited_on_the_transition_screen_is_left_to_the_service() throws Exception {
        Map<String, Object> adf = Map.of("type", "doc", "version", 1, "content", List.of());

        assertThat(validate(args("OPS-1", Map.of("description", adf)))).isEqualTo("{\"result\":true}");
        assertThat(js.eval("requested")).isEqualTo(List.of());
    }

    @Test
    void a_call_without_an_issue_key_is_allowed_with_a_warning() {
        assertThat(validate("{}")).isEqualTo("{\"result\":true}");
        assertThat(js.eval("warnings.length")).isEqualTo(1.0);
    }
}
