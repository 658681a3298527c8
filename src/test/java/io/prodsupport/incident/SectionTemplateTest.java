package io.prodsupport.incident;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SectionTemplateTest {

    private static final String TEMPLATE_AFTER_ORIGINAL = """


            h2. Symptoms
            TBD

            h2. Scope
            TBD

            h2. Root Cause(s)
            TBD

            h2. Next Actions
            * Look into the problem — [~accountid:5b10ac8d82e05b22cc7d4ef5]

            h2. Fixes for Symptoms
            TBD

            h2. Fixes for the Root Cause
            TBD

            h2. Whys
            *\s

            h2. Prevention / Mitigation
            TBD""";

    @Test
    void wrapping_writes_exactly_the_template_with_the_original_first() {
        assertThat(SectionTemplate.wrap("Checkout returns 500", DescriptionExamples.CLOUD_MENTION))
                .isEqualTo("h2. The Original Request\nCheckout returns 500" + TEMPLATE_AFTER_ORIGINAL);
    }

    @Test
    void without_an_on_duty_person_next_actions_has_no_mention() {
        assertThat(SectionTemplate.wrap("x", null)).contains("h2. Next Actions\n* Look into the problem\n\n");
        assertThat(SectionTemplate.wrap("x", " ")).contains("h2. Next Actions\n* Look into the problem\n\n");
    }

    @Test
    void a_data_center_mention_goes_in_as_given() {
        assertThat(SectionTemplate.wrap("x", "[~alice]")).contains("* Look into the problem — [~alice]\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\n\r\n\t"})
    void a_blank_description_says_the_reporter_left_it_empty(String blank) {
        String wrapped = SectionTemplate.wrap(blank, null);
        assertThat(wrapped)
                .startsWith("h2. The Original Request\n_(The reporter left the description empty.)_\n\nh2. Symptoms\n");
        assertThat(IncidentDescription.parse(wrapped).isEmpty(Section.ORIGINAL_REQUEST))
                .isTrue();
    }

    @Test
    void a_null_description_is_wrapped_like_an_empty_one() {
        assertThat(SectionTemplate.wrap(null, null)).isEqualTo(SectionTemplate.wrap("", null));
    }

    @Test
    void a_templated_description_is_returned_unchanged_even_if_reordered_and_renamed() {
        String edited = "## Root causes\nGC\n\n## Symptom\nslow\n\n## Prevention & Mitigation\n* tune heap\n";
        assertThat(SectionTemplate.wrap(edited, "[~bob]")).isSameAs(edited);
    }

    @Test
    void a_reporter_with_one_symptoms_heading_gets_wrapped_verbatim() {
        String original = "h2. Symptoms\nWhite screen after login.\n";
        String wrapped = SectionTemplate.wrap(original, null);
        assertThat(wrapped).startsWith("h2. The Original Request\n" + original + "\n\nh2. Symptoms\nTBD\n");
        IncidentDescription parsed = IncidentDescription.parse(wrapped);
        assertThat(parsed.originalRequest()).contains(original);
        assertThat(parsed.isEmpty(Section.SYMPTOMS)).isTrue();
    }

    @Test
    void a_pasted_stack_trace_and_code_block_with_template_headings_survive_verbatim() {
        String original = "Orders fail since 10:05\r\n{code:java}\r\n" + DescriptionExamples.STACK_TRACE
                + "\r\nh2. Root Cause(s)\r\nTBD\r\n{code}\r\n\r\n||host||errors||\r\n|web-1|120|\r\n  \r\n";
        String wrapped = SectionTemplate.wrap(original, null);
        IncidentDescription parsed = IncidentDescription.parse(wrapped);
        assertThat(parsed.originalRequest()).contains(original);
        assertThat(parsed.sections()).hasSize(Section.values().length);
        assertThat(SectionTemplate.wrap(wrapped, null)).isSameAs(wrapped);
    }

    @Test
    void the_reporters_own_markdown_and_wiki_headings_stay_in_the_original_request() {
        String original = """
                # Bug report
                ## Symptoms
                Login fails.
                h3. Root cause
                I think it's the new proxy.
                ### Steps
                # open the app
                # log in""";
        IncidentDescription parsed = IncidentDescription.parse(SectionTemplate.wrap(original, null));
        assertThat(parsed.originalRequest()).contains(original);
        assertThat(parsed.isEmpty(Section.ROOT_CAUSE)).isTrue();
        assertThat(parsed.sections()).hasSize(Section.values().length);
    }

    @Test
    void a_reporter_text_with_three_section_headings_counts_as_templated_and_is_left_alone() {
        String structured = "## Symptoms\nLogin fails.\n## Scope\nEveryone.\n## Root cause\nThe new proxy?";
        assertThat(SectionTemplate.wrap(structured, null)).isSameAs(structured);
    }

    @Test
    void an_unclosed_code_block_in_the_original_cannot_swallow_the_template() {
        String original = "{code:java}\nh2. Symptoms\nnever closed";
        IncidentDescription parsed = IncidentDescription.parse(SectionTemplate.wrap(original, null));
        assertThat(parsed.originalRequest()).contains(original);
        assertThat(parsed.sections()).hasSize(Section.values().length);
    }

    @Test
    void wrapping_twice_changes_nothing() {
        String once = SectionTemplate.wrap("Payments down", "[~alice]");
        assertThat(SectionTemplate.wrap(once, "[~bob]")).isSameAs(once);
    }
}
