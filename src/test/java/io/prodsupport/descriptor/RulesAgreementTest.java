package io.prodsupport.descriptor;

import static org.assertj.core.api.Assertions.assertThat;

import io.prodsupport.incident.DescriptionExamples;
import io.prodsupport.incident.DescriptionExamples.Example;
import io.prodsupport.incident.IncidentDescription;
import io.prodsupport.incident.IncidentScope;
import io.prodsupport.incident.Section;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The generated rules.js, run in Rhino, decides every description exactly as the Java close gate does. */
class RulesAgreementTest {

    static final List<Section> REQUIRED = List.copyOf(DescriptionExamples.REQUIRED);
    static final List<Section> EVERY_SECTION = List.of(Section.values());

    private static final RhinoScripts DEFAULT_RULES = rules(REQUIRED, List.of("OPS"), List.of(), Optional.empty());
    private static final RhinoScripts ALL_REQUIRED = rules(EVERY_SECTION, List.of("OPS"), List.of(), Optional.empty());

    static RhinoScripts rules(
            List<Section> required, List<String> projects, List<String> types, Optional<String> label) {
        return new RhinoScripts(RulesModule.generate(required, new IncidentScope(projects, types, label)));
    }

    static List<Example> allExamples() {
        List<Example> all = new ArrayList<>(DescriptionExamples.all());
        all.addAll(MoreDescriptionExamples.all());
        return all;
    }

    /** What the Java gate names, as closeGateVerdict answers it: null when nothing is missing. */
    static List<String> javaVerdict(String description, List<Section> required) {
        List<Section> empty = IncidentDescription.parse(description).emptySections(required);
        return empty.isEmpty() ? null : empty.stream().map(Section::title).toList();
    }

    @Test
    void there_are_more_than_fifty_examples() {
        assertThat(allExamples()).hasSizeGreaterThan(50);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.prodsupport.descriptor.MoreDescriptionExamples#all")
    void the_java_gate_finds_the_empty_sections_each_extra_example_expects(Example example) {
        assertThat(IncidentDescription.parse(example.description()).emptySections(REQUIRED))
                .containsExactlyElementsOf(example.expectedEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allExamples")
    void the_rules_name_the_same_missing_sections_as_the_java_gate(Example example) {
        assertThat(DEFAULT_RULES.call("closeGateVerdict", example.description(), "OPS", "Incident", null))
                .isEqualTo(javaVerdict(example.description(), REQUIRED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allExamples")
    void with_every_section_required_the_rules_still_agree_with_the_java_gate(Example example) {
        assertThat(ALL_REQUIRED.call("closeGateVerdict", example.description(), "OPS", "Incident", null))
                .isEqualTo(javaVerdict(example.description(), EVERY_SECTION));
    }

    @Property(tries = 3000)
    void on_descriptions_built_from_tricky_fragments_the_rules_agree_with_the_java_gate(
            @ForAll("descriptions") String description) {
        assertThat(ALL_REQUIRED.call("closeGateVerdict", description, "OPS", "Incident", null))
                .isEqualTo(javaVerdict(description, EVERY_SECTION));
    }

    @Provide
    Arbitrary<String> descriptions() {
        List<String> fragments = new ArrayList<>(List.of(
                "\n",
                "\n",
                "\n",
                "\r\n",
                "\r",
                " ",
                "\t",
                "TBD",
                "tbd.",
                "TODO",
                "?",
                "N/A",
                "the",
                "and",
                "text",
                "Disk full",
                "* ",
                "** ",
                "- ",
                "# ",
                "## ",
                "1. ",
                "h2. ",
                "h7. ",
                "h2.",
                "#######",
                " #",
                "{code}",
                "{code:java}",
                "{CODE}",
                "{noformat}",
                "{code:title=a}b}",
                "```",
                "```js",
                "[~alice]",
                "[pm|http://x]",
                "{color:red}",
                "{color}",
                "\u001c",
                "\u1680",
                "\u2028",
                "\u0085",
                "\u00a0",
                "\ufeff",
                "é",
                "Ω",
                "_",
                "*",
                "||a||b||",
                "|c|d|",
                "h3. Steps",
                "h2. Scope / Impact",
                "h2. constructor",
                "# __proto__"));
        for (Section section : Section.values()) {
            for (String name : section.names()) {
                fragments.add("\nh2. " + name + "\n");
            }
            fragments.add("\n## " + section.title() + " ##\n");
            fragments.add("\n  h4. *" + section.title().toUpperCase() + ":*\n");
            fragments.add(section.placeholder());
        }
        return Arbitraries.of(fragments).list().ofMaxSize(40).map(parts -> String.join("", parts));
    }

    @Test
    void an_empty_description_misses_every_required_section() {
        assertThat(DEFAULT_RULES.call("closeGateVerdict", null, "OPS", "Incident", null))
                .isEqualTo(List.of("Symptoms", "Root Cause(s)", "Fixes for the Root Cause"))
                .isEqualTo(javaVerdict(null, REQUIRED));
    }

    @Test
    void an_issue_outside_the_incident_projects_types_or_label_always_passes() {
        String untouched = DescriptionExamples.all().get(0).description();
        RhinoScripts scoped = rules(REQUIRED, List.of("OPS", "sup"), List.of("Incident"), Optional.of("prod"));

        assertThat(DEFAULT_RULES.call("closeGateVerdict", untouched, "WEB", "Bug", null))
                .isNull();
        assertThat(DEFAULT_RULES.call("closeGateVerdict", untouched, null, "Bug", null))
                .isNull();
        assertThat(scoped.call("closeGateVerdict", untouched, "OPS", "Task", List.of("prod")))
                .isNull();
        assertThat(scoped.call("closeGateVerdict", untouched, "OPS", "incident", List.of("other")))
                .isNull();
        assertThat(scoped.call("closeGateVerdict", untouched, "Sup", "INCIDENT", List.of("x", "prod")))
                .isEqualTo(List.of("Symptoms", "Root Cause(s)", "Fixes for the Root Cause"));
    }

    @Test
    void the_configured_required_sections_change_the_verdict() {
        String filledButNoWhys = DescriptionExamples.all().get(3).description();
        RhinoScripts whys =
                rules(List.of(Section.NEXT_ACTIONS, Section.WHYS), List.of("OPS"), List.of(), Optional.empty());

        assertThat(DEFAULT_RULES.call("closeGateVerdict", filledButNoWhys, "OPS", "Incident", null))
                .isNull();
        assertThat(whys.call("closeGateVerdict", filledButNoWhys, "OPS", "Incident", null))
                .isEqualTo(List.of("Next Actions", "Whys"));
    }

    @Test
    void the_rules_strip_exactly_what_java_strip_removes_for_every_character() {
        List<Character> disagreeing = new ArrayList<>();
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            String text = c + "x" + c;
            if (!String.valueOf(DEFAULT_RULES.call("javaStrip", text)).equals(text.strip())) {
                disagreeing.add(c);
            }
        }
        assertThat(disagreeing).isEmpty();
    }

    @Test
    void the_rules_normalise_every_character_as_the_java_rewrites_do() {
        // Each character between two words, e.g. "tbd\u1680tbd": the \s and punctuation classes must agree.
        List<Character> disagreeing = new ArrayList<>();
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            if (Character.isSurrogate(c)) {
                continue;
            }
            String text = "tbd" + c + "todo";
            if (!String.valueOf(DEFAULT_RULES.call("normalise", text))
                    .equals(io.prodsupport.incident.SectionText.normalise(text))) {
                disagreeing.add(c);
            }
        }
        assertThat(disagreeing).isEmpty();
    }
}
