package io.prodsupport.jirasim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DataCenterRestTest {
    @RegisterExtension
    JiraSimulatorExtension ext = JiraSimulatorExtension.dataCenter();

    JiraSimulator sim;
    SimUser bot;
    SimUser alice;
    SimHttp http;

    @BeforeEach
    void site() {
        sim = ext.sim();
        bot = sim.addUser("prodsupport-bot", "Bot", "bot@example.com", true);
        alice = sim.addUser("alice", "Alice", "alice@example.com", false);
        sim.addProject("OPS", "Operations", alice);
        http = new SimHttp(sim, bot);
    }

    @Test
    void data_center_accepts_a_bearer_personal_access_token_only() throws Exception {
        assertThat(http.get("/rest/api/2/myself").json().path("name").asText()).isEqualTo("prodsupport-bot");
        var anonymous = new SimHttp(sim, null).get("/rest/api/2/myself");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json().at("/errorMessages/0").asText()).contains("not authenticated");
        assertThat(http.get("/rest/api/2/serverInfo")
                        .json()
                        .path("deploymentType")
                        .asText())
                .isNotEqualTo("Cloud");
    }

    @Test
    void data_center_users_carry_name_and_key_and_watchers_are_added_by_username() throws Exception {
        String key = sim.createIssue("OPS", "Incident", "Down", "d", alice);
        assertThat(http.post("/rest/api/2/issue/" + key + "/watchers", "\"alice\"")
                        .status())
                .isEqualTo(204);
        assertThat(http.post("/rest/api/2/issue/" + key + "/watchers", "\"nobody\"")
                        .status())
                .isEqualTo(400);
        JsonNode reporter = http.get("/rest/api/2/issue/" + key).json().at("/fields/reporter");
        assertThat(reporter.path("name").asText()).isEqualTo("alice");
        assertThat(reporter.path("key").asText()).isEqualTo("alice");
        assertThat(reporter.has("accountId")).isFalse();
        assertThat(http.get("/rest/api/2/issue/" + key + "/watchers")
                        .json()
                        .at("/watchers/0/name")
                        .asText())
                .isEqualTo("alice");
    }

    @Test
    void data_center_edits_set_properties_with_the_fields_and_a_property_only_edit_fires_nothing() throws Exception {
        String key = sim.createIssue("OPS", "Incident", "Down", "d", alice);
        int fired = sim.webhooks().fired().size();

        var withField = http.put(
                "/rest/api/2/issue/" + key,
                "{\"fields\":{\"assignee\":{\"name\":\"alice\"}},\"properties\":[{\"key\":\"a\",\"value\":1}]}");
        var onlyProperty = http.put("/rest/api/2/issue/" + key, "{\"properties\":[{\"key\":\"b\",\"value\":[\"x\"]}]}");

        assertThat(withField.status()).isEqualTo(204);
        assertThat(onlyProperty.status()).isEqualTo(204);
        JsonNode issue = http.get("/rest/api/2/issue/" + key + "?properties=a&properties=b")
                .json();
        assertThat(issue.at("/properties/a").asInt()).isEqualTo(1);
        assertThat(issue.at("/properties/b/0").asText()).isEqualTo("x");
        assertThat(sim.webhooks().fired().subList(fired, sim.webhooks().fired().size()))
                .extracting(e -> e.payload().path("issue_event_type_name").asText())
                .containsExactly("issue_assigned");
        sim.assertNoSpecViolations();
    }

    @Test
    void data_center_assigns_by_name() throws Exception {
        String key = sim.createIssue("OPS", "Incident", "Down", "d", alice);
        assertThat(http.put("/rest/api/2/issue/" + key, "{\"fields\":{\"assignee\":{\"name\":\"alice\"}}}")
                        .status())
                .isEqualTo(204);
        assertThat(sim.issue(key).assignee()).isEqualTo("alice");
    }
}
