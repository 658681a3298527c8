package io.prodsupport.jirasim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JiraSimulatorExtensionTest {

    @Test
    void the_extension_fails_the_test_that_sent_a_non_conforming_request_and_stops_the_simulator() throws Exception {
        JiraSimulatorExtension ext = JiraSimulatorExtension.dataCenter();
        ext.beforeEach(null);
        JiraSimulator sim = ext.sim();
        assertThat(sim.flavour()).isEqualTo(Flavour.DATA_CENTER);
        SimUser bot = sim.addUser("bot", "Bot", "bot@example.com", true);
        sim.addProject("OPS", "Operations", bot);
        new SimHttp(sim, bot).post("/rest/api/2/version", "{\"name\": 5, \"project\": \"OPS\"}");

        assertThatThrownBy(() -> ext.afterEach(null))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("/rest/api/2/version");
        assertThatThrownBy(ext::sim).isInstanceOf(IllegalStateException.class);
    }
}
