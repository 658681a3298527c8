package io.prodsupport.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.prodsupport.jirasim.Flavour;
import io.prodsupport.jirasim.JiraSimulator;
import io.prodsupport.jirasim.SimSite;
import io.prodsupport.jirasim.Webhooks.FiredEvent;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The simulator's webhooks read the same as the captured real ones: the tests built on them mean something. */
class SimulatorWebhookParsingTest {

    private final ObjectMapper json = new ObjectMapper();
    private final JiraEventParser parser = new JiraEventParser(json);

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void an_incidents_life_in_the_simulator_parses_into_the_events_the_service_acts_on(Flavour flavour)
            throws Exception {
        try (JiraSimulator sim = JiraSimulator.builder().flavour(flavour).start()) {
            SimSite site = SimSite.seed(sim);
            String key = sim.createIssue("OPS", "Incident", "Checkout down", "500s", site.carol());
            sim.transition(key, "In Progress", site.alice());
            sim.transition(key, "Done", site.alice());

            List<FiredEvent> fired = sim.webhooks().fired();
            List<JiraEvent> events = new java.util.ArrayList<>();
            for (FiredEvent f : fired) {
                events.add(parser.parse(json.writeValueAsBytes(f.payload())));
            }

            assertThat(events)
                    .extracting(JiraEvent::webhookEvent)
                    .containsExactly("jira:issue_created", "jira:issue_updated", "jira:issue_updated");
            assertThat(events).allSatisfy(e -> {
                assertThat(e.issueKey()).contains(key);
                assertThat(e.projectKey()).contains("OPS");
            });
            assertThat(events.get(0).actor())
                    .get()
                    .extracting(JiraEvent.EventUser::ref)
                    .isEqualTo(site.carol().jiraId());
            JiraEvent closed = events.get(2);
            assertThat(closed.actor())
                    .get()
                    .extracting(JiraEvent.EventUser::ref)
                    .isEqualTo(site.alice().jiraId());
            assertThat(closed.change("status")).get().satisfies(c -> {
                assertThat(c.fromText()).isEqualTo("In Progress");
                assertThat(c.toText()).isEqualTo("Done");
            });
            assertThat(closed.change("resolution")).isPresent();
            assertThat(closed.movedToDone()).isTrue();
            assertThat(closed.changelogId()).isPresent();
            assertThat(events.get(1).movedToDone()).isFalse();
        }
    }
}
