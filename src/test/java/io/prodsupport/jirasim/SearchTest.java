package io.prodsupport.jirasim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchTest {

    private static JiraSimulator seeded(Flavour flavour, int issues) {
        JiraSimulator sim = JiraSimulator.builder().flavour(flavour).start();
        SimUser bot = sim.addUser("prodsupport-bot", "Bot", "bot@example.com", true);
        sim.addProject("OPS", "Operations", bot);
        sim.addProject("SUP", "Support Backlog", bot);
        for (int i = 0; i < issues; i++) {
            sim.createIssue("OPS", "Incident", "incident " + i, "d", bot);
        }
        sim.createIssue("SUP", "Task", "not an incident", null, bot);
        return sim;
    }

    @Test
    void cloud_search_pages_with_next_page_token_until_is_last_and_has_no_total() throws Exception {
        try (JiraSimulator sim = seeded(Flavour.CLOUD, 5)) {
            SimHttp http = new SimHttp(sim, sim.user("prodsupport-bot"));
            List<String> keys = new ArrayList<>();
            String token = null;
            int pages = 0;
            do {
                String body = "{\"jql\":\"project = OPS ORDER BY key ASC\",\"maxResults\":2,\"fields\":[\"summary\"]"
                        + (token == null ? "" : ",\"nextPageToken\":\"" + token + "\"") + "}";
                JsonNode page = http.post("/rest/api/3/search/jql", body).json();
                assertThat(page.has("total")).isFalse();
                page.path("issues").forEach(i -> keys.add(i.path("key").asText()));
                token = page.path("isLast").asBoolean()
                        ? null
                        : page.path("nextPageToken").asText();
                pages++;
            } while (token != null);
            assertThat(keys).containsExactly("OPS-1", "OPS-2", "OPS-3", "OPS-4", "OPS-5");
            assertThat(pages).isEqualTo(3);
            JsonNode v2 = http.get("/rest/api/2/search/jql?jql=project%20%3D%20SUP&fields=summary")
                    .json();
            assertThat(v2.at("/issues/0/fields/summary").asText()).isEqualTo("not an incident");
            sim.assertNoSpecViolations();
        }
    }

    @Test
    void cloud_answers_the_removed_search_api_with_410_gone() throws Exception {
        try (JiraSimulator sim = seeded(Flavour.CLOUD, 1)) {
            var gone = new SimHttp(sim, sim.user("prodsupport-bot")).get("/rest/api/2/search?jql=project%3DOPS");
            assertThat(gone.status()).isEqualTo(410);
            assertThat(gone.json().at("/errorMessages/0").asText()).contains("/rest/api/3/search/jql");
        }
    }

    @Test
    void data_center_search_pages_with_start_at_and_reports_the_total() throws Exception {
        try (JiraSimulator sim = seeded(Flavour.DATA_CENTER, 5)) {
            SimHttp http = new SimHttp(sim, sim.user("prodsupport-bot"));
            JsonNode first = http.post(
                            "/rest/api/2/search",
                            "{\"jql\":\"project = OPS ORDER BY key ASC\",\"startAt\":0,\"maxResults\":2}")
                    .json();
            assertThat(first.path("total").asInt()).isEqualTo(5);
            assertThat(first.at("/issues/0/key").asText()).isEqualTo("OPS-1");
            assertThat(first.at("/issues/0/fields/status/name").asText()).isEqualTo("To Do");
            JsonNode last = http.get(
                            "/rest/api/2/search?jql=project%20%3D%20OPS%20ORDER%20BY%20key%20ASC&startAt=4&maxResults=2")
                    .json();
            assertThat(last.path("issues")).hasSize(1);
            assertThat(last.at("/issues/0/key").asText()).isEqualTo("OPS-5");
            assertThat(http.post("/rest/api/2/search/jql", "{\"jql\":\"project = OPS\"}")
                            .status())
                    .isEqualTo(404);
            sim.assertNoSpecViolations();
        }
    }

    @Test
    void cloud_search_returns_the_requested_issue_properties_of_each_issue() throws Exception {
        try (JiraSimulator sim = seeded(Flavour.CLOUD, 2)) {
            SimHttp http = new SimHttp(sim, sim.user("prodsupport-bot"));
            assertThat(http.put("/rest/api/2/issue/OPS-1/properties/prodsupport.origin", "{\"incident\":\"OPS-9\"}")
                            .status())
                    .isEqualTo(201);
            assertThat(http.put("/rest/api/2/issue/OPS-1/properties/other", "42")
                            .status())
                    .isEqualTo(201);

            JsonNode post = http.post("/rest/api/2/search/jql", """
                    {"jql":"project = OPS ORDER BY key ASC","fields":["summary"],"properties":["prodsupport.origin"]}
                    """).json();
            assertThat(post.at("/issues/0/properties/prodsupport.origin/incident")
                            .asText())
                    .isEqualTo("OPS-9");
            assertThat(post.at("/issues/0/properties").has("other")).isFalse();
            assertThat(post.at("/issues/1/properties").isObject()).isTrue();
            assertThat(post.at("/issues/1/properties").isEmpty()).isTrue();

            JsonNode get = http.get("/rest/api/2/search/jql?jql=key%20%3D%20OPS-1&properties=prodsupport.origin,other")
                    .json();
            assertThat(get.at("/issues/0/properties/other").asInt()).isEqualTo(42);
            assertThat(get.at("/issues/0/properties/prodsupport.origin/incident")
                            .asText())
                    .isEqualTo("OPS-9");

            JsonNode v3 = http.post("/rest/api/3/search/jql", "{\"jql\":\"key = OPS-1\",\"properties\":[\"other\"]}")
                    .json();
            assertThat(v3.at("/issues/0/properties/other").asInt()).isEqualTo(42);
            JsonNode none = http.post("/rest/api/2/search/jql", "{\"jql\":\"key = OPS-1\"}")
                    .json();
            assertThat(none.at("/issues/0").has("properties")).isFalse();
            sim.assertNoSpecViolations();
        }
    }

    @Test
    void data_center_search_returns_the_requested_issue_properties_from_body_or_query() throws Exception {
        try (JiraSimulator sim = seeded(Flavour.DATA_CENTER, 2)) {
            SimHttp http = new SimHttp(sim, sim.user("prodsupport-bot"));
            assertThat(http.put("/rest/api/2/issue/OPS-2/properties/prodsupport.origin", "{\"incident\":\"OPS-1\"}")
                            .status())
                    .isEqualTo(201);
            assertThat(http.put("/rest/api/2/issue/OPS-2/properties/other", "\"x\"")
                            .status())
                    .isEqualTo(201);

            JsonNode post = http.post(
                            "/rest/api/2/search",
                            "{\"jql\":\"project = OPS ORDER BY key ASC\",\"properties\":[\"prodsupport.origin\"]}")
                    .json();
            assertThat(post.at("/issues/0/properties").isEmpty()).isTrue();
            assertThat(post.at("/issues/1/properties/prodsupport.origin/incident")
                            .asText())
                    .isEqualTo("OPS-1");
            assertThat(post.at("/issues/1/properties").has("other")).isFalse();

            JsonNode get = http.get("/rest/api/2/search?jql=key%20%3D%20OPS-2&properties=prodsupport.origin,other")
                    .json();
            assertThat(get.at("/issues/0/properties/other").asText()).isEqualTo("x");
            assertThat(get.at("/issues/0/properties/prodsupport.origin/incident")
                            .asText())
                    .isEqualTo("OPS-1");
            sim.assertNoSpecViolations();
        }
    }

    @Test
    void invalid_jql_is_answered_400_with_jiras_error_message() throws Exception {
        try (JiraSimulator sim = seeded(Flavour.CLOUD, 1)) {
            var bad = new SimHttp(sim, sim.user("prodsupport-bot"))
                    .post("/rest/api/3/search/jql", "{\"jql\":\"project = = OPS\"}");
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.json().at("/errorMessages/0").asText()).isNotBlank();
        }
    }

    @Test
    void search_filters_by_status_category() throws Exception {
        try (JiraSimulator sim = seeded(Flavour.CLOUD, 2)) {
            SimHttp http = new SimHttp(sim, sim.user("prodsupport-bot"));
            sim.transition("OPS-2", "Done", sim.user("prodsupport-bot"));
            JsonNode done = http.post(
                            "/rest/api/3/search/jql",
                            "{\"jql\":\"project = OPS AND statusCategory = Done\",\"fields\":[\"status\"]}")
                    .json();
            assertThat(done.path("issues")).hasSize(1);
            assertThat(done.at("/issues/0/key").asText()).isEqualTo("OPS-2");
        }
    }

    @Test
    void a_search_by_label_or_project_follows_labels_as_they_change_and_projects_by_name_or_key() throws Exception {
        try (JiraSimulator sim = seeded(Flavour.CLOUD, 3)) {
            SimHttp http = new SimHttp(sim, sim.user("prodsupport-bot"));
            assertThat(http.put("/rest/api/2/issue/OPS-2", "{\"update\":{\"labels\":[{\"add\":\"origin-a\"}]}}")
                            .status())
                    .isEqualTo(204);
            assertThat(keys(http, "labels = origin-a AND project = OPS")).containsExactly("OPS-2");
            assertThat(http.put(
                                    "/rest/api/2/issue/OPS-2",
                                    "{\"update\":{\"labels\":[{\"remove\":\"origin-a\"},{\"add\":\"origin-b\"}]}}")
                            .status())
                    .isEqualTo(204);
            assertThat(keys(http, "labels = origin-a")).isEmpty();
            assertThat(keys(http, "labels in (origin-b, origin-c) ORDER BY key ASC"))
                    .containsExactly("OPS-2");
            assertThat(keys(http, "labels = ORIGIN-B"))
                    .as("labels are case-sensitive")
                    .isEmpty();
            assertThat(keys(http, "project = \\\"Support Backlog\\\"")).containsExactly("SUP-1");
            assertThat(keys(http, "project in (ops, SUP) ORDER BY key ASC"))
                    .containsExactly("OPS-1", "OPS-2", "OPS-3", "SUP-1");
            assertThat(keys(http, "project = OPS OR labels = origin-b ORDER BY key ASC"))
                    .containsExactly("OPS-1", "OPS-2", "OPS-3");
        }
    }

    private static List<String> keys(SimHttp http, String jql) throws Exception {
        JsonNode page = http.post("/rest/api/3/search/jql", "{\"jql\":\"" + jql + "\",\"fields\":[\"summary\"]}")
                .json();
        List<String> keys = new ArrayList<>();
        page.path("issues").forEach(i -> keys.add(i.path("key").asText()));
        return keys;
    }
}
