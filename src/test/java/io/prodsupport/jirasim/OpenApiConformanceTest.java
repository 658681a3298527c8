package io.prodsupport.jirasim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OpenApiConformanceTest {

    @Test
    void a_request_that_breaks_the_spec_is_answered_400_with_the_validator_message_and_recorded() throws Exception {
        try (JiraSimulator sim = JiraSimulator.builder().start()) {
            SimUser bot = sim.addUser("bot", "Bot", "bot@example.com", true);
            sim.addProject("OPS", "Operations", bot);
            var answer = new SimHttp(sim, bot)
                    .post("/rest/api/2/version", "{\"name\": 5, \"bogus\": true, \"project\":\"OPS\"}");
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.json().path("errorMessages").toString()).contains("bogus");
            assertThat(sim.specViolations()).isNotEmpty();
            assertThat(sim.versionNames("OPS")).isEmpty();
            assertThatThrownBy(sim::assertNoSpecViolations)
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("POST /rest/api/2/version");
        }
    }

    @Test
    void plain_string_rich_text_of_rest_v2_conforms() throws Exception {
        try (JiraSimulator sim = JiraSimulator.builder().start()) {
            SimUser bot = sim.addUser("bot", "Bot", "bot@example.com", true);
            sim.addProject("OPS", "Operations", bot);
            SimHttp http = new SimHttp(sim, bot);
            assertThat(http.post("/rest/api/2/issue", """
          {"fields":{"project":{"key":"OPS"},"issuetype":{"name":"Incident"},"summary":"s",
            "description":"h2. The Original Request\\nit broke","environment":"prod"}}
          """).status()).isEqualTo(201);
            assertThat(http.put("/rest/api/2/issue/OPS-1", "{\"update\":{\"description\":[{\"set\":\"x\"}]}}")
                            .status())
                    .isEqualTo(204);
            assertThat(http.post("/rest/api/2/issue/OPS-1/comment", "{\"body\":\"*bold* text\"}")
                            .status())
                    .isEqualTo(201);
            sim.assertNoSpecViolations();
        }
    }

    @Test
    void the_adf_wrapper_is_the_smallest_valid_document() {
        assertThat(OpenApiConformance.adf("hi").toString())
                .isEqualTo(
                        "{\"type\":\"doc\",\"version\":1,\"content\":[{\"type\":\"paragraph\",\"content\":[{\"type\":\"text\",\"text\":\"hi\"}]}]}");
    }
}
