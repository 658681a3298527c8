package io.prodsupport.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.prodsupport.jira.HttpJiraClient;
import io.prodsupport.jirasim.Flavour;
import io.prodsupport.jirasim.JiraSimulator;
import io.prodsupport.jirasim.SimIssue;
import io.prodsupport.jirasim.SimSite;
import io.prodsupport.notify.ChannelMessage;
import io.prodsupport.notify.Outbox;
import io.prodsupport.store.Stores;
import io.prodsupport.testing.SettableClock;
import io.prodsupport.testing.SimulatedSite;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The post-mortem task over the simulator on real HTTP, both flavours, and a SQLite ledger: made for an incident at or
 * above the threshold in Jira's priority order with the timeline its changelog and comments give (times and
 * durations known to the minute, as the simulator's clock made them), once; none below it, none when not configured,
 * none for an incident resolved long ago.
 */
class PostMortemsTest {

    private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");
    private static final IncidentScope SCOPE = FollowUpSite.SCOPE;

    @TempDir
    Path dir;

    private final SettableClock clock = new SettableClock(T0);
    private SimulatedSite simulated;
    private JiraSimulator sim;
    private SimSite site;
    private HttpJiraClient jira;
    private FollowUpLedger ledger;

    private PostMortems start(Flavour flavour, String minPriority) {
        simulated = SimulatedSite.start(flavour, clock);
        sim = simulated.sim();
        site = simulated.site();
        jira = simulated.bot();
        ledger = Stores.openFollowUpLedger("jdbc:sqlite:" + dir.resolve("store.db"), null, null);
        return new PostMortems(
                jira,
                SCOPE,
                new PostMortemSettings(minPriority, "SUP", "Task", "Relates"),
                ledger,
                clock,
                FollowUpSite.LEASE);
    }

    @AfterEach
    void stop() {
        if (ledger != null) {
            ledger.close();
        }
        if (simulated != null) {
            simulated.close();
        }
    }

    /** An incident's life, each step at a known minute after T0. */
    private String incidentWithKnownHistory(String priority) {
        // reported with the root cause still TBD; it is written later
        String key = sim.createIssue(
                "OPS",
                "Incident",
                "Checkout | down",
                FollowUpSite.description("* Alert on pool exhaustion")
                        .replace("A config push disabled the payment pool", "TBD"),
                site.carol());
        clock.advance(Duration.ofMinutes(5));
        sim.assign(key, site.alice(), site.alice());
        clock.advance(Duration.ofMinutes(10));
        sim.transition(key, "In Progress", site.alice());
        clock.advance(Duration.ofMinutes(25));
        sim.setPriority(key, priority, site.bob());
        clock.advance(Duration.ofMinutes(50));
        sim.addComment(
                key,
                "[~accountid:0a1b2c] Pool *exhausted* at 09:02 [see|https://grafana.example/d/1]\nsecond line",
                site.bob());
        clock.advance(Duration.ofMinutes(30));
        sim.editDescription(
                key,
                FollowUpSite.description("* Alert on pool exhaustion")
                        .replace("h2. Whys\n* ", "h2. Whys\n* Why did the pool run dry? A config push"),
                site.alice());
        clock.advance(Duration.ofMinutes(30));
        sim.transition(key, "Done", site.alice());
        clock.advance(Duration.ofMinutes(1));
        return key;
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void the_channels_are_told_of_the_task_once_it_is_linked_and_once_only(Flavour flavour) {
        Map<String, ChannelMessage> queued = new LinkedHashMap<>();
        Outbox outbox = (message, channels, now, due) -> queued.putIfAbsent(message.id(), message);
        PostMortems postMortems = start(flavour, "High").telling(outbox, List.of("slack"));
        String key = incidentWithKnownHistory("Highest");

        String made = postMortems.reconcile(key).orElseThrow();
        String task = made.substring("created ".length(), made.indexOf(';') < 0 ? made.length() : made.indexOf(';'));
        assertThat(postMortems.reconcile(key)).isEmpty();
        assertThat(queued.values()).singleElement().satisfies(m -> {
            assertThat(m.id()).isEqualTo("postmortem:" + key);
            assertThat(m.kind()).isEqualTo(ChannelMessage.Kind.POSTMORTEM);
            assertThat(m.title()).isEqualTo("Post-mortem opened");
            assertThat(m.line())
                    .isEqualTo(key + " Checkout | down: post-mortem task " + task + " opened for the review: "
                            + sim.baseUrl() + "/browse/" + task);
            assertThat(m.incident().priority()).isEqualTo("Highest");
        });
        String below = incidentWithKnownHistory("Medium");
        assertThat(postMortems.reconcile(below)).isEmpty();
        assertThat(queued).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void a_high_incident_gets_one_task_whose_timeline_is_its_changelog_and_comments(Flavour flavour) {
        PostMortems postMortems = start(flavour, "High");
        String key = incidentWithKnownHistory("High");

        assertThat(postMortems.reconcile(key)).get().asString().startsWith("created SUP-");
        assertThat(postMortems.reconcile(key)).as("a second event").isEmpty();
        assertThat(postMortems.createdSoFar()).isEqualTo(1);

        List<SimIssue> tasks = sim.issues().stream()
                .filter(i -> i.labels().contains(PostMortems.LABEL))
                .toList();
        assertThat(tasks).hasSize(1);
        SimIssue task = tasks.get(0);
        assertThat(task.projectKey()).isEqualTo("SUP");
        assertThat(task.issueType()).isEqualTo("Task");
        assertThat(task.summary()).isEqualTo("Post-mortem: " + key + " Checkout | down");
        assertThat(task.labels()).contains("prodsupport-from-" + key);
        assertThat(task.links())
                .anyMatch(l -> l.inwardKey().equals(key) && l.outwardKey().equals(task.key())
                        || l.outwardKey().equals(key) && l.inwardKey().equals(task.key()));
        String carol = site.carol().displayName();
        String alice = site.alice().displayName();
        String bob = site.bob().displayName();
        assertThat(task.description())
                .contains("Post-mortem review of [" + key + "|" + sim.baseUrl() + "/browse/" + key
                        + "]: Checkout \\| down")
                .contains("Priority: High. Resolved: 2026-11-23 11:30 UTC")
                .containsSubsequence(
                        "h2. Timeline",
                        "* 2026-11-23 09:00 (+0m) \u2014 Reported by " + carol + "\n",
                        "* 2026-11-23 09:05 (+5m) \u2014 Owner: " + alice + "\n",
                        "* 2026-11-23 09:15 (+15m) \u2014 Status: To Do \u2192 In Progress\n",
                        "* 2026-11-23 09:40 (+40m) \u2014 Priority: Medium \u2192 High\n",
                        "* 2026-11-23 10:30 (+1h 30m) \u2014 Comment by " + bob + ": Pool exhausted at 09:02 see\n",
                        "* 2026-11-23 11:00 (+2h 0m) \u2014 Root cause first written\n",
                        "* 2026-11-23 11:30 (+2h 30m) \u2014 Resolved: Done\n",
                        "* 2026-11-23 11:30 (+2h 30m) \u2014 Status: In Progress \u2192 Done\n",
                        "h2. Durations",
                        "* Reported \u2192 owner assigned: 5m\n",
                        "* Reported \u2192 root cause first written: 2h 0m\n",
                        "* Reported \u2192 resolved: 2h 30m\n",
                        "h2. Whys\n* Why did the pool run dry? A config push\n",
                        "h2. Root Cause(s)\nA config push disabled the payment pool\n",
                        "h2. Fixes for Symptoms\n(not written in " + key + ")",
                        "h2. Prevention / Mitigation\n* Alert on pool exhaustion\n",
                        "h2. Review");
        assertThat(task.description()).doesNotContain("second line");
        assertThat(postMortems.explain(jira.getIssue(key, PostMortems.FIELDS)))
                .isEqualTo(task.key() + " (made and linked)");
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void below_the_threshold_in_jiras_order_there_is_none_and_explain_says_why(Flavour flavour) {
        PostMortems postMortems = start(flavour, "High");
        String medium = incidentWithKnownHistory("Medium");
        String highest = incidentWithKnownHistory("Highest");

        assertThat(postMortems.reconcile(medium)).isEmpty();
        assertThat(postMortems.explain(jira.getIssue(medium, PostMortems.FIELDS)))
                .isEqualTo("none: priority Medium is below postmortem.minPriority High");
        assertThat(postMortems.reconcile(highest)).as("Highest is above High").isPresent();
        assertThat(sim.issues().stream().filter(i -> i.labels().contains(PostMortems.LABEL)))
                .singleElement()
                .satisfies(t -> assertThat(t.summary()).contains(highest));
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void without_the_postmortem_section_or_with_a_priority_jira_does_not_have_there_is_none(Flavour flavour) {
        PostMortems unknown = start(flavour, "Critical");
        String key = incidentWithKnownHistory("Highest");
        PostMortems off = PostMortems.off(jira, SCOPE, ledger, clock);

        assertThat(off.reconcile(key)).isEmpty();
        assertThat(off.explain(jira.getIssue(key, PostMortems.FIELDS)))
                .isEqualTo("none: post-mortems are off (no postmortem section in the config)");
        assertThat(unknown.reconcile(key)).isEmpty();
        assertThat(unknown.explain(jira.getIssue(key, PostMortems.FIELDS)))
                .isEqualTo("none: postmortem.minPriority \"Critical\" is not one of Jira's priorities"
                        + " (Highest, High, Medium, Low, Lowest)");
        assertThat(sim.issues()).noneMatch(i -> i.labels().contains(PostMortems.LABEL));
        assertThat(ledger.records(key)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void an_incident_resolved_longer_ago_than_the_window_gets_none(Flavour flavour) {
        PostMortems postMortems = start(flavour, "High");
        String key = incidentWithKnownHistory("High");
        clock.advance(PostMortems.WINDOW.plusMinutes(1));

        assertThat(postMortems.reconcile(key)).isEmpty();
        assertThat(postMortems.explain(jira.getIssue(key, PostMortems.FIELDS)))
                .startsWith("none: it was resolved on 2026-11-23 11:30 UTC, more than 7 days before");
        assertThat(sim.issues()).noneMatch(i -> i.labels().contains(PostMortems.LABEL));
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void an_open_incident_gets_none_yet(Flavour flavour) {
        PostMortems postMortems = start(flavour, "High");
        String key = sim.createIssue("OPS", "Incident", "Slow", "slow", site.carol());
        sim.setPriority(key, "Highest", site.alice());

        assertThat(postMortems.reconcile(key)).isEmpty();
        assertThat(postMortems.explain(jira.getIssue(key, PostMortems.FIELDS)))
                .isEqualTo("none yet: made when the incident is resolved (priority Highest is at or above High)");
        assertThat(Optional.ofNullable(sim.issue(key).labels())).isPresent();
    }
}
