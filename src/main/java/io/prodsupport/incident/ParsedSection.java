package io.prodsupport.incident;

import java.util.List;
import java.util.Objects;

/**
 * One section of a parsed description, cut losslessly: {@code headingLine} is the heading exactly as written
 * including its line break (if any), {@code body} is everything up to the next section's heading, so
 * concatenating heading lines and bodies gives back the text byte for byte.
 *
 * @param section     the canonical section the heading names
 * @param headingLine the heading line as written, with its line terminator
 * @param level       1–6: the {@code hN.} number or the count of Markdown {@code #}
 * @param title       the heading text after the marker, trimmed (Markdown closing {@code #}s removed)
 * @param body        the section's text, verbatim, including nested unknown headings
 */
public record ParsedSection(Section section, String headingLine, int level, String title, String body) {

    public ParsedSection {
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(headingLine, "headingLine");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(body, "body");
    }

    /** Per {@link SectionText#isEmpty}. */
    public boolean isEmpty() {
        return SectionText.isEmpty(section, body);
    }

    /** The list items of this section as actions; see {@link ActionList}. */
    public List<Action> actions() {
        return ActionList.parse(section, body);
    }
}
