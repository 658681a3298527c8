package io.prodsupport.descriptor;

import java.util.Set;

/**
 * A {@code java.util.regex} pattern from {@code SectionText} written as a JavaScript regex literal that matches the
 * same strings, for the generated {@code rules.js}.
 *
 * <p>{@code SectionText} already keeps to syntax both engines read alike; the one escape they read differently is
 * {@code \s}: Java means {@code [ \t\n\x0B\f\r]}, JavaScript adds every Unicode space (U+1680, U+FEFF …), so a root
 * cause of one such character would be blank in Node and not blank in the service. It is spelled out here. Every
 * other escape must be on a short list JavaScript reads as Java does, or generation fails, so a new rewrite that uses
 * {@code \w} or {@code \p{L}} cannot slip into the validator with a different meaning.
 *
 * <p>{@code \b} is read differently too: Java 17 counts every letter and digit as a word character (and a non-spacing
 * mark after one), JavaScript only {@code [A-Za-z0-9_]}. So {@code éh2.} kept its {@code h2.} in Java and lost it in
 * JavaScript; that never changed a close-gate verdict, but it changed the action id the panel computes. It is written
 * out with Unicode lookarounds that follow Java's {@code Pattern.Bound} ({@link #JAVA_WORD_BOUNDARY}), and a pattern
 * that uses it gets the {@code u} flag.
 */
final class JsRegex {

    private static final String JAVA_WHITESPACE = " \\t\\n\\x0B\\f\\r";

    /**
     * Java 17's {@code \b} ({@code Pattern.Bound} without UNICODE_CHARACTER_CLASS): a word character is a letter, a
     * digit ({@code Character.isLetterOrDigit}) or {@code _}; a non-spacing mark counts as one when a letter or digit
     * comes before its run of marks ({@code hasBaseCharacter}, which steps back one {@code char} at a time and so only
     * sees marks and a base in the Basic Multilingual Plane). Needs the {@code u} flag.
     */
    static final String JAVA_WORD_BOUNDARY;

    static {
        String word = "[\\p{L}\\p{Nd}_]";
        String bmp = "[\\u0000-\\uffff]";
        // "(?<=[BMP])" after a character: it was not a supplementary one (Rhino refuses a quantified group that
        // starts with a lookahead, so the check comes after the character).
        String markRunAfterBase = "[\\p{L}\\p{Nd}](?<=" + bmp + ")(?:\\p{Mn}(?<=" + bmp + "))";
        String wordBefore = "(?:(?<=" + word + ")|(?<=" + markRunAfterBase + "+))";
        String noWordBefore = "(?<!" + word + ")(?<!" + markRunAfterBase + "+)";
        String wordAfter = "(?:(?=" + word + ")|(?=\\p{Mn})(?<=" + markRunAfterBase + "*))";
        String noWordAfter = "(?!" + word + ")(?:(?!\\p{Mn})|(?<!" + markRunAfterBase + "*))";
        JAVA_WORD_BOUNDARY = "(?:" + wordBefore + noWordAfter + "|" + noWordBefore + wordAfter + ")";
    }

    private static final Set<Character> SAME_ESCAPES = Set.of(
            '\\', '/', '.', '^', '$', '|', '?', '*', '+', '(', ')', '[', ']', '{', '}', '-', 'd', 'n', 't', 'r', 'f');

    private JsRegex() {}

    /** The regex literal, with {@code flags} after the closing slash ({@code u} added where {@code \b} needs it). */
    static String literal(String javaRegex, String flags) {
        StringBuilder out = new StringBuilder("/");
        boolean inClass = false;
        boolean unicode = false;
        for (int i = 0; i < javaRegex.length(); i++) {
            char c = javaRegex.charAt(i);
            if (c == '\\') {
                if (i + 1 >= javaRegex.length()) {
                    throw new IllegalArgumentException("dangling backslash in " + javaRegex);
                }
                char next = javaRegex.charAt(++i);
                if (next == 's') {
                    out.append(inClass ? JAVA_WHITESPACE : "[" + JAVA_WHITESPACE + "]");
                } else if (next == 'b' && !inClass) {
                    out.append(JAVA_WORD_BOUNDARY);
                    unicode = true;
                } else if (next == 'u'
                        && i + 4 < javaRegex.length()
                        && javaRegex.substring(i + 1, i + 5).matches("[0-9a-fA-F]{4}")) {
                    out.append("\\u").append(javaRegex, i + 1, i + 5);
                    i += 4;
                } else if (SAME_ESCAPES.contains(next)) {
                    out.append('\\').append(next);
                } else {
                    throw new IllegalArgumentException(
                            "\\" + next + " in " + javaRegex
                                    + " may mean something else in JavaScript; add it to JsRegex only once it is known to match alike");
                }
                continue;
            }
            if (c == '('
                    && javaRegex.startsWith("(?", i)
                    && !javaRegex.startsWith("(?:", i)
                    && !javaRegex.startsWith("(?=", i)
                    && !javaRegex.startsWith("(?!", i)) {
                throw new IllegalArgumentException("group construct at " + i + " in " + javaRegex
                        + " is not read alike by JavaScript (lookbehind, named group or inline flag)");
            }
            if (inClass && (c == '[' || javaRegex.startsWith("&&", i))) {
                throw new IllegalArgumentException(
                        "class union or intersection at " + i + " in " + javaRegex + " is Java only");
            }
            if (!inClass
                    && c == '+'
                    && i > 0
                    && "*+?}".indexOf(javaRegex.charAt(i - 1)) >= 0
                    && javaRegex.charAt(i - 2 < 0 ? 0 : i - 2) != '\\') {
                throw new IllegalArgumentException(
                        "possessive quantifier at " + i + " in " + javaRegex + " is Java only");
            }
            if (c == '[' && !inClass) {
                inClass = true;
            } else if (c == ']' && inClass) {
                inClass = false;
            }
            out.append(c == '/' ? "\\/" : String.valueOf(c));
        }
        if (unicode && !flags.contains("u")) {
            // In u mode an escaped character outside a class must be syntax, as \\- is not.
            if (out.toString().matches(".*(?<!\\\\)\\\\-.*")) {
                throw new IllegalArgumentException(javaRegex + " uses \\b and \\-, which the u flag does not allow");
            }
            flags = flags + "u";
        }
        return out.append('/').append(flags).toString();
    }

    /** A JavaScript {@code replace} replacement for a Java one: group references only, no backslashes. */
    static String replacement(String javaReplacement) {
        if (javaReplacement.contains("\\") || javaReplacement.matches(".*\\$(?![0-9]).*")) {
            throw new IllegalArgumentException("replacement " + javaReplacement
                    + " uses escapes or named groups, which Java and JavaScript read differently");
        }
        return javaReplacement;
    }
}
