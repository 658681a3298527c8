package io.prodsupport.incident;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class SectionTest {

    @ParameterizedTest(name = "\"{0}\" is {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "The Original Request | ORIGINAL_REQUEST",
                "Original Request | ORIGINAL_REQUEST",
                "original request: | ORIGINAL_REQUEST",
                "Symptoms | SYMPTOMS",
                "symptom | SYMPTOMS",
                "  SYMPTOMS!  | SYMPTOMS",
                "Scope | SCOPE",
                "Scope & Impact | SCOPE",
                "Root Cause | ROOT_CAUSE",
                "Root Causes | ROOT_CAUSE",
                "Root Cause(s) | ROOT_CAUSE",
                "root   cause ( s ) | ROOT_CAUSE",
                "ROOT-CAUSE | ROOT_CAUSE",
                "Next Actions | NEXT_ACTIONS",
                "Next steps | NEXT_ACTIONS",
                "Fixes for Symptoms | FIXES_FOR_SYMPTOMS",
                "Fix for the symptoms | FIXES_FOR_SYMPTOMS",
                "Fixes for the Root Cause | FIXES_FOR_ROOT_CAUSE",
                "Fix for the root cause | FIXES_FOR_ROOT_CAUSE",
                "Fixes for Root Cause | FIXES_FOR_ROOT_CAUSE",
                "Fixes for the root cause(s) | FIXES_FOR_ROOT_CAUSE",
                "Whys | WHYS",
                "Why | WHYS",
                "5 Whys | WHYS",
                "Five Whys | WHYS",
                "Prevention / Mitigation | PREVENTION",
                "Prevention/Mitigation | PREVENTION",
                "Prevention & Mitigation | PREVENTION",
                "Prevention and mitigation | PREVENTION",
                "Prevention | PREVENTION",
                "Mitigation | PREVENTION",
                "*Root Cause(s)* | ROOT_CAUSE",
                "{color:red}Symptoms{color} | SYMPTOMS",
            })
    void forgiving_titles_match_their_section(String title, Section expected) {
        assertThat(Section.match(title)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "Steps to reproduce",
                "Impact",
                "Root",
                "Cause",
                "Fixes",
                "Symptoms and more",
                "Timeline",
                "N/A",
                "Whys not"
            })
    void other_titles_match_no_section(String title) {
        assertThat(Section.match(title)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Section.class)
    void every_name_of_a_section_matches_it(Section section) {
        assertThat(section.names())
                .allSatisfy(name -> assertThat(Section.match(name)).contains(section));
    }

    @ParameterizedTest
    @EnumSource(Section.class)
    void the_template_placeholder_of_every_section_is_empty(Section section) {
        assertThat(SectionText.isEmpty(section, section.placeholder())).isTrue();
    }
}
