package io.prodsupport.descriptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JsRegexTest {

    @Test
    void java_whitespace_is_spelled_out_inside_and_outside_a_class() {
        assertThat(JsRegex.literal("[\\s!-/]+a\\s", "g"))
                .isEqualTo("/[ \\t\\n\\x0B\\f\\r!-\\/]+a[ \\t\\n\\x0B\\f\\r]/g");
    }

    @Test
    void escapes_both_engines_read_alike_and_unicode_escapes_pass_unchanged() {
        assertThat(JsRegex.literal("\\{(?:code)(?=[ \\t])\\d{1,3}\\u00a0\\bh[1-6]\\.", ""))
                .isEqualTo("/\\{(?:code)(?=[ \\t])\\d{1,3}\\u00a0\\bh[1-6]\\./");
    }

    @Test
    void constructs_javascript_reads_differently_are_refused() {
        assertThatThrownBy(() -> JsRegex.literal("\\w+", "")).hasMessageContaining("\\w");
        assertThatThrownBy(() -> JsRegex.literal("\\p{L}", "")).hasMessageContaining("\\p");
        assertThatThrownBy(() -> JsRegex.literal("(?i)tbd", "")).hasMessageContaining("inline flag");
        assertThatThrownBy(() -> JsRegex.literal("(?<=a)b", "")).hasMessageContaining("lookbehind");
        assertThatThrownBy(() -> JsRegex.literal("[a-z&&[^x]]", "")).hasMessageContaining("Java only");
        assertThatThrownBy(() -> JsRegex.literal("a*+", "")).hasMessageContaining("possessive");
        assertThatThrownBy(() -> JsRegex.replacement("\\$1")).hasMessageContaining("escapes");
        assertThatThrownBy(() -> JsRegex.replacement("${name}")).hasMessageContaining("named");
    }
}
