package io.prodsupport.incident;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Cuts a description into a preamble and sections.
 *
 * <p>Which headings start a section (the rule that keeps the reporter's text whole):
 * <ol>
 *   <li>Only heading lines outside verbatim blocks ({@link VerbatimBlocks}) whose title names a canonical
 *       {@link Section} are candidates. Unknown headings ("h3. Steps to reproduce") are body text of the
 *       section they are in.</li>
 *   <li>The first candidate of a section starts it; a repeat of a section that already started is body
 *       text.</li>
 *   <li>Inside The Original Request, a candidate whose section has another candidate further down is body
 *       text: it is the reporter's own heading, and the template's heading for that section follows.</li>
 * </ol>
 * {@link SectionTemplate#wrap} puts the reporter's text right after the template's Original Request
 * heading and all eight other headings after it, so every heading the reporter wrote falls under rule 2 or
 * 3 and the original comes back as one section, whatever headings it contains. The price: an engineer who
 * later adds a second heading of the section right after The Original Request further down (say a
 * sub-heading "h3. Symptoms" under Root Cause) pulls that section into The Original Request.
 */
final class DescriptionParser {

    private record Candidate(TextLines.Line line, Section section, Heading heading) {}

    private DescriptionParser() {}

    static IncidentDescription parse(String text) {
        List<TextLines.Line> lines = TextLines.of(text);
        VerbatimBlocks verbatim = VerbatimBlocks.of(text, lines);
        List<Candidate> candidates = new ArrayList<>();
        for (TextLines.Line line : lines) {
            if (verbatim.protects(line.start())) {
                continue;
            }
            Optional<Heading> heading = Heading.parse(line.content(text));
            if (heading.isPresent()) {
                Optional<Section> section = Section.match(heading.get().title());
                section.ifPresent(s -> candidates.add(new Candidate(line, s, heading.get())));
            }
        }
        List<Candidate> starts = sectionStarts(candidates);
        if (starts.isEmpty()) {
            return new IncidentDescription(text, List.of());
        }
        List<ParsedSection> sections = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            Candidate start = starts.get(i);
            int bodyEnd = i + 1 < starts.size() ? starts.get(i + 1).line().start() : text.length();
            sections.add(new ParsedSection(
                    start.section(),
                    text.substring(start.line().start(), start.line().end()),
                    start.heading().level(),
                    start.heading().title(),
                    text.substring(start.line().end(), bodyEnd)));
        }
        return new IncidentDescription(text.substring(0, starts.get(0).line().start()), sections);
    }

    private static List<Candidate> sectionStarts(List<Candidate> candidates) {
        Map<Section, Integer> last = new EnumMap<>(Section.class);
        for (int i = 0; i < candidates.size(); i++) {
            last.put(candidates.get(i).section(), i);
        }
        Set<Section> started = EnumSet.noneOf(Section.class);
        Section current = null;
        List<Candidate> starts = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            Candidate candidate = candidates.get(i);
            if (started.contains(candidate.section())) {
                continue;
            }
            if (current == Section.ORIGINAL_REQUEST && last.get(candidate.section()) > i) {
                continue;
            }
            started.add(candidate.section());
            current = candidate.section();
            starts.add(candidate);
        }
        return starts;
    }
}
