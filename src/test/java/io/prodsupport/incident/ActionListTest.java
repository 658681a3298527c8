package io.prodsupport.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ActionListTest {

    private static List<Action> prevention(String body) {
        return IncidentDescription.parse("h2. Prevention / Mitigation\n" + body).actions(Section.PREVENTION);
    }

    @Test
    void each_top_level_bullet_is_one_action() {
        assertThat(prevention("* Add an alert on pool usage\n- Load test checkout weekly\n# Review timeouts"))
                .extracting(Action::text)
                .containsExactly("Add an alert on pool usage", "Load test checkout weekly", "Review timeouts");
    }

    @Test
    void markdown_bullets_and_numbers_are_actions() {
        assertThat(prevention("1. Add alert\n2) Add runbook\n* Third"))
                .extracting(Action::text)
                .containsExactly("Add alert", "Add runbook", "Third");
    }

    @Test
    void nested_items_and_continuation_lines_belong_to_their_parent() {
        List<Action> actions = prevention("""
                * Add alerting
                ** on pool usage > 80%
                *# page the on-duty person
                continued on the next line
                * Raise pool size
                  - to 40
                  - after a load test
                """);
        assertThat(actions).extracting(Action::text).containsExactly("Add alerting", "Raise pool size");
        assertThat(actions.get(0).fullText())
                .isEqualTo(
                        "Add alerting\n** on pool usage > 80%\n*# page the on-duty person\ncontinued on the next line");
        assertThat(actions.get(1).fullText()).isEqualTo("Raise pool size\n  - to 40\n  - after a load test");
    }

    @Test
    void prose_after_a_blank_line_is_not_part_of_an_action() {
        List<Action> actions = prevention("We discussed this on Monday.\n\n* Add alert\n\nThanks all.");
        assertThat(actions).singleElement().extracting(Action::fullText).isEqualTo("Add alert");
    }

    @Test
    void placeholder_items_are_not_actions() {
        assertThat(prevention("TBD")).isEmpty();
        assertThat(prevention("* \n* TBD\n- todo.\n* ?\n*")).isEmpty();
        assertThat(IncidentDescription.parse(SectionTemplate.wrap("x", "[~alice]"))
                        .actions(Section.NEXT_ACTIONS))
                .isEmpty();
    }

    @Test
    void markup_is_stripped_from_the_action_text() {
        assertThat(prevention(
                        "* *Add* _alerting_ on {{pool.active}} per [runbook|https://wiki/rb] {color:red}now{color}"))
                .extracting(Action::text)
                .containsExactly("Add alerting on pool.active per runbook now");
    }

    @Test
    void the_id_survives_spacing_case_markup_and_punctuation_fixes_but_not_rewording() {
        String id = prevention("* Add an alert on pool usage").get(0).id();
        assertThat(id).hasSize(16).matches("[0-9a-f]{16}");
        assertThat(prevention("*   add an  *alert* on pool usage.").get(0).id()).isEqualTo(id);
        assertThat(prevention("# Add an alert on [pool usage|https://grafana/d/1]!")
                        .get(0)
                        .id())
                .isEqualTo(id);
        assertThat(prevention("* Add an alert on pool saturation").get(0).id()).isNotEqualTo(id);
    }

    @Test
    void issue_keys_named_in_an_action_are_found() {
        Action action = prevention("* Add alert (OPS-123, see also https://jira/browse/PLAT_2-7)\n** done in OPS-123")
                .get(0);
        assertThat(action.issueKeys()).containsExactly("OPS-123", "PLAT_2-7");
        assertThat(action.isTrackedIn(Set.of("OPS"))).isTrue();
    }

    @Test
    void a_key_like_word_is_tracked_only_if_its_project_is_known() {
        Action action = prevention("* Enforce UTF-8 and SHA-256 everywhere").get(0);
        assertThat(action.issueKeys()).containsExactly("UTF-8", "SHA-256");
        assertThat(action.isTrackedIn(Set.of("OPS"))).isFalse();
    }

    @Test
    void list_markers_inside_code_blocks_are_not_actions() {
        List<Action> actions = prevention("* Fix the config:\n{code}\n* not an action\n{code}\n* Second");
        assertThat(actions).extracting(Action::text).containsExactly("Fix the config:", "Second");
        assertThat(actions.get(0).fullText()).isEqualTo("Fix the config:\n{code}\n* not an action\n{code}");
    }

    @Test
    void a_missing_section_has_no_actions() {
        assertThat(IncidentDescription.parse("plain").actions(Section.PREVENTION))
                .isEmpty();
    }
}
