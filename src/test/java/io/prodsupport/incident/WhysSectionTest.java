package io.prodsupport.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class WhysSectionTest {

    private static final String BULLET = "* Why did it fail? \u2014 asked by Bob ([comment|u])";

    @Test
    void the_templates_empty_bullet_gives_way_to_the_first_question_and_nothing_else_moves() {
        String template = SectionTemplate.wrap("Checkout is down", null);

        String after = WhysSection.withBullets(template, List.of(BULLET));

        assertThat(after).isEqualTo(template.replace("h2. Whys\n* \n", "h2. Whys\n" + BULLET + "\n"));
    }

    @Test
    void later_questions_go_below_what_is_there() {
        String text = "h2. Symptoms\n500s\n\nh2. Whys\n* Why a?\n* Why b?\n\n\nh2. Prevention / Mitigation\nTBD\n";

        assertThat(WhysSection.withBullets(text, List.of(BULLET, "* Why c?")))
                .isEqualTo("h2. Symptoms\n500s\n\nh2. Whys\n* Why a?\n* Why b?\n" + BULLET
                        + "\n* Why c?\n\n\nh2. Prevention / Mitigation\nTBD\n");
    }

    @Test
    void whys_as_the_last_section_without_a_line_break_after_its_heading() {
        assertThat(WhysSection.withBullets("h2. Symptoms\nx\n\nh2. Whys", List.of(BULLET)))
                .isEqualTo("h2. Symptoms\nx\n\nh2. Whys\n" + BULLET);
    }

    @Test
    void without_a_whys_section_one_is_added_before_prevention_or_at_the_end() {
        assertThat(WhysSection.withBullets("h2. Symptoms\nx\n\nh2. Prevention / Mitigation\nTBD\n", List.of(BULLET)))
                .isEqualTo("h2. Symptoms\nx\n\nh2. Whys\n" + BULLET + "\n\nh2. Prevention / Mitigation\nTBD\n");
        assertThat(WhysSection.withBullets("h2. Symptoms\nx\n", List.of(BULLET)))
                .isEqualTo("h2. Symptoms\nx\n\nh2. Whys\n" + BULLET + "\n");
    }

    /** Whatever the reporter wrote, every section but Whys is byte for byte what it was. */
    @Property
    void only_the_whys_section_changes(@ForAll String reporterText) {
        String template = SectionTemplate.wrap(reporterText, null);
        IncidentDescription before = IncidentDescription.parse(template);

        IncidentDescription after = IncidentDescription.parse(WhysSection.withBullets(template, List.of(BULLET)));

        assertThat(after.preamble()).isEqualTo(before.preamble());
        assertThat(after.sections()).hasSameSizeAs(before.sections());
        for (int i = 0; i < before.sections().size(); i++) {
            if (before.sections().get(i).section() != Section.WHYS) {
                assertThat(after.sections().get(i)).isEqualTo(before.sections().get(i));
            }
        }
        assertThat(WhyQuestions.idsInSection(
                        after.section(Section.WHYS).orElseThrow().body()))
                .containsExactly(Action.idOf("Why did it fail?"));
    }
}
