package io.prodsupport.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.prodsupport.jira.HttpJiraClient;
import io.prodsupport.jira.Issue;
import io.prodsupport.jira.JiraClient;
import io.prodsupport.jirasim.Flavour;
import io.prodsupport.jirasim.JiraSimulator;
import io.prodsupport.jirasim.SimIssue;
import io.prodsupport.jirasim.SimSite;
import io.prodsupport.testing.Intercepted;
import io.prodsupport.testing.SimulatedSite;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The reconciler against the simulator over real HTTP, through the production client. */
class IncidentReconcilerTest {

    private static final Clock MONDAY = Clock.fixed(Instant.parse("2026-03-02T10:00:00Z"), ZoneOffset.UTC);
    private static final String REPORT = "Checkout returns 500 since 09:40.\nh3. Steps\n# open /checkout\n# pay";

    private SimulatedSite simulated;
    private JiraSimulator sim;
    private SimSite site;
    private HttpJiraClient jira;

    private void site(Flavour flavour) {
        simulated = SimulatedSite.start(flavour);
        sim = simulated.sim();
        site = simulated.site();
        jira = simulated.bot();
    }

    @AfterEach
    void everyRequestConformedToTheSpec() {
        if (simulated != null) {
            simulated.close();
        }
    }

    private IncidentReconciler reconciler(JiraClient client) {
        // Monday 2026-03-02 is in week 8 from the start: an even turn, so alice is on duty
        OnCallRotation rotation = new OnCallRotation(
                List.of(site.alice().jiraId(), site.bob().jiraId()),
                Instant.parse("2026-01-05T09:00:00Z"),
                Duration.ofDays(7));
        return new IncidentReconciler(
                client,
                new IncidentScope(List.of("OPS"), List.of("Incident"), Optional.empty()),
                new FixVersions(client, "Production Support"),
                new Staffing(List.of(site.bob().jiraId()), rotation, MONDAY));
    }

    /** As the workflow does for a new incident: one read, staffed unless it was before, edits applied. */
    private static ReconcileOutcome reconcile(IncidentReconciler reconciler, JiraClient client, String key) {
        Issue issue = client.getIssue(key, IncidentWorkflow.fields(), IncidentWorkflow.properties());
        return reconciler.apply(reconciler.plan(issue, !Staffing.done(issue)), true);
    }

    private IncidentPlan backfillPlan(IncidentReconciler reconciler, String key) {
        return reconciler.plan(jira.getIssue(key, IncidentReconciler.fields()), false);
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void a_new_incident_gets_the_fix_version_the_template_an_owner_and_its_watchers(Flavour flavour) {
        site(flavour);
        String key = sim.createIssue("OPS", "Incident", "Checkout down", REPORT, site.carol());

        ReconcileOutcome outcome = reconcile(reconciler(jira), jira, key);

        SimIssue after = sim.issue(key);
        assertThat(after.fixVersions()).containsExactly("Production Support");
        assertThat(after.assignee()).isEqualTo(site.alice().jiraId());
        assertThat(after.watchers()).contains(site.alice(), site.bob());
        IncidentDescription description = IncidentDescription.parse(after.description());
        assertThat(description.isTemplated()).isTrue();
        assertThat(description.originalRequest()).contains(REPORT);
        String mention =
                flavour == Flavour.CLOUD ? "[~accountid:" + site.alice().accountId() + "]" : "[~alice]";
        assertThat(after.description()).contains("* Look into the problem — " + mention);
        assertThat(outcome.changes())
                .contains(
                        "created version \"Production Support\" in OPS", "description wrapped in the section template");
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void a_configured_person_who_is_not_a_jira_user_is_named_and_the_rest_still_happens(Flavour flavour) {
        site(flavour);
        String key = sim.createIssue("OPS", "Incident", "Checkout down", REPORT, site.carol());
        // the likely mistake: e-mail addresses where Jira wants accountIds (Cloud) or usernames (Data Center)
        OnCallRotation rotation = new OnCallRotation(
                List.of("alice@example.com"), Instant.parse("2026-01-05T09:00:00Z"), Duration.ofDays(7));
        IncidentReconciler reconciler = new IncidentReconciler(
                jira,
                new IncidentScope(List.of("OPS"), List.of("Incident"), Optional.empty()),
                new FixVersions(jira, "Production Support"),
                new Staffing(List.of("bob@example.com", site.bob().jiraId()), rotation, MONDAY));

        ReconcileOutcome outcome = reconcile(reconciler, jira, key);

        assertThat(outcome.changes())
                .anySatisfy(c -> assertThat(c).startsWith("watcher bob@example.com skipped: not a Jira user ("))
                .anySatisfy(c -> assertThat(c).startsWith("watcher alice@example.com skipped: not a Jira user ("))
                .anySatisfy(c -> assertThat(c).startsWith("owner alice@example.com not assigned: "))
                .contains("watcher " + site.bob().jiraId(), "description wrapped in the section template");
        SimIssue after = sim.issue(key);
        assertThat(after.watchers()).contains(site.bob());
        assertThat(after.fixVersions()).containsExactly("Production Support");
        assertThat(IncidentDescription.parse(after.description()).isTemplated()).isTrue();
        assertThat(after.property(Staffing.PROPERTY)).isNotNull();
    }

    @Test
    void reconciling_twice_changes_nothing_the_second_time() {
        site(Flavour.CLOUD);
        String key = sim.createIssue("OPS", "Incident", "Checkout down", REPORT, site.carol());
        IncidentReconciler reconciler = reconciler(jira);
        reconcile(reconciler, jira, key);
        String description = sim.issue(key).description();
        sim.calls().reset();

        ReconcileOutcome second = reconcile(reconciler, jira, key);

        assertThat(second.changes()).isEmpty();
        assertThat(sim.issue(key).description()).isEqualTo(description);
        assertThat(sim.calls().snapshot()).containsOnlyKeys("GET /rest/api/2/issue/{issueIdOrKey}");
    }

    @Test
    void a_new_incident_costs_one_read_the_watcher_calls_one_re_read_and_one_edit() {
        site(Flavour.CLOUD);
        sim.addVersion("OPS", "Production Support");
        String key = sim.createIssue("OPS", "Incident", "Checkout down", REPORT, site.carol());
        IncidentReconciler reconciler = reconciler(jira);
        reconcile(reconciler, jira, sim.createIssue("OPS", "Incident", "Warm the version cache", "", site.carol()));
        sim.calls().reset();

        reconcile(reconciler, jira, key);

        assertThat(sim.calls().snapshot())
                .containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
                        "GET /rest/api/2/issue/{issueIdOrKey}", 2,
                        "PUT /rest/api/2/issue/{issueIdOrKey}", 1,
                        "POST /rest/api/2/issue/{issueIdOrKey}/watchers", 2));
        assertThat(sim.issue(key).property(Staffing.PROPERTY).path("onDuty").asText())
                .isEqualTo(site.alice().jiraId());
    }

    @Test
    void an_already_templated_description_is_left_untouched_even_when_reordered() {
        site(Flavour.CLOUD);
        String filled = "h2. Root Causes\nA bad deploy\n\nh2. Symptoms\n500s\n\nh1. scope\nEU only\n";
        String key = sim.createIssue("OPS", "Incident", "Checkout down", filled, site.carol());

        reconcile(reconciler(jira), jira, key);

        assertThat(sim.issue(key).description()).isEqualTo(filled);
        assertThat(sim.issue(key).fixVersions()).containsExactly("Production Support");
    }

    @Test
    void a_person_editing_between_the_read_and_the_write_keeps_their_words() {
        site(Flavour.CLOUD);
        String key = sim.createIssue("OPS", "Incident", "Checkout down", "first words", site.carol());
        AtomicBoolean edited = new AtomicBoolean();
        JiraClient interleaving = Intercepted.calls(JiraClient.class, jira, method -> () -> {
            if (method.equals("getIssue") && edited.compareAndSet(false, true)) {
                sim.editDescription(key, "first words, and what Carol added meanwhile", site.carol());
            }
        });

        reconcile(reconciler(interleaving), interleaving, key);

        assertThat(IncidentDescription.parse(sim.issue(key).description()).originalRequest())
                .contains("first words, and what Carol added meanwhile");
    }

    @Test
    void issues_outside_the_incident_scope_are_not_touched() {
        site(Flavour.CLOUD);
        String task = sim.createIssue("SUP", "Task", "Tidy up", "words", site.carol());
        String bug = sim.createIssue("OPS", "Bug", "Typo", "words", site.carol());

        assertThat(reconcile(reconciler(jira), jira, task).incident()).isFalse();
        assertThat(reconcile(reconciler(jira), jira, bug).incident()).isFalse();
        assertThat(sim.issue(task).description()).isEqualTo("words");
        assertThat(sim.calls().count("PUT /rest/api/2/issue/{issueIdOrKey}")).isZero();
    }

    @Test
    void twenty_incidents_arriving_together_create_the_version_once() throws Exception {
        site(Flavour.CLOUD);
        List<String> keys = IntStream.range(0, 20)
                .mapToObj(i -> sim.createIssue("OPS", "Incident", "Outage " + i, "words " + i, site.carol()))
                .toList();
        IncidentReconciler reconciler = reconciler(jira);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<ReconcileOutcome>> outcomes = keys.stream()
                    .map(k -> pool.submit(() -> reconcile(reconciler, jira, k)))
                    .toList();
            for (Future<ReconcileOutcome> f : outcomes) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(sim.versionNames("OPS")).containsExactly("Production Support");
        assertThat(sim.calls().count("POST /rest/api/2/version")).isEqualTo(1);
        assertThat(keys).allSatisfy(k -> assertThat(sim.issue(k).fixVersions()).containsExactly("Production Support"));
    }

    @Test
    void a_backfill_plan_asks_only_for_the_fix_version_and_a_template_that_mentions_nobody() {
        site(Flavour.CLOUD);
        String key = sim.createIssue("OPS", "Incident", "Checkout down in 2023", REPORT, site.carol());
        IncidentReconciler reconciler = reconciler(jira);
        sim.calls().reset();

        IncidentPlan plan = backfillPlan(reconciler, key);

        assertThat(sim.calls().snapshot()).containsOnlyKeys("GET /rest/api/2/issue/{issueIdOrKey}");
        assertThat(plan.fixVersion()).contains("Production Support");
        assertThat(plan.assignTo()).isEmpty();
        assertThat(plan.watchers()).isEmpty();
        assertThat(plan.mention()).isEmpty();
        assertThat(IncidentDescription.parse(plan.description().orElseThrow()).originalRequest())
                .contains(REPORT);
        assertThat(plan.description().orElseThrow())
                .contains("h2. Next Actions\n* Look into the problem\n")
                .doesNotContain("[~");
    }

    @Test
    void applying_a_backfill_plan_with_notifications_off_edits_once_and_leaves_owner_and_watchers_alone() {
        site(Flavour.DATA_CENTER);
        String key = sim.createIssue("OPS", "Incident", "Checkout down in 2023", "", site.carol());
        IncidentReconciler reconciler = reconciler(jira);
        IncidentPlan plan = backfillPlan(reconciler, key);

        ReconcileOutcome outcome = reconciler.apply(plan, false);

        SimIssue after = sim.issue(key);
        assertThat(outcome.changes())
                .containsExactly(
                        "created version \"Production Support\" in OPS",
                        "fix version \"Production Support\"",
                        "description wrapped in the section template");
        assertThat(after.assignee()).isNull();
        assertThat(after.watchers()).doesNotContain(site.alice(), site.bob());
        assertThat(after.description()).startsWith("h2. The Original Request\n" + SectionTemplate.EMPTY_ORIGINAL);
        assertThat(sim.calls().count("PUT /rest/api/2/issue/{issueIdOrKey}")).isEqualTo(1);
        assertThat(backfillPlan(reconciler, key).isEmpty()).isTrue();
    }
}
