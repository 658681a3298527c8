package io.prodsupport.incident;

import java.util.regex.Pattern;

/**
 * Jira wiki markup reduced to what a reader sees, for one line of text such as a follow-up's summary:
 * macro tags dropped, links shown by their text, emphasis markers ({@code *bold*}, {@code _italic_},
 * {@code +inserted+}, {@code -deleted-}, {@code ^sup^}, {@code ~sub~}, {@code ??citation??},
 * {@code {{monospace}}}) removed, whitespace collapsed. Mentions stay as written.
 */
final class WikiText {

    private static final Pattern MACRO = Pattern.compile("\\{[A-Za-z]+(?::[^}]*)?\\}(?!\\})");
    private static final Pattern LINK = Pattern.compile("\\[([^|\\]~][^|\\]]*)\\|[^\\]]*\\]");
    private static final Pattern MONOSPACE = Pattern.compile("\\{\\{(.+?)\\}\\}");
    private static final Pattern CITATION = Pattern.compile("\\?\\?(.+?)\\?\\?");
    private static final Pattern EMPHASIS =
            Pattern.compile("(?<![\\p{L}\\p{N}])([*_+^~-])(?=\\S)(.+?)(?<=\\S)\\1(?![\\p{L}\\p{N}])");

    private WikiText() {}

    static String plain(String line) {
        String s = MONOSPACE.matcher(line).replaceAll("$1");
        s = MACRO.matcher(s).replaceAll("");
        s = LINK.matcher(s).replaceAll("$1");
        s = CITATION.matcher(s).replaceAll("$1");
        String previous;
        do {
            previous = s;
            s = EMPHASIS.matcher(s).replaceAll("$2");
        } while (!s.equals(previous));
        return s.replaceAll("\\s+", " ").strip();
    }
}
