package io.prodsupport.incident;

/**
 * The section template of DESIGN.md §1 and the one way a description gets it.
 *
 * <p>The template always uses {@code \n}; the reporter's text goes in untouched (its {@code \r\n}, trailing
 * spaces and trailing newlines included), followed by {@link #SEPARATOR}. There is no final newline after
 * the last section's "TBD".
 */
public final class SectionTemplate {

    /** What The Original Request says when the reporter left the description blank. */
    public static final String EMPTY_ORIGINAL = "_(The reporter left the description empty.)_";

    /** Between the original text and the next heading: the line break ending the text, then a blank line. */
    static final String SEPARATOR = "\n\n";

    private SectionTemplate() {}

    /**
     * The description with the template: unchanged (the same string) when it is already
     * {@linkplain IncidentDescription#isTemplated() templated}, otherwise {@link #render} of it.
     * Idempotent: the result is always templated, so wrapping again returns it as is.
     *
     * @param original      the description as Jira returns it ({@code null} = empty)
     * @param onDutyMention preformatted, {@code [~accountid:…]} on Cloud or {@code [~name]} on Data Center;
     *                      {@code null} or blank when nobody is on duty
     */
    public static String wrap(String original, String onDutyMention) {
        String text = original == null ? "" : original;
        if (IncidentDescription.parse(text).isTemplated()) {
            return text;
        }
        return render(text, onDutyMention);
    }

    /** The full template with {@code original} (verbatim, or {@link #EMPTY_ORIGINAL} if blank) in it. */
    public static String render(String original, String onDutyMention) {
        StringBuilder text = new StringBuilder();
        for (Section section : Section.values()) {
            if (section != Section.ORIGINAL_REQUEST) {
                text.append(SEPARATOR);
            }
            text.append("h2. ").append(section.title()).append('\n').append(body(section, original, onDutyMention));
        }
        return text.toString();
    }

    private static String body(Section section, String original, String onDutyMention) {
        if (section == Section.ORIGINAL_REQUEST) {
            return original == null || original.isBlank() ? EMPTY_ORIGINAL : original;
        }
        if (section == Section.NEXT_ACTIONS && onDutyMention != null && !onDutyMention.isBlank()) {
            return section.placeholder() + " \u2014 " + onDutyMention;
        }
        return section.placeholder();
    }
}
