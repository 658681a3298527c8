package io.prodsupport.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

class SectionTemplatePropertiesTest {

    private static final List<String> MENTIONS = List.of("[~accountid:5b10ac8d82e05b22cc7d4ef5]", "[~alice]", "");

    /** Lines and blocks that make parsing hard, none of them heading a canonical section. */
    private static final List<String> SAFE_FRAGMENTS = List.of(
            "",
            "   ",
            "TBD",
            "Disk full on db-3",
            "* Add an alert",
            "** nested item",
            "# step one",
            "- dash item",
            "h3. Timeline",
            "### Notes",
            "||host||errors||",
            "|web-1|120|",
            "  \tindented",
            "\tat shop.checkout.OrderRepository.save(OrderRepository.java:88)",
            "{code:java}\nh2. Root Cause(s)\nTBD\n{code}",
            "{noformat}\n## Symptoms\n* TBD\n{noformat}",
            "```\nh2. Scope\n```",
            "run {code}ls -la{code} first",
            "{quote}customer says hi{quote}",
            "Ünïcödé ✓ 证书 🔥 — “quotes”",
            "h2.Symptoms",
            "#Symptoms",
            "{color:red}TBD{color}");

    /** Fragments for the reporter's text: anything goes, including headings of template sections. */
    private static final List<String> NASTY_FRAGMENTS = List.of(
            "h2. Symptoms",
            "## Root Cause(s)",
            "h1. The Original Request",
            "# Original request",
            "h3. Whys",
            "h2. Prevention / Mitigation",
            "{code}",
            "{code:java}",
            "{noformat}",
            "```",
            "```java",
            "\r",
            "\r\n",
            "\n\n",
            "h2. Scope\nTBD",
            "* ");

    @Provide
    Arbitrary<String> reporterTexts() {
        Arbitrary<String> fragment = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.of(SAFE_FRAGMENTS)),
                net.jqwik.api.Tuple.of(3, Arbitraries.of(NASTY_FRAGMENTS)),
                net.jqwik.api.Tuple.of(3, Arbitraries.strings().all().ofMaxLength(12)));
        Arbitrary<String> terminator = Arbitraries.of("\n", "\r\n", "\r", "", " ");
        return Combinators.combine(fragment, terminator)
                .as(String::concat)
                .list()
                .ofMaxSize(12)
                .map(parts -> String.join("", parts));
    }

    @Property(tries = 1000)
    void wrapping_keeps_the_original_verbatim(
            @ForAll("reporterTexts") String original, @ForAll("mentions") String mention) {
        String wrapped = SectionTemplate.wrap(original, mention);
        boolean templated = IncidentDescription.parse(original).isTemplated();
        Statistics.collect(templated ? "templated" : original.isBlank() ? "blank" : "wrapped");
        Statistics.coverage(coverage -> coverage.check("wrapped").percentage(p -> p > 60));
        if (templated) {
            assertThat(wrapped).isSameAs(original);
        } else if (original.isBlank()) {
            assertThat(IncidentDescription.parse(wrapped).originalRequest()).contains(SectionTemplate.EMPTY_ORIGINAL);
        } else {
            assertThat(IncidentDescription.parse(wrapped).originalRequest()).contains(original);
        }
    }

    @Property(tries = 1000)
    void wrapping_twice_is_wrapping_once(
            @ForAll("reporterTexts") String original,
            @ForAll("mentions") String first,
            @ForAll("mentions") String second) {
        String once = SectionTemplate.wrap(original, first);
        assertThat(SectionTemplate.wrap(once, second)).isEqualTo(once);
    }

    @Property(tries = 500)
    void any_string_wraps_verbatim_too(@ForAll String original) {
        if (!original.isBlank() && !IncidentDescription.parse(original).isTemplated()) {
            assertThat(IncidentDescription.parse(SectionTemplate.wrap(original, "[~alice]"))
                            .originalRequest())
                    .contains(original);
        }
    }

    @Property(tries = 1000)
    void parsing_loses_no_byte(@ForAll("reporterTexts") String text) {
        assertThat(IncidentDescription.parse(text).render()).isEqualTo(text);
    }

    @Property(tries = 500)
    void the_wrapped_template_has_every_required_section_empty_until_one_is_filled(
            @ForAll("reporterTexts") String original,
            @ForAll("mentions") String mention,
            @ForAll("required") Section filledIn,
            @ForAll("answers") String answer) {
        if (IncidentDescription.parse(original).isTemplated()) {
            return;
        }
        IncidentDescription wrapped = IncidentDescription.parse(SectionTemplate.wrap(original, mention));
        assertThat(wrapped.emptySections(DescriptionExamples.REQUIRED))
                .containsExactlyInAnyOrderElementsOf(DescriptionExamples.REQUIRED);
        assertThat(wrapped.actions(Section.PREVENTION)).isEmpty();

        List<ParsedSection> edited = new ArrayList<>();
        for (ParsedSection section : wrapped.sections()) {
            edited.add(
                    section.section() != filledIn
                            ? section
                            : new ParsedSection(
                                    section.section(),
                                    section.headingLine(),
                                    section.level(),
                                    section.title(),
                                    answer + "\n\n"));
        }
        IncidentDescription reparsed = IncidentDescription.parse(IncidentDescription.render(edited));
        assertThat(reparsed.isEmpty(filledIn)).isFalse();
        assertThat(reparsed.emptySections(DescriptionExamples.REQUIRED))
                .hasSize(DescriptionExamples.REQUIRED.size() - 1);
        assertThat(reparsed.originalRequest()).isEqualTo(wrapped.originalRequest());
    }

    @Property(tries = 1000)
    void parsing_a_rendered_description_gives_it_back(@ForAll("descriptions") IncidentDescription description) {
        assertThat(IncidentDescription.parse(description.render())).isEqualTo(description);
    }

    @Property(tries = 1000)
    void the_emptiness_regex_and_its_java_evaluation_agree(@ForAll("emptyish") String body) {
        String normalised = SectionText.normalise(body);
        assertThat(SectionText.matchesEmpty(normalised))
                .isEqualTo(java.util.regex.Pattern.compile(SectionText.EMPTY)
                        .matcher(normalised)
                        .matches());
    }

    @Provide
    Arbitrary<String> emptyish() {
        return Arbitraries.of("TBD", "todo", "*", " ", "\n", ".", "tbdx", "N/A", "to", "do", "{color:red}", "?", "1.")
                .list()
                .ofMaxSize(6)
                .map(parts -> String.join("", parts));
    }

    @Provide
    Arbitrary<String> mentions() {
        return Arbitraries.of(MENTIONS);
    }

    @Provide
    Arbitrary<Section> required() {
        return Arbitraries.of(DescriptionExamples.REQUIRED);
    }

    @Provide
    Arbitrary<String> answers() {
        Arbitrary<String> word = Arbitraries.strings()
                .withCharRange('a', 'z')
                .withCharRange('\u0430', '\u044f')
                .ofMinLength(1)
                .ofMaxLength(8)
                .filter(w -> !Set.of("tbd", "todo").contains(w));
        Arbitrary<String> decoration = Arbitraries.of("", "*", "_", "- ", "{color:red}", ".");
        return Combinators.combine(decoration, word.list().ofMinSize(1).ofMaxSize(6))
                .as((d, words) -> d + String.join(" ", words) + ".");
    }

    /** Valid descriptions: distinct sections, nested headings only where the parser keeps them nested. */
    @Provide
    Arbitrary<IncidentDescription> descriptions() {
        Arbitrary<List<Section>> order =
                Arbitraries.of(Section.values()).list().uniqueElements().ofMaxSize(9);
        return order.flatMap(sections -> {
            List<Arbitrary<ParsedSection>> parts = new ArrayList<>();
            int original = sections.indexOf(Section.ORIGINAL_REQUEST);
            Section afterOriginal = original >= 0 && original + 1 < sections.size() ? sections.get(original + 1) : null;
            for (int i = 0; i < sections.size(); i++) {
                Section section = sections.get(i);
                // Repeats of started sections are body text; inside The Original Request so are headings
                // of sections that follow. Not repeated: the section right after The Original Request,
                // whose heading a later repeat would pull into it (the documented limit of the rule).
                List<Section> nestable = new ArrayList<>(sections.subList(0, i + 1));
                if (section == Section.ORIGINAL_REQUEST) {
                    nestable.addAll(sections.subList(i + 1, sections.size()));
                } else if (i > original) {
                    nestable.remove(afterOriginal);
                }
                parts.add(parsedSection(section, nestable, i == sections.size() - 1));
            }
            Arbitrary<List<ParsedSection>> all = parts.isEmpty()
                    ? Arbitraries.just(List.of())
                    : Combinators.combine(parts).as(list -> list);
            return Combinators.combine(text(List.of(), true), all).as(IncidentDescription::new);
        });
    }

    private Arbitrary<ParsedSection> parsedSection(Section section, List<Section> nestable, boolean last) {
        Arbitrary<Boolean> wiki = Arbitraries.of(true, false);
        Arbitrary<Integer> level = Arbitraries.integers().between(1, 6);
        Arbitrary<String> indent = Arbitraries.of("", " ", "  ", "\t");
        Arbitrary<String> title = Combinators.combine(
                        Arbitraries.of(section.names()),
                        Arbitraries.of("as is", "upper", "lower"),
                        Arbitraries.of("%s", "%s:", "*%s*", "%s!"))
                .as((name, casing, decoration) -> decoration.formatted(
                        switch (casing) {
                            case "upper" -> name.toUpperCase(Locale.ROOT);
                            case "lower" -> name.toLowerCase(Locale.ROOT);
                            default -> name;
                        }));
        Arbitrary<String> trailing = Arbitraries.of("", " ", "\t ");
        Arbitrary<String> terminator = Arbitraries.of("\n", "\r\n");
        return Combinators.combine(wiki, level, indent, title, trailing, terminator, text(nestable, !last))
                .as((isWiki, lvl, ind, t, trail, term, body) -> new ParsedSection(
                        section,
                        ind + (isWiki ? "h" + lvl + "." : "#".repeat(lvl)) + " " + t + trail + term,
                        lvl,
                        t,
                        body));
    }

    /** Body text: safe fragments, random text and headings of the nestable sections, one per line. */
    private Arbitrary<String> text(List<Section> nestable, boolean endsWithLineBreak) {
        List<Arbitrary<String>> choices = new ArrayList<>();
        choices.add(Arbitraries.of(SAFE_FRAGMENTS));
        choices.add(Arbitraries.strings()
                .withCharRange('a', 'z')
                .withCharRange('A', 'Z')
                .withCharRange('0', '9')
                .withChars(" .,:;!?()-_*+/|[]~@\u00e9\u00fc\u4e2d\u2014\u00a0")
                .ofMaxLength(20));
        if (!nestable.isEmpty()) {
            choices.add(Combinators.combine(Arbitraries.of(nestable), Arbitraries.of("h3. ", "h2. ", "## "))
                    .as((s, marker) -> marker + s.names().get(s.names().size() - 1)));
        }
        Arbitrary<String> line = Combinators.combine(Arbitraries.oneOf(choices), Arbitraries.of("\n", "\r\n"))
                .as(String::concat);
        return Combinators.combine(line.list().ofMaxSize(8), Arbitraries.of(true, false))
                .as((lines, keepLast) -> {
                    String joined = String.join("", lines);
                    boolean dropLast = !endsWithLineBreak && !keepLast && !joined.isEmpty();
                    return dropLast ? joined.replaceFirst("\r?\n$", "") : joined;
                });
    }
}
