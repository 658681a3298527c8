package io.prodsupport.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.prodsupport.jira.HttpJiraClient;
import io.prodsupport.jirasim.Flavour;
import io.prodsupport.jirasim.JiraSimulator;
import io.prodsupport.jirasim.SimComment;
import io.prodsupport.jirasim.SimSite;
import io.prodsupport.notify.ChannelMessage;
import io.prodsupport.notify.Outbox;
import io.prodsupport.testing.SettableClock;
import io.prodsupport.testing.SimulatedSite;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Stale-incident nudges and forgotten-prevention reminders against the simulator over real HTTP, its clock and the
 * reminders' the same settable one: what a search at minute precision returns is checked against the issue itself,
 * the state on the ticket survives a restart, and nothing is said twice for the same silence.
 */
class RemindersTest {

    private static final Duration STALE_AFTER = Duration.ofHours(4);
    private static final Duration REMIND_AFTER = Duration.ofDays(3);

    private final SettableClock clock = new SettableClock(Instant.parse("2026-11-30T09:00:00Z"));
    /** The outbox as the domain sees it: message id → message, as the store's unique id would keep them. */
    private final Map<String, ChannelMessage> queued = new LinkedHashMap<>();

    private final Outbox outbox = (message, channels, now, due) -> queued.putIfAbsent(message.id(), message);
    private SimulatedSite simulated;
    private JiraSimulator sim;
    private SimSite site;
    private HttpJiraClient jira;

    private Reminders reminders(Flavour flavour) {
        if (simulated == null) {
            simulated = SimulatedSite.start(flavour, clock);
            sim = simulated.sim();
            site = simulated.site();
            jira = simulated.bot();
        }
        IncidentScope scope = new IncidentScope(List.of("OPS"), List.of("Incident"), java.util.Optional.empty());
        OnCallRotation rotation = new OnCallRotation(
                List.of(site.alice().jiraId()), clock.instant().minus(Duration.ofDays(1)), Duration.ofDays(7));
        return new Reminders(jira, scope, outbox, List.of("slack"), rotation, STALE_AFTER, REMIND_AFTER, clock);
    }

    @AfterEach
    void close() {
        if (simulated != null) {
            sim.assertNoSpecViolations();
            simulated.close();
        }
    }

    private List<String> comments(String key) {
        return sim.issue(key).comments().stream().map(SimComment::body).toList();
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void a_silent_incident_is_nudged_once_per_full_period_of_silence_mentioning_the_person_on_duty(Flavour flavour) {
        Reminders reminders = reminders(flavour);
        String key = sim.createIssue("OPS", "Incident", "Checkout down", "500s", site.carol());
        String done = sim.createIssue("OPS", "Incident", "Search down", "slow", site.carol());
        sim.transition(done, "Done", site.alice());

        clock.advance(STALE_AFTER.minusSeconds(30));
        assertThat(reminders.check())
                .as("the minute-wide search finds it; its own `updated` says not yet")
                .isEmpty();

        clock.advance(Duration.ofSeconds(30));
        assertThat(reminders.check()).containsExactly(key + ": nudged after 4 hours of silence");
        assertThat(comments(key))
                .singleElement()
                .satisfies(c -> assertThat(c)
                        .startsWith(IncidentReconciler.mention(site.alice().jiraId(), jira.flavour()) + " ")
                        .contains("no update for 4 hours"));
        assertThat(comments(done)).as("a resolved incident is not stale").isEmpty();

        clock.advance(Duration.ofMinutes(1));
        assertThat(reminders(flavour).check())
                .as("a restarted instance: the comment updated the ticket, this silence was nudged")
                .isEmpty();

        clock.advance(STALE_AFTER);
        assertThat(reminders.check()).containsExactly(key + ": nudged after 4 hours of silence");
        assertThat(comments(key)).hasSize(2);
        assertThat(queued.values())
                .extracting(ChannelMessage::kind)
                .containsExactly(ChannelMessage.Kind.STALE, ChannelMessage.Kind.STALE);
        assertThat(queued.values().iterator().next().line())
                .isEqualTo(key + " Checkout down: no update for 4 hours; asked the person on duty for one");
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void a_resolved_incident_without_prevention_is_reminded_once_mentioning_its_owner(Flavour flavour) {
        Reminders reminders = reminders(flavour);
        String forgotten = sim.createIssue("OPS", "Incident", "Checkout down", "500s", site.carol());
        String planned = sim.createIssue("OPS", "Incident", "Search down", "slow", site.carol());
        sim.editDescription(planned, "h2. Prevention / Mitigation\n* Alert on index rebuilds", site.alice());
        String stillTbd = sim.createIssue("OPS", "Incident", "Login slow", "p99", site.carol());
        sim.editDescription(stillTbd, "h2. Prevention / Mitigation\nTBD", site.alice());
        for (String key : List.of(forgotten, planned, stillTbd)) {
            sim.transition(key, "Done", site.bob());
        }

        clock.advance(REMIND_AFTER.minusSeconds(20));
        assertThat(reminders.check()).isEmpty();

        clock.advance(Duration.ofSeconds(20));
        assertThat(reminders.check())
                .containsExactlyInAnyOrder(
                        forgotten + ": reminded of its prevention 3 days after it was resolved",
                        stillTbd + ": reminded of its prevention 3 days after it was resolved");
        assertThat(comments(forgotten))
                .singleElement()
                .satisfies(c -> assertThat(c).contains("Prevention / Mitigation is still empty"));
        assertThat(comments(planned)).isEmpty();

        clock.advance(Duration.ofDays(5));
        assertThat(reminders(flavour).check())
                .as("once per incident, across restarts")
                .isEmpty();
        List<ChannelMessage.Kind> kinds = new ArrayList<>();
        queued.values().forEach(m -> kinds.add(m.kind()));
        assertThat(kinds)
                .containsExactly(ChannelMessage.Kind.PREVENTION_MISSING, ChannelMessage.Kind.PREVENTION_MISSING);
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void a_look_out_of_time_begins_no_more_reminders_and_the_next_look_finishes_them(Flavour flavour) {
        reminders(flavour);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            keys.add(sim.createIssue("OPS", "Incident", "Checkout down " + i, "500s", site.carol()));
        }
        clock.advance(STALE_AFTER.plusMinutes(1));
        // a look whose every reading of the clock is a second later: a slow Jira, as the look sees it
        Clock slowLook = new Clock() {
            private int reads;

            @Override
            public Instant instant() {
                return clock.instant().plusSeconds(reads++);
            }

            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }
        };
        IncidentScope scope = new IncidentScope(List.of("OPS"), List.of("Incident"), java.util.Optional.empty());
        Reminders slow = new Reminders(
                jira, scope, outbox, List.of("slack"), OnCallRotation.nobody(), STALE_AFTER, REMIND_AFTER, slowLook);

        List<String> first = slow.check(clock.instant().plusSeconds(2));
        assertThat(first).hasSize(2);
        assertThat(first.get(1))
                .isEqualTo("out of time for this look: 2 more incident(s) are looked at by the next one");
        assertThat(keys.stream().filter(k -> !comments(k).isEmpty())).hasSize(1);

        assertThat(reminders(flavour).check()).hasSize(2);
        assertThat(keys).allSatisfy(k -> assertThat(comments(k)).hasSize(1));
        assertThat(queued).hasSize(3);
    }
}
