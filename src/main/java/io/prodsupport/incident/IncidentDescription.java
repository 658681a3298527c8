package io.prodsupport.incident;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A description cut into the text before the first section ({@code preamble}) and its sections, in the
 * order written. {@link #render()} gives the parsed text back byte for byte, and parsing a rendered
 * description gives the same record back. See {@link DescriptionParser} for which headings start sections.
 */
public record IncidentDescription(String preamble, List<ParsedSection> sections) {

    /**
     * A description "already has the sections" when it has at least this many distinct canonical sections,
     * or The Original Request and at least one more. Three because engineers delete sections they find
     * useless and rename others, and one stray heading must not count: a reporter who wrote "h2. Symptoms"
     * or even Symptoms and Scope in a plain bug report still gets the template. The Original Request is a
     * title only the template uses, so with one more section it is the template, however trimmed.
     */
    public static final int TEMPLATED_MIN_SECTIONS = 3;

    public IncidentDescription {
        Objects.requireNonNull(preamble, "preamble");
        sections = List.copyOf(sections);
    }

    /** Parses Jira wiki text; {@code null} (Jira's empty description) parses as the empty string. */
    public static IncidentDescription parse(String text) {
        return DescriptionParser.parse(text == null ? "" : text);
    }

    /** The sections rendered without a preamble. */
    public static String render(List<ParsedSection> sections) {
        return new IncidentDescription("", sections).render();
    }

    /** The preamble, then each heading line and body, concatenated. */
    public String render() {
        StringBuilder text = new StringBuilder(preamble);
        for (ParsedSection section : sections) {
            text.append(section.headingLine()).append(section.body());
        }
        return text.toString();
    }

    public Optional<ParsedSection> section(Section section) {
        return sections.stream().filter(s -> s.section() == section).findFirst();
    }

    /**
     * The Original Request's body without the blank-line separator the template puts after it (one trailing
     * {@code "\n\n"}, if present). For any non-blank text {@code x} that is not itself templated,
     * {@code parse(SectionTemplate.wrap(x, m)).originalRequest()} is exactly {@code x}.
     */
    public Optional<String> originalRequest() {
        return section(Section.ORIGINAL_REQUEST).map(s -> {
            String body = s.body();
            return body.endsWith(SectionTemplate.SEPARATOR)
                    ? body.substring(0, body.length() - SectionTemplate.SEPARATOR.length())
                    : body;
        });
    }

    /** Whether the description already has the sections; see {@link #TEMPLATED_MIN_SECTIONS}. */
    public boolean isTemplated() {
        Set<Section> present = EnumSet.noneOf(Section.class);
        sections.forEach(s -> present.add(s.section()));
        return present.size() >= TEMPLATED_MIN_SECTIONS
                || (present.contains(Section.ORIGINAL_REQUEST) && present.size() >= 2);
    }

    /** A missing section is empty; otherwise {@link SectionText#isEmpty}. */
    public boolean isEmpty(Section section) {
        return section(section).map(ParsedSection::isEmpty).orElse(true);
    }

    /** The ones among {@code required} that are empty, in template order: what the close gate names. */
    public List<Section> emptySections(Collection<Section> required) {
        Set<Section> ordered = required.isEmpty() ? EnumSet.noneOf(Section.class) : EnumSet.copyOf(required);
        return ordered.stream().filter(this::isEmpty).toList();
    }

    /** The actions listed in a section; none if the section is missing. See {@link ActionList}. */
    public List<Action> actions(Section section) {
        return section(section).map(ParsedSection::actions).orElse(List.of());
    }
}
