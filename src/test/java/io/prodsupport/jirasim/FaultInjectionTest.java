package io.prodsupport.jirasim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FaultInjectionTest {
    @RegisterExtension
    JiraSimulatorExtension ext = JiraSimulatorExtension.cloud();

    JiraSimulator sim;
    SimHttp http;

    @BeforeEach
    void site() {
        sim = ext.sim();
        SimUser bot = sim.addUser("bot", "Bot", "bot@example.com", true);
        sim.addProject("OPS", "Operations", bot);
        sim.createIssue("OPS", "Incident", "Down", "d", bot);
        http = new SimHttp(sim, bot);
    }

    @Test
    void rate_limited_calls_get_429_with_retry_after_then_succeed() throws Exception {
        sim.faults().rateLimitNext(2, 7);
        var first = http.get("/rest/api/2/issue/OPS-1");
        assertThat(first.status()).isEqualTo(429);
        assertThat(first.headers().get("Retry-After")).isEqualTo("7");
        assertThat(http.get("/rest/api/2/issue/OPS-1").status()).isEqualTo(429);
        assertThat(http.get("/rest/api/2/issue/OPS-1").status()).isEqualTo(200);
    }

    @Test
    void server_errors_come_with_a_jira_like_body_and_can_be_periodic() throws Exception {
        sim.faults().failNext(1, 500);
        var failed = http.get("/rest/api/2/issue/OPS-1");
        assertThat(failed.status()).isEqualTo(500);
        assertThat(failed.json().has("errorMessages")).isTrue();
        sim.faults().clear().failEvery(3, 503);
        assertThat(http.get("/rest/api/2/myself").status()).isEqualTo(200);
        assertThat(http.get("/rest/api/2/myself").status()).isEqualTo(200);
        assertThat(http.get("/rest/api/2/myself").status()).isEqualTo(503);
    }

    @Test
    void a_fault_can_be_restricted_to_one_endpoint() throws Exception {
        sim.faults().on("POST /rest/api/2/issue").failNext(1, 502);
        assertThat(http.get("/rest/api/2/issue/OPS-1").status()).isEqualTo(200);
        assertThat(http.post(
                                "/rest/api/2/issue",
                                "{\"fields\":{\"project\":{\"key\":\"OPS\"},\"issuetype\":{\"name\":\"Task\"},\"summary\":\"s\"}}")
                        .status())
                .isEqualTo(502);
        assertThat(sim.issues()).hasSize(1);
    }

    @Test
    void a_dropped_connection_is_an_io_exception_for_the_client() throws Exception {
        sim.faults().dropConnectionNext(1);
        assertThatThrownBy(() -> http.get("/rest/api/2/issue/OPS-1")).isInstanceOf(IOException.class);
        assertThat(http.get("/rest/api/2/issue/OPS-1").status()).isEqualTo(200);
    }

    @Test
    void a_token_bucket_rate_limit_answers_429_beyond_the_burst() throws Exception {
        sim.faults().rateLimit(3);
        int limited = 0;
        for (int i = 0; i < 6; i++) {
            if (http.get("/rest/api/2/myself").status() == 429) {
                limited++;
            }
        }
        assertThat(limited).isPositive();
    }

    @Test
    void calls_are_counted_per_method_and_openapi_path_template() throws Exception {
        sim.calls().reset();
        http.get("/rest/api/2/issue/OPS-1");
        http.put("/rest/api/2/issue/OPS-1", "{\"fields\":{\"summary\":\"x\"}}");
        http.put("/rest/api/2/issue/OPS-1", "{\"fields\":{\"summary\":\"y\"}}");
        assertThat(sim.calls().count("PUT /rest/api/2/issue/{issueIdOrKey}")).isEqualTo(2);
        assertThat(sim.calls().count("GET /rest/api/2/issue/{issueIdOrKey}")).isEqualTo(1);
        assertThat(sim.calls().total()).isEqualTo(3);
        assertThat(sim.calls().snapshot())
                .containsOnlyKeys("GET /rest/api/2/issue/{issueIdOrKey}", "PUT /rest/api/2/issue/{issueIdOrKey}");
    }
}
