package io.prodsupport.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.prodsupport.jira.Issue;
import io.prodsupport.jira.IssueFields;
import io.prodsupport.jira.NewIssue;
import io.prodsupport.jira.Status;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which actions need a follow-up, and the follow-up's text. */
class FollowUpPlannerTest {

    private static final List<String> TRACKING = List.of("SUP", "OPS");
    private static final FollowUpSettings SETTINGS =
            new FollowUpSettings("SUP", "Task", "Relates", List.of("prevention", "prodsupport-followup"), true);

    private static List<Action> actions(String prevention) {
        return IncidentDescription.parse(
                        "h2. Root Cause(s)\nA config push\n\nh2. Prevention / Mitigation\n" + prevention)
                .actions(Section.PREVENTION);
    }

    private static List<String> needing(String prevention, Set<String> withFollowUp) {
        return FollowUpPlanner.needingFollowUp(actions(prevention), TRACKING, withFollowUp).stream()
                .map(Action::text)
                .toList();
    }

    private static Issue incident(String description) {
        return new Issue(
                "10001",
                "OPS-12",
                new IssueFields(
                        "Checkout down",
                        description,
                        "Incident",
                        "OPS",
                        new Status("Done", "done"),
                        "Done",
                        List.of(),
                        List.of(),
                        null,
                        null,
                        "High",
                        null,
                        null,
                        List.of(),
                        List.of(),
                        List.of(),
                        null));
    }

    @Test
    void every_untracked_action_needs_one_follow_up_with_nested_items_belonging_to_their_parent() {
        assertThat(needing("* Add an alert on pool exhaustion\n** page the on-call\n* Load-test checkout", Set.of()))
                .containsExactly("Add an alert on pool exhaustion", "Load-test checkout");
    }

    @Test
    void an_action_naming_an_issue_of_a_tracking_project_is_already_tracked_but_utf_8_is_not_an_issue() {
        assertThat(needing("* Add an alert, see SUP-3\n* Enforce UTF-8 in the importer\n* Done in OPS-9", Set.of()))
                .containsExactly("Enforce UTF-8 in the importer");
    }

    @Test
    void an_action_whose_id_has_a_follow_up_is_skipped_even_after_its_spacing_case_and_markup_changed() {
        String before = "* Add an alert on pool exhaustion";
        String id = actions(before).get(0).id();

        assertThat(needing("*   add an *alert*  on pool   exhaustion.", Set.of(id)))
                .isEmpty();
        assertThat(needing("* Add an alert on pool saturation", Set.of(id)))
                .as("a reworded action is a new action")
                .containsExactly("Add an alert on pool saturation");
    }

    @Test
    void the_same_action_written_twice_gets_one_follow_up() {
        assertThat(needing("* Load-test checkout\n* load-test  checkout", Set.of()))
                .containsExactly("Load-test checkout");
    }

    @Test
    void a_long_action_is_cut_to_255_characters_at_a_word_boundary_with_an_ellipsis() {
        String action = "Add an alert ".repeat(30).strip();

        String summary = FollowUpPlanner.cut(action);

        assertThat(summary).hasSizeLessThanOrEqualTo(255).endsWith(" Add an…").startsWith("Add an alert Add");
        assertThat(FollowUpPlanner.cut("Short and sweet")).isEqualTo("Short and sweet");
        assertThat(FollowUpPlanner.cut("x".repeat(300))).isEqualTo("x".repeat(254) + "…");
    }

    @Test
    void the_create_request_carries_text_labels_priority_and_origin() {
        String description = "h2. Root Cause(s)\nA config push disabled the pool\n\nh2. Prevention / Mitigation\n"
                + "* Add an *alert* on pool exhaustion\n** page the on-call\n";
        Action action = IncidentDescription.parse(description)
                .actions(Section.PREVENTION)
                .get(0);

        NewIssue issue = new FollowUpPlanner(SETTINGS)
                .newIssue(action, incident(description), "https://jira.example.com/browse/OPS-12");

        assertThat(issue.projectKey()).isEqualTo("SUP");
        assertThat(issue.issueType()).isEqualTo("Task");
        assertThat(issue.summary()).isEqualTo("Add an alert on pool exhaustion");
        assertThat(issue.labels()).containsExactly("prevention", "prodsupport-followup", "prodsupport-from-OPS-12");
        assertThat(issue.priority()).isEqualTo("High");
        assertThat(issue.description())
                .startsWith("Add an *alert* on pool exhaustion\n** page the on-call")
                .contains("Prevention action from OPS-12: Checkout down")
                .contains("{quote}\nA config push disabled the pool\n{quote}")
                .contains("[OPS-12|https://jira.example.com/browse/OPS-12]");
        assertThat(issue.properties().get("prodsupport.origin"))
                .isEqualTo(new FollowUpOrigin("OPS-12", action.id(), "OPS"));
    }

    @Test
    void priority_is_left_to_the_project_default_unless_inherited() {
        FollowUpSettings noInherit = new FollowUpSettings("SUP", "Task", "Relates", List.of(), false);
        String description = "h2. Prevention / Mitigation\n* Load-test checkout\n";
        Action action = IncidentDescription.parse(description)
                .actions(Section.PREVENTION)
                .get(0);

        NewIssue issue = new FollowUpPlanner(noInherit).newIssue(action, incident(description), "u");

        assertThat(issue.priority()).isNull();
        assertThat(issue.labels()).containsExactly("prodsupport-followup", "prodsupport-from-OPS-12");
        assertThat(issue.description()).contains("{quote}\n(not written yet)\n{quote}");
    }

    @Test
    void the_comment_lists_key_and_summary_and_is_recognised_by_the_keys_it_lists() {
        String comment = FollowUpPlanner.comment(List.of(
                new FollowUpRecord("OPS-12", "a", FollowUpRecord.State.LINKED, "SUP-1", "Add an alert", "me", null),
                new FollowUpRecord("OPS-12", "b", FollowUpRecord.State.LINKED, "SUP-2", "Load-test", "me", null)));

        assertThat(comment)
                .isEqualTo("Follow-up tickets for the prevention actions:\n"
                        + "* SUP-1 — Add an alert\n* SUP-2 — Load-test");
        assertThat(FollowUpPlanner.mentions(comment, "SUP-2")).isTrue();
        assertThat(FollowUpPlanner.mentions(comment, "SUP-10")).isFalse();
        assertThat(FollowUpPlanner.mentions("SUP-1 looks fine", "SUP-1"))
                .as("not our comment")
                .isFalse();
    }
}
