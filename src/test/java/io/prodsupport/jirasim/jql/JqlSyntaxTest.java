package io.prodsupport.jirasim.jql;

import static io.prodsupport.jirasim.jql.JqlQueryTest.NOW;
import static io.prodsupport.jirasim.jql.JqlQueryTest.matching;
import static io.prodsupport.jirasim.jql.TestIssue.issue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.NotBlank;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JqlSyntaxTest {

    private static final TestIssue A = issue("OPS-1").labels("a");
    private static final TestIssue B = issue("OPS-2").labels("b");
    private static final TestIssue C = issue("SUP-3").labels("a", "b");

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "ORDER BY key", "order by created desc"})
    void blank_query_or_only_order_by_matches_everything(String jql) {
        assertThat(matching(jql, A, B, C)).containsExactly("OPS-1", "OPS-2", "SUP-3");
    }

    @Test
    void and_binds_tighter_than_or() {
        assertThat(matching("labels = b OR labels = a AND project = SUP", A, B, C))
                .containsExactly("OPS-2", "SUP-3");
        assertThat(matching("project = SUP AND labels = a OR labels = b", A, B, C))
                .containsExactly("OPS-2", "SUP-3");
    }

    @Test
    void parentheses_override_precedence() {
        assertThat(matching("(labels = b OR labels = a) AND project = SUP", A, B, C))
                .containsExactly("SUP-3");
        assertThat(matching("((labels = a))", A, B, C)).containsExactly("OPS-1", "SUP-3");
    }

    @Test
    void not_applies_to_the_next_clause_or_group() {
        assertThat(matching("NOT labels = a AND project = OPS", A, B, C)).containsExactly("OPS-2");
        assertThat(matching("NOT (labels = a AND project = OPS)", A, B, C)).containsExactly("OPS-2", "SUP-3");
        assertThat(matching("not not labels = a", A, B, C)).containsExactly("OPS-1", "SUP-3");
    }

    @Test
    void symbolic_boolean_operators_are_accepted() {
        assertThat(matching("labels = a && project = SUP || labels = b && !project = SUP", A, B, C))
                .containsExactly("OPS-2", "SUP-3");
    }

    @Test
    void keywords_field_names_and_functions_are_case_insensitive() {
        assertThat(matching("PROJECT In (ops) and LABELS is Not Empty Order By KEY desc", A, B, C))
                .containsExactly("OPS-1", "OPS-2");
        assertThat(matching("fixversion IS empty AND Created < NOW()", A)).containsExactly("OPS-1");
    }

    @Test
    void quoted_values_support_single_quotes_and_escapes() {
        TestIssue odd = issue("OPS-1").labels("it's", "say\"hi\"", "back\\slash");
        assertThat(matching("labels = 'it\\'s'", odd)).containsExactly("OPS-1");
        assertThat(matching("labels = \"it's\"", odd)).containsExactly("OPS-1");
        assertThat(matching("labels = \"say\\\"hi\\\"\"", odd)).containsExactly("OPS-1");
        assertThat(matching("labels = 'back\\\\slash'", odd)).containsExactly("OPS-1");
        assertThat(matching("labels = \"\\u0061\"", A)).containsExactly("OPS-1");
    }

    @Test
    void operators_need_no_surrounding_spaces() {
        assertThat(matching("project=OPS&&labels!=b", A, B, C)).containsExactly("OPS-1");
        assertThat(matching("key>=OPS-2", A, B, C)).containsExactly("OPS-2");
    }

    @Test
    void numbers_are_plain_values() {
        assertThat(matching("labels = 2026", issue("OPS-1").labels("2026"), A)).containsExactly("OPS-1");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "project foo = x | Error in the JQL Query: Expecting operator but got 'foo'. (line 1, character 9)",
                "project | Error in the JQL Query: Expecting operator before the end of the query.",
                "project = | Error in the JQL Query: Expecting either a value, list or function before the end of the query.",
                "project = OPS foo | Error in the JQL Query: Expecting either 'OR' or 'AND' but got 'foo'. (line 1, character 15)",
                "summary ~ \"abc | Error in the JQL Query: The quoted string 'abc' has not been completed. (line 1, character 11)",
                "(project = OPS | Error in the JQL Query: Expecting ')' before the end of the query.",
                "project in (OPS, SUP | Error in the JQL Query: Expecting ')' before the end of the query.",
                "project = OPS) | Error in the JQL Query: Expecting either 'OR' or 'AND' but got ')'. (line 1, character 14)",
                "project = OPS AND | Error in the JQL Query: Expecting a field name before the end of the query.",
                "colour = red | Field 'colour' does not exist or you do not have permission to view it.",
                "project = OPS ORDER key | Error in the JQL Query: Expecting 'BY' but got 'key'. (line 1, character 21)",
                "ORDER BY colour | Field 'colour' does not exist or you do not have permission to view it.",
                "ORDER BY labels | Field 'labels' does not support sorting.",
                "ORDER BY key, key | The sort field 'key' is referenced multiple times in the JQL sort.",
                "labels = and | Error in the JQL Query: 'and' is a reserved JQL word. You must surround it in quotation marks to use it in a query. (line 1, character 10)",
                "summary = x | The operator '=' is not supported by the 'summary' field.",
                "project ~ x | The operator '~' is not supported by the 'project' field.",
                "labels > x | The operator '>' is not supported by the 'labels' field.",
                "text !~ x | The operator '!~' is not supported by the 'text' field.",
                "project is EMPTY | The field 'project' does not support searching for EMPTY values.",
                "status is OPS | The operator 'is' only supports the 'EMPTY' or 'null' values for field 'status'.",
                "project in OPS | The operator 'in' only supports list values for field 'project'.",
                "project = (OPS, SUP) | The operator '=' does not support list values for field 'project'.",
                "key = foo | The issue key 'foo' for field 'key' is invalid.",
                "statusCategory = Doing | The value 'Doing' does not exist for the field 'statusCategory'.",
            })
    void errors_carry_jira_like_messages(String jql, String message) {
        assertThatThrownBy(() -> JqlQuery.parse(jql))
                .isInstanceOf(JqlException.class)
                .hasMessage(message);
    }

    @Test
    void error_positions_count_lines_and_characters() {
        assertThatThrownBy(() -> JqlQuery.parse("project = OPS\nAND status foo"))
                .hasMessage("Error in the JQL Query: Expecting operator but got 'foo'. (line 2, character 12)");
    }

    @Test
    void illegal_escape_is_rejected() {
        assertThatThrownBy(() -> JqlQuery.parse("labels = \"a\\qb\""))
                .isInstanceOf(JqlException.class)
                .hasMessageStartingWith("Error in the JQL Query: '\\q' is an illegal JQL escape sequence.");
    }

    @Test
    void numeric_issue_ids_are_refused_rather_than_silently_matching_nothing() {
        assertThatThrownBy(() -> JqlQuery.parse("id = 10001"))
                .isInstanceOf(JqlException.class)
                .hasMessageContaining("issue id '10001'");
    }

    @Test
    void null_query_is_treated_as_blank() {
        assertThat(JqlQuery.parse(null).matches(A, NOW)).isTrue();
    }

    @Property(tries = 300)
    void arbitrary_input_either_parses_or_fails_with_jql_exception(@ForAll String jql) {
        try {
            JqlQuery.parse(jql).matches(A, NOW);
        } catch (JqlException expected) {
            // the only acceptable failure
        }
    }

    @Property(tries = 200)
    void arbitrary_quoted_label_round_trips_through_escaping(@ForAll @NotBlank String label) {
        String escaped = label.replace("\\", "\\\\").replace("\"", "\\\"");
        TestIssue issue = issue("OPS-1").labels(label);
        assertThat(JqlQuery.parse("labels = \"" + escaped + "\"").matches(issue, NOW))
                .isTrue();
    }
}
