package io.prodsupport.jirasim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.prodsupport.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChangelogTest {

    private static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");

    /** OPS-1 created at T0, its description edited an hour later, resolved at T0 + 3 h (all by the clock). */
    private static JiraSimulator seeded(Flavour flavour, SettableClock clock) {
        JiraSimulator sim =
                JiraSimulator.builder().flavour(flavour).clock(clock).start();
        SimUser bot = sim.addUser("prodsupport-bot", "Bot", "bot@example.com", true);
        SimUser alice = sim.addUser("alice", "Alice", "alice@example.com", false);
        sim.addProject("OPS", "Operations", bot);
        sim.createIssue("OPS", "Incident", "db down", "first", alice);
        clock.advance(Duration.ofHours(1));
        sim.editDescription("OPS-1", "second", alice);
        clock.advance(Duration.ofHours(2));
        sim.transition("OPS-1", "Done", bot);
        return sim;
    }

    @Test
    void every_change_after_the_create_is_a_history_entry_at_the_clock_time_with_the_webhook_items() throws Exception {
        SettableClock clock = new SettableClock(T0);
        try (JiraSimulator sim = seeded(Flavour.DATA_CENTER, clock)) {
            SimHttp http = new SimHttp(sim, sim.user("prodsupport-bot"));
            JsonNode changelog = http.get("/rest/api/2/issue/OPS-1?fields=summary&expand=changelog")
                    .json()
                    .path("changelog");
            assertThat(changelog.path("total").asInt()).isEqualTo(2);
            assertThat(changelog.path("startAt").asInt()).isZero();
            JsonNode edit = changelog.path("histories").path(0);
            assertThat(edit.path("created").asText()).isEqualTo("2026-11-02T10:00:00.000+0000");
            assertThat(edit.path("author").path("name").asText()).isEqualTo("alice");
            assertThat(edit.at("/items/0/fieldId").asText()).isEqualTo("description");
            assertThat(edit.at("/items/0/fromString").asText()).isEqualTo("first");
            assertThat(edit.at("/items/0/toString").asText()).isEqualTo("second");
            JsonNode resolve = changelog.path("histories").path(1);
            assertThat(resolve.path("created").asText()).isEqualTo("2026-11-02T12:00:00.000+0000");
            List<String> fields = new ArrayList<>();
            resolve.path("items").forEach(i -> fields.add(i.path("fieldId").asText()));
            assertThat(fields).containsExactly("resolution", "status");
            // without expand there is no changelog
            assertThat(http.get("/rest/api/2/issue/OPS-1?fields=summary").json().has("changelog"))
                    .isFalse();
            sim.assertNoSpecViolations();
        }
    }

    @Test
    void data_center_search_embeds_the_whole_history_and_has_no_changelog_endpoint() throws Exception {
        SettableClock clock = new SettableClock(T0);
        try (JiraSimulator sim = seeded(Flavour.DATA_CENTER, clock)) {
            SimUser bot = sim.user("prodsupport-bot");
            for (int i = 0; i < 60; i++) {
                clock.advance(Duration.ofMinutes(1));
                sim.editDescription("OPS-1", "edit " + i, bot);
            }
            SimHttp http = new SimHttp(sim, bot);
            JsonNode issue = http.post(
                            "/rest/api/2/search",
                            "{\"jql\":\"project = OPS\",\"fields\":[\"summary\"],\"expand\":[\"changelog\"]}")
                    .json()
                    .at("/issues/0");
            assertThat(issue.at("/changelog/total").asInt()).isEqualTo(62);
            assertThat(issue.at("/changelog/histories").size()).isEqualTo(62);
            assertThat(issue.at("/changelog/histories/0/items/0/toString").asText())
                    .isEqualTo("second");
            assertThat(http.get("/rest/api/2/issue/OPS-1/changelog").status()).isEqualTo(404);
            sim.assertNoSpecViolations();
        }
    }

    @Test
    void cloud_search_embeds_at_most_40_recent_histories_and_the_changelog_endpoint_pages_from_the_oldest()
            throws Exception {
        SettableClock clock = new SettableClock(T0);
        try (JiraSimulator sim = seeded(Flavour.CLOUD, clock)) {
            SimUser bot = sim.user("prodsupport-bot");
            for (int i = 0; i < 148; i++) {
                clock.advance(Duration.ofMinutes(1));
                sim.editDescription("OPS-1", "edit " + i, bot);
            }
            SimHttp http = new SimHttp(sim, bot);
            JsonNode embedded = http.post(
                            "/rest/api/3/search/jql",
                            "{\"jql\":\"project = OPS\",\"fields\":[\"summary\"],\"expand\":\"names,changelog\"}")
                    .json()
                    .at("/issues/0/changelog");
            assertThat(embedded.path("total").asInt()).isEqualTo(150);
            assertThat(embedded.path("histories").size()).isEqualTo(40);
            // the most recent first
            assertThat(embedded.at("/histories/0/items/0/toString").asText()).isEqualTo("edit 147");

            JsonNode viaIssue = http.get("/rest/api/2/issue/OPS-1?expand=changelog&fields=summary")
                    .json()
                    .path("changelog");
            assertThat(viaIssue.path("histories").size()).isEqualTo(100);

            List<String> toStrings = new ArrayList<>();
            int startAt = 0;
            int pages = 0;
            JsonNode page;
            do {
                page = http.get("/rest/api/3/issue/OPS-1/changelog?startAt=" + startAt)
                        .json();
                page.path("values")
                        .forEach(h -> toStrings.add(h.at("/items/0/toString").asText()));
                startAt += page.path("values").size();
                pages++;
            } while (!page.path("isLast").asBoolean());
            assertThat(pages).isEqualTo(2);
            assertThat(page.path("total").asInt()).isEqualTo(150);
            assertThat(toStrings).hasSize(150);
            assertThat(toStrings.get(0)).isEqualTo("second");
            assertThat(toStrings.get(149)).isEqualTo("edit 147");
            assertThat(http.get("/rest/api/2/issue/OPS-1/changelog?startAt=0&maxResults=2")
                            .json()
                            .path("nextPage")
                            .asText())
                    .endsWith("/rest/api/2/issue/OPS-1/changelog?startAt=2&maxResults=2");
            assertThat(http.get("/rest/api/2/issue/OPS-9/changelog").status()).isEqualTo(404);
            sim.assertNoSpecViolations();
        }
    }
}
