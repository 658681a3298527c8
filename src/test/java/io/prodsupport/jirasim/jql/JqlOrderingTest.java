package io.prodsupport.jirasim.jql;

import static io.prodsupport.jirasim.jql.TestIssue.issue;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class JqlOrderingTest {

    static List<String> sorted(String jql, JqlIssue... issues) {
        return Stream.of(issues)
                .sorted(JqlQuery.parse(jql).ordering())
                .map(JqlIssue::key)
                .toList();
    }

    @Test
    void key_order_is_project_then_number_not_string_order() {
        assertThat(sorted("ORDER BY key ASC", issue("SUP-1"), issue("OPS-10"), issue("OPS-9"), issue("OPS-100")))
                .containsExactly("OPS-9", "OPS-10", "OPS-100", "SUP-1");
        assertThat(sorted("order by key desc", issue("OPS-9"), issue("OPS-10"), issue("SUP-1")))
                .containsExactly("SUP-1", "OPS-10", "OPS-9");
    }

    @Test
    void default_order_is_created_descending_then_key_descending() {
        TestIssue older = issue("OPS-1").dates("2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z");
        TestIssue newer = issue("OPS-2").dates("2026-02-01T00:00:00Z", "2026-02-01T00:00:00Z");
        TestIssue sameTime = issue("OPS-3").dates("2026-02-01T00:00:00Z", "2026-02-01T00:00:00Z");
        assertThat(sorted("project = OPS", older, newer, sameTime)).containsExactly("OPS-3", "OPS-2", "OPS-1");
        assertThat(sorted("", older, newer, sameTime)).containsExactly("OPS-3", "OPS-2", "OPS-1");
        assertThat(JqlQuery.parse("project = OPS").hasOrderBy()).isFalse();
    }

    @Test
    void updated_ascending_breaks_ties_by_key_ascending() {
        TestIssue a = issue("OPS-2").dates("2026-01-01T00:00:00Z", "2026-03-01T00:00:00Z");
        TestIssue b = issue("OPS-1").dates("2026-01-01T00:00:00Z", "2026-03-01T00:00:00Z");
        TestIssue c = issue("OPS-3").dates("2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z");
        assertThat(sorted("project = OPS AND updated >= -15m ORDER BY updated ASC", a, b, c))
                .containsExactly("OPS-3", "OPS-1", "OPS-2");
    }

    @Test
    void multiple_sort_keys_apply_in_order() {
        TestIssue a = issue("OPS-1").status("Open", "new").type("Bug");
        TestIssue b = issue("OPS-2").status("closed", "done").type("Bug");
        TestIssue c = issue("OPS-3").status("Open", "new").type("Incident");
        assertThat(sorted("ORDER BY issuetype DESC, status ASC", a, b, c)).containsExactly("OPS-3", "OPS-2", "OPS-1");
        assertThat(sorted("ORDER BY type, status desc", a, b, c)).containsExactly("OPS-1", "OPS-2", "OPS-3");
    }

    @Test
    void project_sorts_by_name_and_status_category_by_workflow_position() {
        TestIssue ops = issue("OPS-1").status("Closed", "done"); // Operations
        TestIssue sup = issue("SUP-1").status("Working", "indeterminate"); // Support
        TestIssue abc = issue("ABC-1"); // Support too: key breaks the tie
        assertThat(sorted("ORDER BY project", sup, abc, ops)).containsExactly("OPS-1", "ABC-1", "SUP-1");
        assertThat(sorted("ORDER BY statusCategory", ops, sup, abc)).containsExactly("ABC-1", "SUP-1", "OPS-1");
    }

    @Test
    void empty_values_sort_last_ascending_and_first_descending() {
        TestIssue resolved = issue("OPS-1").resolved("Fixed", java.time.Instant.parse("2026-03-01T00:00:00Z"));
        TestIssue open = issue("OPS-2");
        assertThat(sorted("ORDER BY resolutiondate ASC", open, resolved)).containsExactly("OPS-1", "OPS-2");
        assertThat(sorted("ORDER BY resolved DESC", resolved, open)).containsExactly("OPS-2", "OPS-1");
        assertThat(sorted("ORDER BY assignee", issue("OPS-3"), issue("OPS-4").people("bob", "x")))
                .containsExactly("OPS-4", "OPS-3");
    }
}
