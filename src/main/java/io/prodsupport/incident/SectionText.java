package io.prodsupport.incident;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules over section text, kept as data: one normalisation (lower-case, then an ordered list of regex
 * rewrites, then trim) and one emptiness regex over the normalised text.
 *
 * <p>Why data and not code: the close gate runs twice, here and as a Jira expression in the Forge workflow
 * validator. Every pattern below uses only syntax that JavaScript's {@code RegExp} reads the same way (no
 * lookbehind, no inline flags, no possessive quantifiers; the text is lower-cased first so no case flag is
 * needed), so the expression can apply {@link #REWRITES} with global {@code replace} calls and then
 * {@code match} {@link #EMPTY}.
 *
 * <p>A section is empty when its normalised body matches {@link #EMPTY} (blank, {@code TBD}, {@code TODO},
 * {@code ?}, bullets without text, {@code *TBD*}, {@code _tbd_}, {@code TBD.}, {@code - TBD},
 * {@code {color:red}TBD{color}} …) or equals the normalised placeholder of that section (the template's own
 * words, see {@link Section#placeholder()}). {@code N/A} is a real answer: it normalises to {@code "n a"}
 * and is not empty.
 */
public final class SectionText {

    /** One normalisation step: every match of {@code regex} becomes {@code replacement} ({@code $1} = group 1). */
    public record Rewrite(String regex, String replacement) {
        Pattern pattern() {
            return Pattern.compile(regex);
        }
    }

    /**
     * Whitespace and punctuation: ASCII punctuation, Latin-1 quotes and dots, the General Punctuation block
     * (dashes, curly quotes, bullets, ellipsis, odd spaces) and the ideographic space and full stops. Letters
     * and digits of every script stay, so a root cause written in Cyrillic or Japanese is not "empty".
     */
    public static final String PUNCTUATION =
            "[\\s!-/:-@\\[-`{-~\\u00a0\\u00a1\\u00ab\\u00b7\\u00bb\\u00bf\\u2000-\\u206f\\u3000-\\u3002]";

    /** Applied in order to the lower-cased text. */
    public static final List<Rewrite> REWRITES = List.of(
            // Macro tags carry no words of their own; their content (e.g. the TBD inside {color}) stays.
            new Rewrite(
                    "\\{(?:code|noformat|color|quote|panel|anchor|expand|info|note|tip|warning)(?::[^}\\n]*)?\\}", " "),
            // A mention is who, not what: "Look into the problem — [~alice]" is still the placeholder.
            new Rewrite("\\[~[^\\]\\n]*\\]", " "),
            // A link counts by its text, so fixing a URL does not change an action's id.
            new Rewrite("\\[([^|\\]\\n]*)\\|[^\\]\\n]*\\]", "$1"),
            // Heading markers of nested (unknown) headings, and ordered-list numbers at a line start.
            new Rewrite("\\bh[1-6]\\.", " "),
            new Rewrite("(^|\\n)[ \\t]*\\d{1,3}[.)](?=[ \\t])", "$1 "),
            // Everything else that is not a letter or digit (list markers, emphasis, tables) is one space.
            new Rewrite(PUNCTUATION + "+", " "));

    /** Over the normalised text: nothing left but the words {@code tbd} and {@code todo}. */
    public static final String EMPTY = "^(?:(?:tbd|todo)(?: |$))*$";

    /** The words {@link #EMPTY} allows. */
    static final Set<String> EMPTY_WORDS = Set.of("tbd", "todo");

    private static final List<Pattern> REWRITE_PATTERNS =
            REWRITES.stream().map(Rewrite::pattern).toList();

    private SectionText() {}

    /** Lower-case, markup stripped, punctuation and whitespace collapsed to single spaces, trimmed. */
    public static String normalise(String text) {
        String s = text == null ? "" : text.toLowerCase(Locale.ROOT);
        for (int i = 0; i < REWRITES.size(); i++) {
            s = REWRITE_PATTERNS.get(i).matcher(s).replaceAll(REWRITES.get(i).replacement());
        }
        return s.strip();
    }

    /** The emptiness rule for one section's body (see the class comment). */
    public static boolean isEmpty(Section section, String body) {
        String normalised = normalise(body);
        return matchesEmpty(normalised) || normalised.equals(normalise(section.placeholder()));
    }

    /**
     * {@link #EMPTY}, evaluated word by word: java.util.regex recurses once per repetition of a group and
     * overflows the stack on a body of some ten thousand "TBD"s. Normalised text is words joined by single
     * spaces, so the two agree (a property test checks it).
     */
    static boolean matchesEmpty(String normalised) {
        return normalised.isEmpty() || Arrays.stream(normalised.split(" ")).allMatch(EMPTY_WORDS::contains);
    }
}
