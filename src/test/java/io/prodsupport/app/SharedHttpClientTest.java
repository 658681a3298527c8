package io.prodsupport.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.prodsupport.config.Config;
import io.prodsupport.jirasim.Flavour;
import io.prodsupport.jirasim.JiraSimulator;
import io.prodsupport.jirasim.SimSite;
import io.prodsupport.testing.SimulatedService;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One HTTP client per running instance: Jira's calls go through its pool, and closing the service releases it. */
class SharedHttpClientTest {

    @TempDir
    Path dir;

    @Test
    void the_jira_client_uses_the_shared_pool_and_closing_the_service_releases_it() {
        try (JiraSimulator sim = JiraSimulator.builder().flavour(Flavour.CLOUD).start()) {
            SimSite site = SimSite.seed(sim);
            int port = SimulatedService.freePort();
            Config config = ConfigLoaders.withTemplateSections(Map.of())
                    .load(SimulatedService.config(site, dir, port, "sweep:\n  enabled: false\n"));
            Wiring wiring = new Wiring(config, Clock.systemUTC());
            OkHttpClient shared = wiring.http();

            ProdsupportService service = wiring.service("127.0.0.1");
            // connecting asked Jira who the service is: that connection now waits in the shared pool
            assertThat(shared.connectionPool().connectionCount()).isPositive();

            service.close();

            assertThat(shared.dispatcher().executorService().isShutdown()).isTrue();
            assertThat(shared.connectionPool().connectionCount()).isZero();
        }
    }
}
