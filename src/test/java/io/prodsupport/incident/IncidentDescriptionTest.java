package io.prodsupport.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class IncidentDescriptionTest {

    private static List<Section> sectionsOf(String text) {
        return IncidentDescription.parse(text).sections().stream()
                .map(ParsedSection::section)
                .toList();
    }

    @Test
    void a_plain_description_has_only_a_preamble() {
        IncidentDescription parsed = IncidentDescription.parse("Checkout is down\n");
        assertThat(parsed.preamble()).isEqualTo("Checkout is down\n");
        assertThat(parsed.sections()).isEmpty();
        assertThat(parsed.isTemplated()).isFalse();
        assertThat(parsed.originalRequest()).isEmpty();
    }

    @Test
    void a_null_description_parses_as_empty() {
        assertThat(IncidentDescription.parse(null)).isEqualTo(new IncidentDescription("", List.of()));
    }

    @Test
    void sections_keep_heading_line_level_title_and_body_verbatim() {
        String text = "intro\r\n  h3. Root causes  \r\nDisk full\r\n\r\n## Symptoms ##\nslow";
        IncidentDescription parsed = IncidentDescription.parse(text);
        assertThat(parsed.preamble()).isEqualTo("intro\r\n");
        assertThat(parsed.sections())
                .containsExactly(
                        new ParsedSection(
                                Section.ROOT_CAUSE, "  h3. Root causes  \r\n", 3, "Root causes", "Disk full\r\n\r\n"),
                        new ParsedSection(Section.SYMPTOMS, "## Symptoms ##\n", 2, "Symptoms", "slow"));
        assertThat(parsed.render()).isEqualTo(text);
    }

    @Test
    void headings_need_a_space_after_the_marker() {
        assertThat(sectionsOf("h2.Symptoms\nx\n#Symptoms\ny\n##\tSymptoms\nz")).containsExactly(Section.SYMPTOMS);
        assertThat(IncidentDescription.parse("h2.Symptoms\nx\n#Symptoms\ny\n##\tSymptoms\nz")
                        .preamble())
                .isEqualTo("h2.Symptoms\nx\n#Symptoms\ny\n");
    }

    @Test
    void unknown_headings_stay_in_the_body_of_their_section() {
        IncidentDescription parsed =
                IncidentDescription.parse("h2. Symptoms\nslow\nh3. Timeline\n10:05 alert\nh2. Root Cause\nGC pauses");
        assertThat(parsed.section(Section.SYMPTOMS).orElseThrow().body())
                .isEqualTo("slow\nh3. Timeline\n10:05 alert\n");
    }

    @Test
    void a_repeated_heading_is_body_text_of_the_section_it_is_in() {
        IncidentDescription parsed =
                IncidentDescription.parse("h2. Symptoms\nslow\nh2. Root Cause\nGC\nh3. Root cause\nheap too small");
        assertThat(parsed.sections())
                .extracting(ParsedSection::section)
                .containsExactly(Section.SYMPTOMS, Section.ROOT_CAUSE);
        assertThat(parsed.section(Section.ROOT_CAUSE).orElseThrow().body())
                .isEqualTo("GC\nh3. Root cause\nheap too small");
    }

    @Test
    void headings_in_code_and_noformat_blocks_and_fences_do_not_start_sections() {
        String text = """
                h2. Symptoms
                {code:java}
                h2. Root Cause(s)
                TBD
                {code}
                {noformat}
                # Root Cause
                {noformat}
                ```
                ## Fixes for the Root Cause
                ```
                still symptoms
                h2. Scope
                all users""";
        assertThat(sectionsOf(text)).containsExactly(Section.SYMPTOMS, Section.SCOPE);
    }

    @Test
    void an_unclosed_code_block_is_plain_text() {
        assertThat(sectionsOf("{code}\nh2. Symptoms\nslow")).containsExactly(Section.SYMPTOMS);
        assertThat(sectionsOf("```\nh2. Symptoms\nslow")).containsExactly(Section.SYMPTOMS);
    }

    @Test
    void an_inline_code_pair_protects_nothing_after_it() {
        assertThat(sectionsOf("run {code}ls{code} first\nh2. Symptoms\nslow")).containsExactly(Section.SYMPTOMS);
    }

    @Test
    void reordered_renamed_and_markdown_templates_are_templated() {
        assertThat(IncidentDescription.parse("h2. Root Cause(s)\nx\nh2. Symptoms\ny\nh2. Scope\nz")
                        .isTemplated())
                .isTrue();
        assertThat(IncidentDescription.parse("h2. Symptom\nx\nh2. Root causes\ny\nh2. Fix for root cause\nz")
                        .isTemplated())
                .isTrue();
        assertThat(IncidentDescription.parse("## Symptoms\nx\n## Root cause\ny\n## Prevention\nz")
                        .isTemplated())
                .isTrue();
        assertThat(IncidentDescription.parse("h2. Original Request\nx\nh2. Whys\n* because")
                        .isTemplated())
                .isTrue();
    }

    @Test
    void one_or_two_stray_section_headings_are_not_a_template() {
        assertThat(IncidentDescription.parse("The app crashes.\nh2. Symptoms\nWhite screen")
                        .isTemplated())
                .isFalse();
        assertThat(IncidentDescription.parse("h3. Symptoms\nWhite screen\nh3. Scope\nAll iPhones")
                        .isTemplated())
                .isFalse();
    }

    @Test
    void a_missing_section_is_empty() {
        IncidentDescription parsed = IncidentDescription.parse("h2. Symptoms\nslow");
        assertThat(parsed.isEmpty(Section.ROOT_CAUSE)).isTrue();
        assertThat(parsed.isEmpty(Section.SYMPTOMS)).isFalse();
    }

    @Test
    void empty_sections_are_named_in_template_order() {
        IncidentDescription parsed = IncidentDescription.parse(SectionTemplate.wrap("x", null));
        assertThat(parsed.emptySections(List.of(Section.FIXES_FOR_ROOT_CAUSE, Section.SYMPTOMS, Section.ROOT_CAUSE)))
                .containsExactly(Section.SYMPTOMS, Section.ROOT_CAUSE, Section.FIXES_FOR_ROOT_CAUSE);
        assertThat(parsed.emptySections(EnumSet.noneOf(Section.class))).isEmpty();
    }

    @Test
    void the_first_original_request_heading_wins_and_later_ones_are_the_reporters() {
        String wrapped = SectionTemplate.wrap("h2. The Original Request\nmine\nh1. original request", null);
        assertThat(IncidentDescription.parse(wrapped).originalRequest())
                .contains("h2. The Original Request\nmine\nh1. original request");
    }

    @Test
    void a_heading_inside_the_original_request_that_is_not_repeated_below_ends_it() {
        // An engineer who deletes the template's Symptoms heading makes the reporter's one the real one.
        String text = "h2. The Original Request\nh3. Symptoms\nwhite screen\n\nh2. Root Cause(s)\nTBD";
        IncidentDescription parsed = IncidentDescription.parse(text);
        assertThat(parsed.originalRequest()).contains("");
        assertThat(parsed.section(Section.SYMPTOMS).orElseThrow().body()).isEqualTo("white screen\n\n");
    }
}
