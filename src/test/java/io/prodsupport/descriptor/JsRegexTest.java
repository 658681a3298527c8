package io.prodsupport.descriptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class JsRegexTest {

    @Test
    void java_whitespace_is_spelled_out_inside_and_outside_a_class() {
        assertThat(JsRegex.literal("[\\s!-/]+a\\s", "g"))
                .isEqualTo("/[ \\t\\n\\x0B\\f\\r!-\\/]+a[ \\t\\n\\x0B\\f\\r]/g");
    }

    @Test
    void escapes_both_engines_read_alike_and_unicode_escapes_pass_unchanged() {
        assertThat(JsRegex.literal("\\{(?:code)(?=[ \\t])\\d{1,3}\\u00a0h[1-6]\\.", ""))
                .isEqualTo("/\\{(?:code)(?=[ \\t])\\d{1,3}\\u00a0h[1-6]\\./");
    }

    @Test
    void a_word_boundary_is_written_out_as_java_reads_it_with_the_u_flag() {
        assertThat(JsRegex.literal("\\bh[1-6]\\.", "g")).isEqualTo("/" + JsRegex.JAVA_WORD_BOUNDARY + "h[1-6]\\./gu");
    }

    @Test
    void before_and_after_every_character_the_word_boundary_falls_where_java_puts_it() {
        RhinoScripts js = new RhinoScripts("var B = " + JsRegex.literal("\\bh[1-6]\\.|2\\b", "g") + ";\n"
                + "function boundary(text) { return text.replace(B, '#'); }");
        Pattern java = Pattern.compile("\\bh[1-6]\\.|2\\b");
        List<String> disagreeing = new ArrayList<>();
        for (int c = 0; c <= Character.MAX_CODE_POINT; c += c < 0x3000 ? 1 : 7) {
            if (Character.isSurrogate((char) c) && c <= 0xffff) {
                continue;
            }
            String ch = Character.toString(c);
            for (String text : List.of(ch + "h2.", "a" + ch + "h2.", "h2" + ch, ch + "\u0301h2.")) {
                String expected = java.matcher(text).replaceAll("#");
                Object actual = js.call("boundary", text);
                if (!expected.equals(actual)) {
                    disagreeing.add(Integer.toHexString(c) + " in " + text);
                }
            }
        }
        assertThat(disagreeing).isEmpty();
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
