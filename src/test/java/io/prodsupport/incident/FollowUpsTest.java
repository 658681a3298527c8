package io.prodsupport.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.prodsupport.jirasim.Flavour;
import io.prodsupport.jirasim.SimIssue;
import io.prodsupport.store.Stores;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Follow-ups against the simulator over real HTTP, through the production client and the SQLite ledger. */
class FollowUpsTest {

    private static final String TWO_ACTIONS =
            "* Add an *alert* on pool exhaustion\n** page the on-call\n" + "* Load-test checkout before each release\n";

    @TempDir
    Path dir;

    private FollowUpSite s;

    @AfterEach
    void close() {
        if (s != null) {
            s.close();
        }
    }

    private FollowUps followUps() {
        return s.followUps(s.jira, s.ledger());
    }

    private List<SimIssue> sorted(List<SimIssue> issues) {
        return issues.stream().sorted(Comparator.comparingLong(SimIssue::id)).toList();
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void resolving_an_incident_makes_one_linked_labelled_follow_up_per_action_and_one_comment(Flavour flavour) {
        s = new FollowUpSite(flavour, dir);
        String key = s.resolvedIncident(TWO_ACTIONS);
        String description = s.sim.issue(key).description();

        Optional<String> did = followUps().reconcile(key);

        List<SimIssue> made = sorted(s.followUpsOf(key));
        assertThat(made)
                .extracting(SimIssue::summary)
                .containsExactly("Add an alert on pool exhaustion", "Load-test checkout before each release");
        SimIssue first = made.get(0);
        assertThat(first.projectKey()).isEqualTo("SUP");
        assertThat(first.issueType()).isEqualTo("Task");
        assertThat(first.labels())
                .containsExactlyInAnyOrder("prevention", "prodsupport-followup", "prodsupport-from-" + key);
        assertThat(first.priority()).isEqualTo(s.sim.issue(key).priority());
        assertThat(first.description())
                .startsWith("Add an *alert* on pool exhaustion\n** page the on-call")
                .contains("Prevention action from " + key + ": Checkout down")
                .contains("{quote}\nA config push disabled the payment pool\n{quote}")
                .contains("[" + key + "|" + s.sim.baseUrl());
        assertThat(first.property("prodsupport.origin").path("incidentProject").asText())
                .isEqualTo("OPS");
        assertThat(s.sim.issue(key).links())
                .hasSize(2)
                .allSatisfy(l -> assertThat(l.type().name()).isEqualTo("Relates"));
        assertThat(s.comments(key))
                .containsExactly("Follow-up tickets for the prevention actions:\n"
                        + "* " + made.get(0).key() + " — Add an alert on pool exhaustion\n"
                        + "* " + made.get(1).key() + " — Load-test checkout before each release");
        assertThat(s.sim.issue(key).description())
                .as("the description is not rewritten")
                .isEqualTo(description);
        assertThat(did)
                .contains("created " + made.get(0).key() + "; created "
                        + made.get(1).key() + "; commented on " + key);
    }

    @Test
    void an_incident_that_is_not_done_gets_no_follow_ups() {
        s = new FollowUpSite(Flavour.CLOUD, dir);
        String key = s.sim.createIssue(
                "OPS", "Incident", "Checkout down", FollowUpSite.description(TWO_ACTIONS), s.site.carol());

        assertThat(followUps().reconcile(key)).isEmpty();
        assertThat(s.followUpsOf(key)).isEmpty();
    }

    @Test
    void running_again_reads_the_incident_and_writes_nothing() {
        s = new FollowUpSite(Flavour.CLOUD, dir);
        String key = s.resolvedIncident(TWO_ACTIONS);
        followUps().reconcile(key);
        s.sim.calls().reset();

        assertThat(followUps().reconcile(key)).isEmpty();

        assertThat(s.sim.calls().snapshot()).containsOnlyKeys("GET /rest/api/2/issue/{issueIdOrKey}");
        assertThat(s.sim.calls().total()).isEqualTo(1);
    }

    @Test
    void editing_the_section_later_makes_follow_ups_only_for_new_actions_with_one_more_comment() {
        s = new FollowUpSite(Flavour.CLOUD, dir);
        String key = s.resolvedIncident(TWO_ACTIONS);
        followUps().reconcile(key);

        String respacedAndNew = "*   add an alert  on pool exhaustion.\n** page the on-call\n"
                + "* Load-test checkout before each release\n* Rotate the payment keys\n";
        s.sim.editDescription(key, FollowUpSite.description(respacedAndNew), s.site.alice());
        followUps().reconcile(key);

        assertThat(s.followUpsOf(key))
                .extracting(SimIssue::summary)
                .containsExactlyInAnyOrder(
                        "Add an alert on pool exhaustion",
                        "Load-test checkout before each release",
                        "Rotate the payment keys");
        assertThat(s.comments(key)).hasSize(2);
        assertThat(s.comments(key).get(1))
                .endsWith(" — Rotate the payment keys")
                .doesNotContain("alert");
    }

    @Test
    void actions_that_name_an_issue_are_tracked_already_and_utf_8_is_not_an_issue() {
        s = new FollowUpSite(Flavour.CLOUD, dir);
        String key = s.resolvedIncident("* Add an alert, tracked in SUP-77\n* Enforce UTF-8 in the importer\n");

        followUps().reconcile(key);

        assertThat(s.followUpsOf(key)).extracting(SimIssue::summary).containsExactly("Enforce UTF-8 in the importer");
    }

    @Test
    void a_store_that_never_saw_the_follow_ups_finds_them_in_jira_instead_of_making_them_again() {
        s = new FollowUpSite(Flavour.CLOUD, dir);
        String key = s.resolvedIncident(TWO_ACTIONS);
        followUps().reconcile(key);

        Optional<String> did;
        try (FollowUpLedger another = Stores.openFollowUpLedger("jdbc:sqlite:" + dir.resolve("other.db"), null, null)) {
            did = s.followUps(s.jira, another).reconcile(key);
        }

        assertThat(s.duplicates(key)).isZero();
        assertThat(s.followUpsOf(key)).hasSize(2);
        assertThat(s.linksPerIssue(key).values()).containsOnly(1L);
        assertThat(s.comments(key)).hasSize(1);
        assertThat(did)
                .hasValueSatisfying(d -> assertThat(d).contains("made before").doesNotContain("created"));
    }

    @Test
    void jira_calls_per_follow_up_are_one_create_linked_in_the_same_call_plus_a_read_a_search_and_a_comment() {
        s = new FollowUpSite(Flavour.CLOUD, dir);
        s.jira.serverInfo();
        Map<Integer, SortedMap<String, Integer>> byActions = new TreeMap<>();
        for (int actions : new int[] {1, 5}) {
            StringBuilder prevention = new StringBuilder();
            for (int i = 1; i <= actions; i++) {
                prevention.append("* Prevention action number ").append(i).append('\n');
            }
            String key = s.resolvedIncident(prevention.toString());
            s.sim.calls().reset();
            followUps().reconcile(key);
            byActions.put(actions, s.sim.calls().snapshot());
        }
        System.out.println("Jira calls for one incident, by number of actions: " + byActions);

        assertThat(byActions.get(5))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "GET /rest/api/2/issue/{issueIdOrKey}", 1,
                        "POST /rest/api/2/search/jql", 1,
                        "POST /rest/api/2/issue", 5,
                        "POST /rest/api/2/issue/{issueIdOrKey}/comment", 1));
    }

    @Test
    void where_the_create_screen_lacks_linked_issues_the_follow_ups_are_created_then_linked() {
        s = new FollowUpSite(Flavour.DATA_CENTER, dir);
        s.sim.project("SUP").linksOnCreateScreen(false);
        FollowUps followUps = followUps();
        String first = s.resolvedIncident("* Add an alert on pool exhaustion\n* Load-test checkout\n");
        s.sim.calls().reset();

        followUps.reconcile(first);

        assertThat(s.followUpsOf(first)).hasSize(2);
        assertThat(s.linksPerIssue(first).values()).hasSize(2).containsOnly(1L);
        assertThat(s.sim.calls().count("POST /rest/api/2/issue"))
                .as("one create refused for the link, then one per follow-up")
                .isEqualTo(3);
        assertThat(s.sim.calls().count("POST /rest/api/2/issueLink")).isEqualTo(2);

        String second = s.resolvedIncident("* Review the rotation\n");
        s.sim.calls().reset();
        followUps.reconcile(second);
        assertThat(s.sim.calls().count("POST /rest/api/2/issue"))
                .as("the refusal is remembered")
                .isEqualTo(1);
        assertThat(s.linksPerIssue(second).values()).containsExactly(1L);
    }
}
