package io.prodsupport.incident;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The "why" questions in a text: the gold mine for prevention that people write in comments while an incident burns.
 *
 * <p>In a comment, a question is a line that starts with "Why" (any case, after optional list markers, a quote marker
 * or emphasis) and ends with "?" (emphasis closing it aside). Lines inside {@code {code}}, {@code {noformat}} and
 * fences are not prose and never count. A question is known by its {@linkplain Action#idOf id}, normalised like
 * action ids (case, spacing, punctuation and markup do not matter), so the same question asked again is the same.
 *
 * <p>In the Whys section, a line that starts with "Why" counts up to its last "?": a hand-typed "Why did it fail?
 * Because …" and a bullet prodsupport added ("Why …? — asked by …") both name their question.
 */
final class WhyQuestions {

    /** List markers, blockquote, numbering and opening emphasis before the first word. */
    private static final Pattern LEAD =
            Pattern.compile("^(?:[ \\t]*(?:[*#-]+|\\d{1,3}[.)]|bq\\.|>)[ \\t]+)*[ \\t]*[*_+]*");

    private static final Pattern TRAIL = Pattern.compile("[*_+ \\t]*$");
    private static final Pattern STARTS_WITH_WHY = Pattern.compile("^why\\b", Pattern.CASE_INSENSITIVE);

    /** What prodsupport appends after a question it copies; see {@link WhysSection#bullet}. */
    static final String ASKED_BY = " \u2014 asked by ";

    private WhyQuestions() {}

    /** A question found in a text, in the words it was asked. */
    record Question(String text, String id) {}

    /** The questions of a comment, in order, each once. */
    static List<Question> inComment(String body) {
        Map<String, Question> found = new LinkedHashMap<>();
        for (String line : prose(body)) {
            String stripped = strip(line);
            if (stripped.endsWith("?") && STARTS_WITH_WHY.matcher(stripped).find()) {
                found.putIfAbsent(Action.idOf(stripped), new Question(stripped, Action.idOf(stripped)));
            }
        }
        return List.copyOf(found.values());
    }

    /** The ids of the questions the Whys section already holds, typed by a person or added by prodsupport. */
    static List<String> idsInSection(String body) {
        List<String> ids = new ArrayList<>();
        for (String line : prose(body)) {
            String stripped = strip(line);
            int asked = stripped.indexOf(ASKED_BY);
            if (asked >= 0) {
                stripped = stripped.substring(0, asked);
            }
            int lastMark = stripped.lastIndexOf('?');
            if (lastMark > 0 && STARTS_WITH_WHY.matcher(stripped).find()) {
                ids.add(Action.idOf(stripped.substring(0, lastMark + 1)));
            }
        }
        return ids;
    }

    private static String strip(String line) {
        Matcher lead = LEAD.matcher(line);
        String s = lead.lookingAt() ? line.substring(lead.end()) : line;
        return TRAIL.matcher(s).replaceFirst("").strip();
    }

    /** The lines of {@code text} outside code and noformat blocks. */
    private static List<String> prose(String text) {
        String body = text == null ? "" : text;
        List<TextLines.Line> lines = TextLines.of(body);
        VerbatimBlocks verbatim = VerbatimBlocks.of(body, lines);
        List<String> prose = new ArrayList<>();
        for (TextLines.Line line : lines) {
            if (!verbatim.protects(line.start())) {
                prose.add(line.content(body));
            }
        }
        return prose;
    }
}
