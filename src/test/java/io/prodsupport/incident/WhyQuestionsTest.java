package io.prodsupport.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class WhyQuestionsTest {

    private static List<String> questions(String comment) {
        return WhyQuestions.inComment(comment).stream()
                .map(WhyQuestions.Question::text)
                .toList();
    }

    @Test
    void a_line_starting_with_why_and_ending_with_a_question_mark_is_a_question() {
        assertThat(questions("Why did the pool run dry?")).containsExactly("Why did the pool run dry?");
        assertThat(questions("why not earlier?")).containsExactly("why not earlier?");
        assertThat(questions("WHY?")).containsExactly("WHY?");
    }

    @Test
    void markup_bullets_and_quotes_before_it_do_not_matter() {
        assertThat(questions("* Why did the alert not fire?\n# why was it paged to SRE only?\n"
                        + "- *Why is the pool 10?*\nbq. Why no canary?\n1. Why so late?"))
                .containsExactly(
                        "Why did the alert not fire?",
                        "why was it paged to SRE only?",
                        "Why is the pool 10?",
                        "Why no canary?",
                        "Why so late?");
    }

    @Test
    void other_lines_are_not_questions() {
        assertThat(questions("Why this matters: the pool is small.\nWhat happened?\nWhyever not?\n"
                        + "I wonder why it failed?\nwhy it failed"))
                .isEmpty();
    }

    @Test
    void code_and_noformat_blocks_are_not_prose() {
        assertThat(questions("{code}\nWhy is this in code?\n{code}\n{noformat}\nWhy here?\n{noformat}\nWhy outside?"))
                .containsExactly("Why outside?");
    }

    @Test
    void the_same_question_in_other_case_spacing_or_markup_has_one_id() {
        String id = WhyQuestions.inComment("Why did the pool run dry?").get(0).id();

        assertThat(WhyQuestions.inComment("* *why  did the POOL run dry ?*")
                        .get(0)
                        .id())
                .isEqualTo(id);
        assertThat(WhyQuestions.inComment("Why did the pool run dry?\nwhy did the pool run dry?"))
                .hasSize(1);
    }

    @Test
    void the_whys_section_names_typed_questions_and_the_ones_prodsupport_added() {
        String body = "* Why did the pool run dry? Because the config push halved it.\n"
                + "* Why was the push not reviewed? \u2014 asked by Bob ([comment|https://x/browse/OPS-1"
                + "?focusedCommentId=10001])\n"
                + "* A note that is not a question\n";

        assertThat(WhyQuestions.idsInSection(body))
                .containsExactly(
                        Action.idOf("Why did the pool run dry?"), Action.idOf("Why was the push not reviewed?"));
    }
}
