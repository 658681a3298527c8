package io.prodsupport.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.prodsupport.incident.FollowUpSettings;
import io.prodsupport.incident.IncidentScope;
import io.prodsupport.jira.HttpJiraClient;
import io.prodsupport.jira.NewIssue;
import io.prodsupport.jirasim.Flavour;
import io.prodsupport.jirasim.JiraSimulator;
import io.prodsupport.jirasim.SimSite;
import io.prodsupport.testing.SettableClock;
import io.prodsupport.testing.SimulatedSite;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The figures of issue 12, computed from a simulated Jira's history over real HTTP, on Cloud and Data Center. */
class IncidentAnalyticsTest {

    private static final Instant MONDAY_W45 = Instant.parse("2026-11-02T09:00:00Z");
    private static final Period TWO_WEEKS = Period.parse("2026-11-02", "2026-11-16");

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void figures_follow_the_changelog_of_each_incident_and_the_follow_ups_linked_to_them(Flavour flavour) {
        SettableClock clock = new SettableClock(MONDAY_W45);
        try (SimulatedSite simulated = SimulatedSite.start(flavour, clock)) {
            JiraSimulator sim = simulated.sim();
            SimSite site = simulated.site();
            var alice = site.alice();
            // resolved after 4 h, root cause found after 2 h; then many unrelated edits (longer than a Cloud search
            // embeds: the client reads the changelog endpoint for it)
            IncidentStory db = IncidentStory.open(sim, clock, alice, MONDAY_W45, "Writes fail on db-3", "TBD")
                    .rootCause(Duration.ofHours(2), "Log rotation was off on db-3, the disk filled up")
                    .resolve(Duration.ofHours(4));
            for (int i = 0; i < 45; i++) {
                clock.advance(Duration.ofMinutes(1));
                sim.addComment(db.key(), "note " + i, alice); // comments are no history
                sim.editDescription(
                        db.key(),
                        IncidentStory.templated("Writes fail on db-3 (" + i + ")", "Log rotation was off on db-3"),
                        alice);
            }
            // resolved after 1 h, reopened, resolved again after 10 h: the first time counts
            IncidentStory api = IncidentStory.open(
                            sim, clock, alice, MONDAY_W45.plus(Duration.ofHours(1)), "API 502s", "TBD")
                    .rootCause(Duration.ofMinutes(30), "Log rotation disabled by the upgrade")
                    .resolve(Duration.ofHours(1))
                    .reopen(Duration.ofHours(2))
                    .resolve(Duration.ofHours(10));
            // root cause filled after 1 h, set back to TBD after 2 h; still open
            IncidentStory.open(sim, clock, alice, MONDAY_W45.plus(Duration.ofDays(1)), "Slow search", "TBD")
                    .rootCause(Duration.ofHours(1), "A missing index on customer_id")
                    .rootCause(Duration.ofHours(2), "TBD");
            // week 46: open without a root cause; one with its root cause known at creation, resolved after 2 days
            IncidentStory.open(sim, clock, alice, MONDAY_W45.plus(Duration.ofDays(7)), "Login blank", "TBD");
            IncidentStory tls = IncidentStory.open(
                            sim,
                            clock,
                            alice,
                            MONDAY_W45.plus(Duration.ofDays(8)),
                            "Certificate errors",
                            "An expired TLS certificate")
                    .resolve(Duration.ofDays(2));
            // outside: created before the period, and a bug (not an incident type)
            IncidentStory before = IncidentStory.open(
                    sim, clock, alice, MONDAY_W45.minus(Duration.ofDays(3)), "Old one", "Log rotation");
            clock.set(MONDAY_W45.plus(Duration.ofDays(2)));
            sim.createIssue("OPS", "Bug", "Typo", "not an incident", alice);

            clock.set(MONDAY_W45.plus(Duration.ofDays(12)));
            HttpJiraClient bot = simulated.bot();
            String done = followUp(bot, db.key(), "Alert on disk at 80%");
            followUp(bot, db.key(), "Review rotation configs");
            followUp(bot, api.key(), "Rotation in the upgrade checklist");
            followUp(bot, before.key(), "Not this period");
            String byOriginLabel = bot.createIssue(new NewIssue(
                            "SUP",
                            "Task",
                            "Renew certificates automatically",
                            null,
                            List.of(FollowUpSettings.LABEL, FollowUpSettings.originLabel(tls.key())),
                            null,
                            Map.of()))
                    .key();
            bot.createIssue(new NewIssue(
                    "SUP",
                    "Task",
                    "Labelled, linked to nothing",
                    null,
                    List.of(FollowUpSettings.LABEL),
                    null,
                    Map.of()));
            sim.transition(done, "Done", alice);
            sim.transition(byOriginLabel, "Done", alice);
            sim.calls().reset();

            IncidentHistories histories = new IncidentHistories(
                    bot, new IncidentScope(List.of("OPS"), List.of("Incident"), Optional.empty()), "SUP", clock);
            Figures figures = histories.report(TWO_WEEKS).figures();

            assertThat(figures.incidents()).isEqualTo(5);
            assertThat(figures.resolved()).isEqualTo(3);
            // 1 h, 4 h, 2 days: nearest rank 2 of 3 and 3 of 3
            assertThat(figures.timeToResolve()).isEqualTo(new Percentiles(14_400L, 172_800L, 3));
            // 0 (known at creation), 30 min, 1 h (then set back to TBD), 2 h
            assertThat(figures.timeToRootCause()).isEqualTo(new Percentiles(1_800L, 7_200L, 4));
            assertThat(figures.followUps()).isEqualTo(new Figures.FollowUpCounts(4, 2));
            assertThat(figures.byWeek())
                    .containsExactly(new Figures.WeekCount("2026-W45", 3, 2), new Figures.WeekCount("2026-W46", 2, 1));
            assertThat(figures.recurringCauses())
                    .containsExactly(new Figures.RecurringCause("log rotation", List.of(db.key(), api.key())));

            int changelogCalls = sim.calls().count("GET /rest/api/2/issue/{issueIdOrKey}/changelog");
            assertThat(changelogCalls).isEqualTo(flavour == Flavour.CLOUD ? 1 : 0);
        }
    }

    private static String followUp(HttpJiraClient bot, String incident, String summary) {
        String key = bot.createIssue(new NewIssue(
                        "SUP", "Task", summary, null, List.of("prevention", FollowUpSettings.LABEL), null, Map.of()))
                .key();
        bot.linkIssues("Relates", incident, key);
        return key;
    }
}
