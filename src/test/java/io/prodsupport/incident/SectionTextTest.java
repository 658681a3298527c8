package io.prodsupport.incident;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SectionTextTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                " ",
                "\n\n",
                "TBD",
                "tbd",
                "TBD.",
                "*TBD*",
                "_tbd_",
                "TBD!",
                "- TBD",
                "* TBD",
                "{color:red}TBD{color}",
                "?",
                "??",
                "TODO",
                "todo:",
                "TBD\n\nTBD",
                "* ",
                "*",
                "#",
                "1. TBD",
                "{{TBD}}",
                "+TBD+",
                "\u2014",
                "TBD \u2026",
                "|TBD|",
                "\u00a0TBD\u3000",
                "[~alice]",
                "{panel}TBD{panel}"
            })
    void placeholders_and_markup_around_them_are_empty(String body) {
        assertThat(SectionText.isEmpty(Section.ROOT_CAUSE, body))
                .as("'%s'", body)
                .isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "N/A",
                "n/a",
                "TBC",
                "TBD: vendor to confirm",
                "Disk full",
                "42",
                "Истёк сертификат",
                "証明書",
                "TBDX",
                "to be decided",
                "{code}NullPointerException{code}",
                "[runbook|https://x]",
                "\uD83D\uDD25"
            })
    void real_answers_are_not_empty(String body) {
        assertThat(SectionText.isEmpty(Section.ROOT_CAUSE, body))
                .as("'%s'", body)
                .isFalse();
    }

    @Test
    void a_huge_body_of_placeholders_does_not_overflow_the_stack() {
        assertThat(SectionText.isEmpty(Section.ROOT_CAUSE, "TBD\n".repeat(200_000)))
                .isTrue();
        assertThat(SectionText.isEmpty(Section.ROOT_CAUSE, "TBD\n".repeat(200_000) + "disk"))
                .isFalse();
    }

    @Test
    void the_next_actions_placeholder_is_empty_with_any_mention_or_none() {
        assertThat(SectionText.isEmpty(Section.NEXT_ACTIONS, "* Look into the problem \u2014 [~accountid:5b10ac8d]"))
                .isTrue();
        assertThat(SectionText.isEmpty(Section.NEXT_ACTIONS, "* Look into the problem \u2014 [~alice]"))
                .isTrue();
        assertThat(SectionText.isEmpty(Section.NEXT_ACTIONS, "* Look into the problem"))
                .isTrue();
        assertThat(SectionText.isEmpty(Section.NEXT_ACTIONS, "* Look into the problem\n* Restart web-2"))
                .isFalse();
    }

    @Test
    void the_placeholder_of_one_section_is_a_real_answer_in_another() {
        assertThat(SectionText.isEmpty(Section.ROOT_CAUSE, "* Look into the problem"))
                .isFalse();
    }

    @Test
    void the_empty_original_request_placeholder_is_empty() {
        assertThat(SectionText.isEmpty(Section.ORIGINAL_REQUEST, SectionTemplate.EMPTY_ORIGINAL))
                .isTrue();
    }

    @Test
    void normalisation_drops_case_markup_mentions_and_punctuation() {
        assertThat(SectionText.normalise("  *Add* _alerting_ on [p99|https://grafana/x] — ask [~bob]!  "))
                .isEqualTo("add alerting on p99 ask");
        assertThat(SectionText.normalise("{color:red}Root Cause(s){color}")).isEqualTo("root cause s");
    }

    @Test
    void the_rules_use_no_regex_syntax_that_javascript_reads_differently() {
        // The Jira expression of the workflow validator reuses these strings as JavaScript RegExps.
        java.util.List<String> regexes = new java.util.ArrayList<>();
        SectionText.REWRITES.forEach(r -> regexes.add(r.regex()));
        regexes.add(SectionText.EMPTY);
        assertThat(regexes)
                .allSatisfy(regex -> assertThat(regex)
                        .doesNotContain("(?<", "(?i", "(?m", "(?s", "*+", "++", "?+", "\\p{", "\\A", "\\Z", "\\z"));
    }
}
