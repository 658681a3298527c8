package io.prodsupport.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DescriptionExamplesTest {

    static Stream<DescriptionExamples.Example> examples() {
        return DescriptionExamples.all().stream();
    }

    @Test
    void there_are_at_least_thirty_examples_with_unique_names() {
        assertThat(DescriptionExamples.all())
                .hasSizeGreaterThanOrEqualTo(30)
                .extracting(DescriptionExamples.Example::name)
                .doesNotHaveDuplicates();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void the_gate_finds_the_expected_empty_sections(DescriptionExamples.Example example) {
        IncidentDescription parsed = IncidentDescription.parse(example.description());
        assertThat(parsed.emptySections(DescriptionExamples.REQUIRED))
                .containsExactlyInAnyOrderElementsOf(example.expectedEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void every_example_is_templated_and_renders_back_byte_for_byte(DescriptionExamples.Example example) {
        IncidentDescription parsed = IncidentDescription.parse(example.description());
        assertThat(parsed.isTemplated()).isTrue();
        assertThat(parsed.render()).isEqualTo(example.description());
        assertThat(SectionTemplate.wrap(example.description(), null)).isSameAs(example.description());
    }
}
