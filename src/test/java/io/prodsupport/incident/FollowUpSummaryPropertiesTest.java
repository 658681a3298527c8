package io.prodsupport.incident;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The summary cut: never over Jira's limit, never inside a word that has a boundary before it, idempotent. */
class FollowUpSummaryPropertiesTest {

    @Provide
    Arbitrary<String> actionTexts() {
        Arbitrary<String> word = Arbitraries.oneOf(
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(12),
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(200).ofMaxLength(400),
                // whole code points: an emoji is two chars, and a cut must not split it
                Arbitraries.of("é", "€", "😀", "-", ".", ",")
                        .list()
                        .ofMinSize(1)
                        .ofMaxSize(6)
                        .map(parts -> String.join("", parts)));
        return word.list().ofMinSize(1).ofMaxSize(120).map(words -> String.join(" ", words));
    }

    @Property
    void a_summary_is_never_longer_than_255(@ForAll("actionTexts") String text) {
        assertThat(FollowUpPlanner.cut(text).length()).isLessThanOrEqualTo(FollowUpPlanner.MAX_SUMMARY);
    }

    @Property
    void cutting_twice_is_cutting_once(@ForAll("actionTexts") String text) {
        String once = FollowUpPlanner.cut(text);
        assertThat(FollowUpPlanner.cut(once)).isEqualTo(once);
    }

    @Property
    void a_cut_keeps_whole_words_unless_the_first_word_alone_is_too_long(@ForAll("actionTexts") String text) {
        String summary = FollowUpPlanner.cut(text);
        if (summary.equals(text)) {
            return;
        }
        assertThat(summary).endsWith(FollowUpPlanner.ELLIPSIS);
        String kept = summary.substring(0, summary.length() - 1);
        assertThat(text).startsWith(kept);
        boolean atBoundary = text.length() > kept.length() && Character.isWhitespace(text.charAt(kept.length()));
        boolean firstWordTooLong = text.indexOf(' ') < 0 || text.indexOf(' ') >= kept.length();
        assertThat(atBoundary || firstWordTooLong)
                .as("cut inside a word: %s", kept)
                .isTrue();
        assertThat(Character.isHighSurrogate(kept.charAt(kept.length() - 1))).isFalse();
    }
}
