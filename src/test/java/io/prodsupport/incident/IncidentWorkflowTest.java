package io.prodsupport.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.prodsupport.jira.HttpJiraClient;
import io.prodsupport.jirasim.Flavour;
import io.prodsupport.jirasim.JiraSimulator;
import io.prodsupport.jirasim.SimSite;
import io.prodsupport.jirasim.SimUser;
import io.prodsupport.notify.IncidentNotice;
import io.prodsupport.notify.Outbox;
import io.prodsupport.store.Stores;
import io.prodsupport.testing.SettableClock;
import io.prodsupport.testing.SimulatedSite;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The workflow against the simulator over real HTTP: what each kind of signal does to an incident, staffing that
 * happens once, and the Jira calls each event costs.
 */
class IncidentWorkflowTest {

    private static final String GET_ISSUE = "GET /rest/api/2/issue/{issueIdOrKey}";
    private static final List<Section> REQUIRED =
            List.of(Section.SYMPTOMS, Section.ROOT_CAUSE, Section.FIXES_FOR_ROOT_CAUSE);

    @TempDir
    Path dir;

    private SimulatedSite simulated;
    private JiraSimulator sim;
    private SimSite site;
    private HttpJiraClient jira;
    private SimUser dave;
    private final SettableClock clock = new SettableClock(Instant.now());
    private final List<IncidentNotice> announced = new ArrayList<>();
    private FollowUpLedger ledger;

    private IncidentWorkflow workflow(Flavour flavour) {
        simulated = SimulatedSite.start(flavour, clock);
        sim = simulated.sim();
        site = simulated.site();
        jira = simulated.bot();
        dave = sim.addUser("dave", "Dave Lead", "dave@example.com", false);
        ledger = Stores.openFollowUpLedger("jdbc:sqlite:" + dir.resolve("store.db"), null, null);
        IncidentScope scope = new IncidentScope(List.of("OPS"), List.of("Incident"), Optional.empty());
        // Alice is on duty this week, Bob the next
        OnCallRotation rotation = new OnCallRotation(
                List.of(site.alice().jiraId(), site.bob().jiraId()),
                clock.instant().minus(Duration.ofHours(1)),
                Duration.ofDays(7));
        Staffing staffing = new Staffing(List.of(dave.jiraId()), rotation, clock);
        // the outbox, as the domain sees it: what was queued, for the one channel "chat"
        Outbox chat = (message, channels, now, due) -> {
            assertThat(channels).containsExactly("chat");
            announced.add(message.incident());
        };
        return new IncidentWorkflow(
                jira,
                new IncidentReconciler(jira, scope, new FixVersions(jira, "Production Support"), staffing),
                new CloseGate(jira, scope, REQUIRED),
                new FollowUps(jira, scope, FollowUpSite.SETTINGS, ledger, clock, FollowUpSite.LEASE),
                PostMortems.off(jira, scope, ledger, clock),
                new IncidentAnnouncement(jira, scope, chat, List.of("chat"), clock),
                new WhysFromComments(jira, true),
                new IncidentProgress(jira, scope, chat, List.of("chat"), ProgressUpdates.NONE, Duration.ZERO, clock),
                clock);
    }

    @AfterEach
    void everyRequestConformedToTheSpec() throws Exception {
        if (ledger != null) {
            ledger.close();
        }
        if (simulated != null) {
            simulated.close();
        }
    }

    /** A new incident, handled as its creation: shaped, staffed and announced. */
    private String newIncident(IncidentWorkflow workflow) {
        String key = sim.createIssue("OPS", "Incident", "Checkout down", "500s on /checkout", site.carol());
        workflow.handle(
                IncidentSignal.created(key, "d-" + key, Optional.of(site.carol().jiraId())));
        return key;
    }

    /** Every required section filled in, with these prevention actions. */
    private static String filled(String prevention) {
        return FollowUpSite.description(prevention)
                .replace("h2. Symptoms\nTBD", "h2. Symptoms\n500s on /checkout")
                .replace("h2. Fixes for the Root Cause\nTBD", "h2. Fixes for the Root Cause\nA bigger pool");
    }

    private static IncidentSignal comment(String key, SimUser who, String text) {
        return IncidentSignal.commented(key, "c-" + text.hashCode(), Optional.of(who.jiraId()), text);
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void a_new_incident_is_staffed_once_with_its_owner_watchers_and_a_record_of_it(Flavour flavour) {
        IncidentWorkflow workflow = workflow(flavour);

        String key = newIncident(workflow);
        workflow.handle(IncidentSignal.created(key, "d-" + key, Optional.empty())); // redelivered

        assertThat(sim.issue(key).assignee()).isEqualTo(site.alice().jiraId());
        assertThat(sim.issue(key).watchers()).contains(site.alice(), dave);
        assertThat(sim.issue(key).property(Staffing.PROPERTY).path("onDuty").asText())
                .isEqualTo(site.alice().jiraId());
        assertThat(sim.calls().count("POST /rest/api/2/issue/{issueIdOrKey}/watchers"))
                .isEqualTo(2);
        assertThat(announced)
                .singleElement()
                .extracting(IncidentNotice::onDutyName)
                .isEqualTo("Alice Oncall");
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void a_watcher_who_stopped_watching_is_not_added_back_by_a_comment_an_edit_or_the_sweep(Flavour flavour) {
        IncidentWorkflow workflow = workflow(flavour);
        String key = newIncident(workflow);
        sim.stopWatching(key, dave);
        sim.stopWatching(key, site.alice());

        workflow.handle(comment(key, site.carol(), "Any news?"));
        workflow.handle(
                IncidentSignal.updated(key, "u-1", Optional.of(site.carol().jiraId())));
        workflow.handle(IncidentSignal.swept(key, "sweep:" + key));

        assertThat(sim.issue(key).watchers()).doesNotContain(dave, site.alice());
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void once_the_rotation_moved_on_a_comment_on_an_older_incident_adds_nobody(Flavour flavour) {
        IncidentWorkflow workflow = workflow(flavour);
        String key = newIncident(workflow);
        clock.advance(Duration.ofDays(7)); // Bob's week

        workflow.handle(comment(key, site.carol(), "Still broken for me"));
        workflow.handle(IncidentSignal.swept(key, "sweep:" + key + ":2"));

        assertThat(sim.issue(key).watchers()).doesNotContain(site.bob());
        assertThat(sim.issue(key).assignee()).isEqualTo(site.alice().jiraId());
        String next = newIncident(workflow);
        assertThat(sim.issue(next).watchers()).contains(site.bob()).doesNotContain(site.alice());
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void a_comment_or_an_edit_on_an_open_shaped_incident_costs_one_read_and_nothing_else(Flavour flavour) {
        IncidentWorkflow workflow = workflow(flavour);
        String key = newIncident(workflow);

        sim.calls().reset();
        WorkflowOutcome commented = workflow.handle(comment(key, site.carol(), "Why is the pool so small?"));
        assertThat(sim.calls().snapshot()).isEqualTo(Map.of(GET_ISSUE, 1));

        sim.editDescription(key, sim.issue(key).description() + "\nmore words", site.carol());
        sim.calls().reset();
        WorkflowOutcome edited = workflow.handle(IncidentSignal.updated(key, "u-2", Optional.empty()));
        assertThat(sim.calls().snapshot()).isEqualTo(Map.of(GET_ISSUE, 1));

        assertThat(commented.did()).isEmpty();
        assertThat(edited.did()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void a_close_with_the_sections_filled_costs_one_read_and_stands(Flavour flavour) {
        IncidentWorkflow workflow = workflow(flavour);
        String key = newIncident(workflow);
        sim.editDescription(key, filled("TBD"), site.alice());
        sim.transition(key, "In Progress", site.alice());
        sim.transition(key, "Done", site.alice());

        sim.calls().reset();
        WorkflowOutcome outcome = workflow.handle(IncidentSignal.closed(
                key, "d-close", "10042", "In Progress", Optional.of(site.alice().jiraId())));

        assertThat(sim.calls().snapshot()).isEqualTo(Map.of(GET_ISSUE, 1));
        assertThat(outcome.resolved()).isTrue();
        assertThat(sim.issue(key).statusCategoryKey()).isEqualTo("done");
    }

    @Test
    void a_close_the_gate_bounces_makes_no_follow_ups_and_a_later_close_does() {
        IncidentWorkflow workflow = workflow(Flavour.CLOUD);
        String key = newIncident(workflow);
        String rootCauseTbd =
                filled("* Add an alert on pool exhaustion").replace("A config push disabled the payment pool", "TBD");
        sim.editDescription(key, rootCauseTbd, site.alice());
        sim.transition(key, "In Progress", site.alice());
        sim.transition(key, "Done", site.alice());

        WorkflowOutcome bounced = workflow.handle(IncidentSignal.closed(
                key, "d-1", "100", "In Progress", Optional.of(site.alice().jiraId())));

        assertThat(bounced.did()).singleElement().asString().startsWith("close gate moved back to");
        assertThat(bounced.resolved()).isFalse();
        assertThat(sim.issues()).noneMatch(i -> i.projectKey().equals("SUP"));

        sim.editDescription(key, filled("* Add an alert on pool exhaustion"), site.alice());
        sim.transition(key, "Done", site.alice());
        WorkflowOutcome stands = workflow.handle(IncidentSignal.closed(
                key, "d-2", "101", "Reopened", Optional.of(site.alice().jiraId())));

        assertThat(stands.resolved()).isTrue();
        assertThat(stands.did()).singleElement().asString().startsWith("follow-ups: created SUP-");
        assertThat(sim.issue(key).links()).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void the_sweep_staffs_and_announces_a_recent_incident_whose_creation_was_lost_but_not_an_old_one(Flavour flavour) {
        IncidentWorkflow workflow = workflow(flavour);
        String old = sim.createIssue("OPS", "Incident", "Checkout down", "last year", site.carol());
        clock.advance(Duration.ofHours(25));
        String recentEnough = sim.createIssue("OPS", "Incident", "Search down", "lost too", site.carol());

        workflow.handle(IncidentSignal.swept(old, "sweep:" + old));
        workflow.handle(IncidentSignal.swept(recentEnough, "sweep:" + recentEnough));

        assertThat(sim.issue(old).assignee())
                .as("older than a day: not new any more")
                .isNull();
        assertThat(sim.issue(old).property(Staffing.PROPERTY)).isNull();
        assertThat(IncidentDescription.parse(sim.issue(old).description()).isTemplated())
                .as("but shaped")
                .isTrue();
        assertThat(sim.issue(recentEnough).watchers()).contains(dave);
        assertThat(sim.issue(recentEnough).property(Staffing.PROPERTY)).isNotNull();
        assertThat(announced).extracting(IncidentNotice::key).containsExactly(recentEnough);
    }

    @Test
    void the_backfill_staffs_a_recent_incident_never_staffed_quietly_and_leaves_old_ones_unstaffed() {
        IncidentWorkflow workflow = workflow(Flavour.DATA_CENTER);
        String old = sim.createIssue("OPS", "Incident", "Checkout down", "last year", site.carol());
        clock.advance(Duration.ofDays(2));
        String recent = sim.createIssue("OPS", "Incident", "Search down", "this morning", site.carol());

        for (String key : List.of(old, recent)) {
            workflow.handle(
                    IncidentSignal.backfilled(key),
                    jira.getIssue(key, IncidentWorkflow.fields(), IncidentWorkflow.properties()),
                    false);
        }

        assertThat(sim.issue(old).assignee()).isNull();
        assertThat(sim.issue(old).watchers()).doesNotContain(site.alice(), dave);
        assertThat(sim.issue(recent).assignee()).isEqualTo(site.alice().jiraId());
        assertThat(sim.issue(recent).watchers()).contains(site.alice(), dave);
        assertThat(announced).as("the backfill never announces").isEmpty();
    }

    @Test
    void an_issue_that_is_gone_is_nothing_to_do() {
        IncidentWorkflow workflow = workflow(Flavour.CLOUD);

        WorkflowOutcome outcome = workflow.handle(IncidentSignal.updated("OPS-404", "d-gone", Optional.empty()));

        assertThat(outcome.incident()).isFalse();
        assertThat(outcome.did()).containsExactly("the issue is gone, nothing to do");
    }
}
