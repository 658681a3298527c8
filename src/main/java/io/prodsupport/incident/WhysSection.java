package io.prodsupport.incident;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Adds bullets to the Whys section of a description and changes nothing else: every other byte of the text stays as
 * it was. The template's empty bullet ({@code "* "}) or a TBD gives way to the first real question; after that,
 * questions are appended below what is there.
 */
final class WhysSection {

    private static final Pattern TRAILING_BLANK = Pattern.compile("\\s*$");

    private WhysSection() {}

    /** One question as prodsupport writes it: the question, who asked it, and a link to their comment. */
    static String bullet(String question, String askedBy, String commentUrl) {
        return "* " + question + WhyQuestions.ASKED_BY + askedBy + " ([comment|" + commentUrl + "])";
    }

    /**
     * {@code description} with {@code bullets} at the end of its Whys section. Without a Whys section (someone
     * removed it), one is added before Prevention / Mitigation, or at the end.
     */
    static String withBullets(String description, List<String> bullets) {
        String text = description == null ? "" : description;
        String added = String.join("\n", bullets);
        IncidentDescription parsed = IncidentDescription.parse(text);
        List<ParsedSection> sections = new ArrayList<>(parsed.sections());
        for (int i = 0; i < sections.size(); i++) {
            ParsedSection s = sections.get(i);
            if (s.section() == Section.WHYS) {
                String body = appended(s.body(), added, s.isEmpty());
                boolean headingEndsLine =
                        s.headingLine().endsWith("\n") || s.headingLine().endsWith("\r");
                sections.set(i, withBody(s, headingEndsLine ? body : "\n" + body));
                return new IncidentDescription(parsed.preamble(), sections).render();
            }
        }
        for (int i = 0; i < sections.size(); i++) {
            if (sections.get(i).section() == Section.PREVENTION) {
                sections.add(i, new ParsedSection(Section.WHYS, "h2. Whys\n", 2, "Whys", added + "\n\n"));
                return new IncidentDescription(parsed.preamble(), sections).render();
            }
        }
        String kept = text.stripTrailing();
        return (kept.isEmpty() ? "" : kept + "\n\n") + "h2. Whys\n" + added + "\n";
    }

    private static String appended(String body, String added, boolean empty) {
        Matcher blank = TRAILING_BLANK.matcher(body);
        int contentEnd = blank.find() ? blank.start() : body.length();
        String content = empty ? "" : body.substring(0, contentEnd);
        // keep the line breaks that separate this section from the next, not stray spaces on the last line
        String tail = body.substring(contentEnd).replaceAll("[ \\t]+", "");
        if (tail.isEmpty() && contentEnd < body.length()) {
            tail = "\n";
        }
        return (content.isEmpty() ? "" : content + "\n") + added + tail;
    }

    private static ParsedSection withBody(ParsedSection s, String body) {
        return new ParsedSection(s.section(), s.headingLine(), s.level(), s.title(), body);
    }
}
