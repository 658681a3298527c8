package io.prodsupport.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.prodsupport.inbox.StoredEvent;
import io.prodsupport.incident.IncidentSignal;
import io.prodsupport.incident.IncidentSignal.Kind;
import io.prodsupport.jirasim.Flavour;
import io.prodsupport.jirasim.JiraSimulator;
import io.prodsupport.jirasim.SimSite;
import io.prodsupport.jirasim.Webhooks.FiredEvent;
import io.prodsupport.sweep.Sweep;
import io.prodsupport.webhook.JiraEventParser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The webhooks of an incident's life, as the simulator fires them on each flavour, read into the domain's signals. */
class SignalsTest {

    private final ObjectMapper json = new ObjectMapper();
    private final Signals signals = new Signals(new JiraEventParser(json));

    private List<IncidentSignal> signalsOf(List<FiredEvent> fired) throws Exception {
        List<IncidentSignal> out = new ArrayList<>();
        for (FiredEvent f : fired) {
            StoredEvent stored = new StoredEvent(
                    out.size(),
                    "d-" + f.hashCode(),
                    f.issueKey(),
                    f.event(),
                    json.writeValueAsBytes(f.payload()),
                    1,
                    Instant.now());
            signals.of(stored).ifPresent(out::add);
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void an_incidents_life_reads_as_created_updated_commented_once_and_closed(Flavour flavour) throws Exception {
        try (JiraSimulator sim = JiraSimulator.builder().flavour(flavour).start()) {
            SimSite site = SimSite.seed(sim);
            String key = sim.createIssue("OPS", "Incident", "Checkout down", "500s", site.carol());
            sim.transition(key, "In Progress", site.alice());
            sim.addComment(key, "Why did the pool run dry?", site.bob());
            sim.transition(key, "Done", site.alice());

            List<IncidentSignal> read = signalsOf(sim.webhooks().fired());

            assertThat(read)
                    .extracting(IncidentSignal::kind)
                    .as("the comment's issue_updated echo is dropped: one signal per comment")
                    .containsExactly(Kind.CREATED, Kind.UPDATED, Kind.COMMENTED, Kind.CLOSED);
            assertThat(read.get(0).actor()).contains(site.carol().jiraId());
            IncidentSignal comment = read.get(2);
            assertThat(comment.commentText()).contains("Why did the pool run dry?");
            assertThat(comment.actor()).contains(site.bob().jiraId());
            IncidentSignal closed = read.get(3);
            assertThat(closed.issue()).isEqualTo(key);
            assertThat(closed.fromStatus()).contains("In Progress");
            assertThat(closed.changelogId()).isPresent();
            assertThat(closed.actor()).contains(site.alice().jiraId());
        }
    }

    @Test
    void a_sweep_event_names_its_issue_only() {
        StoredEvent swept = new StoredEvent(
                7, "sweep:OPS-3:2026-11-29T10:00:00Z", "OPS-3", Sweep.EVENT, new byte[0], 1, Instant.now());

        assertThat(signals.of(swept)).get().satisfies(s -> {
            assertThat(s.kind()).isEqualTo(Kind.SWEPT);
            assertThat(s.issue()).isEqualTo("OPS-3");
            assertThat(s.source()).isEqualTo("sweep:OPS-3:2026-11-29T10:00:00Z");
        });
    }

    @Test
    void a_deleted_issue_is_nothing_to_do() {
        StoredEvent deleted = new StoredEvent(
                8,
                "d-del",
                "OPS-4",
                "jira:issue_deleted",
                "{\"webhookEvent\":\"jira:issue_deleted\",\"issue\":{\"id\":\"10004\",\"key\":\"OPS-4\"}}".getBytes(),
                1,
                Instant.now());

        assertThat(signals.of(deleted)).isEqualTo(Optional.empty());
    }
}
