package io.prodsupport.jira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prodsupport.jirasim.Flavour;
import io.prodsupport.jirasim.JiraSimulator;
import io.prodsupport.testing.SettableClock;
import io.prodsupport.testing.SimulatedSite;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The client's changelog reads against the simulator: the search's embedded history and Cloud's changelog pages. */
class ChangelogClientTest {

    private static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");

    /** OPS-1 with {@code edits} description changes a minute apart, OPS-2 with one. */
    private static void seed(SimulatedSite site, SettableClock clock, int edits) {
        JiraSimulator sim = site.sim();
        var alice = site.site().alice();
        sim.createIssue("OPS", "Incident", "long", "v0", alice);
        sim.createIssue("OPS", "Incident", "short", "v0", alice);
        for (int i = 1; i <= edits; i++) {
            clock.advance(Duration.ofMinutes(1));
            sim.editDescription("OPS-1", "v" + i, alice);
        }
        sim.editDescription("OPS-2", "v1", alice);
        site.bot().flavour(); // the client learns the flavour once; only the reads below are counted
        sim.calls().reset();
    }

    @Test
    void on_cloud_a_history_longer_than_the_search_embeds_is_read_from_the_changelog_pages() {
        SettableClock clock = new SettableClock(T0);
        try (SimulatedSite site = SimulatedSite.start(Flavour.CLOUD, clock)) {
            seed(site, clock, 150);
            List<IssueHistory> found = site.bot()
                    .searchWithHistory("project = OPS ORDER BY key ASC", List.of("summary"))
                    .toList();
            assertThat(found).extracting(h -> h.issue().key()).containsExactly("OPS-1", "OPS-2");
            List<ChangeHistory> longOne = found.get(0).histories();
            assertThat(longOne).hasSize(150);
            // oldest first, whatever order Jira listed them in
            assertThat(longOne.get(0).items().get(0).toText()).isEqualTo("v1");
            assertThat(longOne.get(0).created().toInstant()).isEqualTo(T0.plus(Duration.ofMinutes(1)));
            assertThat(longOne.get(149).items().get(0))
                    .isEqualTo(new ChangeHistory.Item("description", null, "v149", null, "v150"));
            assertThat(found.get(1).histories()).hasSize(1);
            assertThat(site.sim().calls().snapshot())
                    .containsEntry("POST /rest/api/2/search/jql", 1)
                    .containsEntry("GET /rest/api/2/issue/{issueIdOrKey}/changelog", 2); // 100 + 50, OPS-1 only
        }
    }

    @Test
    void data_center_embeds_the_whole_history_and_has_no_changelog_endpoint() {
        SettableClock clock = new SettableClock(T0);
        try (SimulatedSite site = SimulatedSite.start(Flavour.DATA_CENTER, clock)) {
            seed(site, clock, 150);
            List<IssueHistory> found = site.bot()
                    .searchWithHistory("project = OPS ORDER BY key ASC", List.of("summary"))
                    .toList();
            assertThat(found.get(0).histories()).hasSize(150);
            assertThat(site.sim().calls().total()).isEqualTo(1);
            assertThatThrownBy(() -> site.bot().changelog("OPS-1"))
                    .isInstanceOfSatisfying(
                            JiraException.class, e -> assertThat(e.status()).isEqualTo(404));
        }
    }
}
