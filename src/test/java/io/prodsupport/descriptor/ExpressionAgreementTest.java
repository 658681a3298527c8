package io.prodsupport.descriptor;

import static org.assertj.core.api.Assertions.assertThat;

import io.prodsupport.descriptor.JiraExpressionShim.DescriptionShape;
import io.prodsupport.incident.DescriptionExamples;
import io.prodsupport.incident.DescriptionExamples.Example;
import io.prodsupport.incident.IncidentDescription;
import io.prodsupport.incident.Section;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The generated expression, run in Rhino, decides every example exactly as the Java close gate does. */
class ExpressionAgreementTest {

    static final List<Section> REQUIRED = List.copyOf(DescriptionExamples.REQUIRED);
    static final String EXPRESSION = JiraExpressionGenerator.generate(REQUIRED, List.of("OPS"), List.of());

    private final JiraExpressionShim shim = new JiraExpressionShim();

    static Stream<Arguments> examples() {
        List<Arguments> arguments = new ArrayList<>();
        for (Example example : allExamples()) {
            for (DescriptionShape shape : DescriptionShape.values()) {
                arguments.add(Arguments.of(example, shape));
            }
        }
        return arguments.stream();
    }

    static List<Example> allExamples() {
        List<Example> all = new ArrayList<>(DescriptionExamples.all());
        all.addAll(MoreDescriptionExamples.all());
        return all;
    }

    @Test
    void an_issue_outside_the_incident_projects_or_types_always_passes() {
        String untouched = DescriptionExamples.all().get(0).description();
        String typed = JiraExpressionGenerator.generate(REQUIRED, List.of("OPS"), List.of("Incident"));

        assertThat(shim.evaluate(EXPRESSION, untouched, DescriptionShape.RICH_TEXT, "WEB", "Bug")).isEqualTo(true);
        assertThat(shim.evaluate(typed, untouched, DescriptionShape.RICH_TEXT, "OPS", "Task")).isEqualTo(true);
        assertThat(shim.evaluate(typed, untouched, DescriptionShape.RICH_TEXT, "OPS", "incident"))
                .isEqualTo("Fill in before closing: Symptoms, Root Cause(s), Fixes for the Root Cause");
    }

    @Test
    void an_empty_description_blocks_with_every_required_section() {
        assertThat(shim.evaluate(EXPRESSION, null, DescriptionShape.STRING, "OPS", "Incident"))
                .isEqualTo("Fill in before closing: Symptoms, Root Cause(s), Fixes for the Root Cause");
    }

    @Test
    void the_configured_required_sections_change_the_expression_and_its_verdict() {
        String filledButNoWhys = DescriptionExamples.all().get(3).description();
        String whys = JiraExpressionGenerator.generate(List.of(Section.WHYS, Section.NEXT_ACTIONS), List.of("OPS"),
                List.of());

        assertThat(whys).isNotEqualTo(EXPRESSION);
        assertThat(shim.evaluate(EXPRESSION, filledButNoWhys, DescriptionShape.RICH_TEXT, "OPS", "Incident"))
                .isEqualTo(true);
        assertThat(shim.evaluate(whys, filledButNoWhys, DescriptionShape.RICH_TEXT, "OPS", "Incident"))
                .isEqualTo("Fill in before closing: Next Actions, Whys");
    }

    @Test
    void there_are_at_least_thirty_examples() {
        assertThat(allExamples()).hasSizeGreaterThanOrEqualTo(30);
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("examples")
    void the_expression_blocks_exactly_when_the_java_gate_does_and_names_the_same_sections(Example example,
                                                                                        DescriptionShape shape) {
        List<Section> javaEmpty = IncidentDescription.parse(example.description()).emptySections(REQUIRED);

        Object verdict = shim.evaluate(EXPRESSION, example.description(), shape, "OPS", "Incident");

        if (javaEmpty.isEmpty()) {
            assertThat(verdict).isEqualTo(Boolean.TRUE);
        } else {
            assertThat(verdict).isEqualTo("Fill in before closing: "
                    + javaEmpty.stream().map(Section::title).collect(Collectors.joining(", ")));
        }
    }

    @Test
    void the_expression_stays_within_its_length_budget() {
        assertThat(EXPRESSION.length()).isLessThanOrEqualTo(JiraExpressionGenerator.LENGTH_BUDGET);
    }
}
