package io.prodsupport.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.prodsupport.jira.HttpJiraClient;
import io.prodsupport.jirasim.Flavour;
import io.prodsupport.jirasim.JiraSimulator;
import io.prodsupport.jirasim.SimSite;
import io.prodsupport.notify.ChannelMessage;
import io.prodsupport.notify.IncidentNotice;
import io.prodsupport.notify.OutboxEntry;
import io.prodsupport.notify.OutboxStore;
import io.prodsupport.store.Stores;
import io.prodsupport.testing.PostgresServer;
import io.prodsupport.testing.SettableClock;
import io.prodsupport.testing.SimulatedSite;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hand-overs against the simulator over real HTTP and a real SQLite outbox, driven by a settable clock: one message
 * per hand-over however often it is looked for and across a restart, none for a hand-over older than the window.
 */
class HandoversTest {

    private static final Instant START = Instant.parse("2026-11-23T09:00:00Z");
    private static final Duration WITHIN = Duration.ofHours(1);

    private final SettableClock clock =
            new SettableClock(START.plus(Duration.ofDays(7)).minusSeconds(60));
    private SimulatedSite simulated;
    private JiraSimulator sim;
    private SimSite site;
    private HttpJiraClient jira;
    private OutboxStore outbox;
    private OnCallRotation rotation;

    @TempDir
    Path dir;

    @BeforeEach
    void start() {
        simulated = SimulatedSite.start(Flavour.CLOUD, clock);
        sim = simulated.sim();
        site = simulated.site();
        jira = simulated.bot();
        outbox = Stores.openOutbox("jdbc:sqlite:" + dir.resolve("store.db"), null, null);
        // alice's week, then bob's from 2026-11-30T09:00Z, then alice's again
        rotation = new OnCallRotation(List.of(site.alice().jiraId(), site.bob().jiraId()), START, Duration.ofDays(7));
    }

    @AfterEach
    void close() {
        outbox.close();
        sim.assertNoSpecViolations();
        simulated.close();
    }

    /** A fresh instance: what a restart or a second instance on the same store would build. */
    private Handovers handovers(OnDuty schedule) {
        IncidentScope scope = new IncidentScope(List.of("OPS"), List.of("Incident"), Optional.empty());
        return new Handovers(jira, scope, outbox, List.of("slack", "email"), schedule, WITHIN, clock);
    }

    private List<OutboxEntry> queued(String channel) {
        return outbox.claim(channel, clock.instant(), Duration.ofMinutes(1), "test", 10);
    }

    @Test
    void a_hand_over_is_told_once_with_the_open_incidents_the_new_person_inherits() {
        String open = sim.createIssue("OPS", "Incident", "Checkout down", "500s", site.carol());
        String resolved = sim.createIssue("OPS", "Incident", "Search slow", "slow", site.carol());
        sim.transition(resolved, "Done", site.alice());
        Handovers first = handovers(rotation);

        assertThat(first.check()).as("alice's week continues").isEmpty();

        clock.advance(Duration.ofMinutes(2)); // 09:01, bob's week began at 09:00
        assertThat(first.check())
                .singleElement()
                .satisfies(line -> assertThat(line)
                        .startsWith("hand-over to Bob Oncall (on duty since 2026-11-30T09:00:00Z, until"
                                + " 2026-12-07T09:00:00Z)")
                        .endsWith("with 1 open incident(s)"));
        assertThat(first.check()).as("looked for again a minute later").isEmpty();
        clock.advance(Duration.ofMinutes(5));
        assertThat(handovers(rotation).check())
                .as("a restarted instance queues it again, and the outbox keeps the one message")
                .hasSize(1);

        List<OutboxEntry> slack = queued("slack");
        assertThat(slack).hasSize(1);
        assertThat(queued("email")).hasSize(1);
        ChannelMessage message = slack.get(0).message();
        assertThat(message.id())
                .isEqualTo("handover:2026-11-30T09:00:00Z:" + site.bob().jiraId());
        assertThat(message.kind()).isEqualTo(ChannelMessage.Kind.HANDOVER);
        assertThat(message.handover().onDutyName()).isEqualTo("Bob Oncall");
        assertThat(message.handover().until()).isEqualTo("2026-12-07T09:00:00Z");
        assertThat(message.handover().inherited())
                .extracting(IncidentNotice::key, IncidentNotice::summary, IncidentNotice::status, IncidentNotice::url)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        open, "Checkout down", "To Do", jira.serverInfo().baseUrl() + "/browse/" + open));
    }

    @Test
    void two_instances_on_one_postgresql_take_turns_and_queue_one_message() {
        String url = PostgresServer.freshDatabase("handovers");
        IncidentScope scope = new IncidentScope(List.of("OPS"), List.of("Incident"), Optional.empty());
        clock.advance(Duration.ofMinutes(2));
        try (OutboxStore one = Stores.openOutbox(url, "postgres", null);
                OutboxStore two = Stores.openOutbox(url, "postgres", null)) {
            Handovers first = new Handovers(jira, scope, one, List.of("slack"), rotation, WITHIN, clock);
            Handovers second = new Handovers(jira, scope, two, List.of("slack"), rotation, WITHIN, clock);
            Duration every = Duration.ofMinutes(1);

            assertThat(one.takeTurn("handovers", "one", clock.instant(), every)).isTrue();
            assertThat(two.takeTurn("handovers", "two", clock.instant(), every))
                    .as("one instance looks each minute")
                    .isFalse();
            assertThat(first.check()).hasSize(1);
            clock.advance(every);
            assertThat(two.takeTurn("handovers", "two", clock.instant(), every)).isTrue();
            assertThat(second.check()).as("the other instance's look: same id").hasSize(1);

            assertThat(two.claim("slack", clock.instant(), every, "w", 10))
                    .singleElement()
                    .satisfies(e -> assertThat(e.message().kind()).isEqualTo(ChannelMessage.Kind.HANDOVER));
        }
    }

    @Test
    void a_start_long_after_the_hand_over_says_nothing_of_it() {
        clock.set(START.plus(Duration.ofDays(7)).plus(WITHIN).plusSeconds(1));

        assertThat(handovers(rotation).check()).isEmpty();
        assertThat(queued("slack")).isEmpty();
    }

    @Test
    void the_next_turn_of_the_same_person_is_no_hand_over() {
        OnCallRotation alone = new OnCallRotation(List.of(site.alice().jiraId()), START, Duration.ofDays(7));
        clock.advance(Duration.ofMinutes(2));

        assertThat(handovers(alone).check()).isEmpty();
        assertThat(handovers(OnCallRotation.nobody()).check()).isEmpty();
        assertThat(queued("slack")).isEmpty();
    }
}
