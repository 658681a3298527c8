package io.prodsupport.jirasim.jql;

import static io.prodsupport.jirasim.jql.TestIssue.issue;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class JqlQueryTest {

    static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

    static List<String> matching(String jql, JqlIssue... issues) {
        JqlQuery query = JqlQuery.parse(jql);
        return Arrays.stream(issues)
                .filter(i -> query.matches(i, NOW))
                .map(JqlIssue::key)
                .toList();
    }

    // --- the queries prodsupport sends ---

    @Test
    void prodsupport_sweep_query_selects_incidents_and_bugs_of_both_projects() {
        assertThat(matching(
                        "project in (OPS, SUP) AND issuetype in (Incident, Bug) ORDER BY key ASC",
                        issue("OPS-1"),
                        issue("SUP-2").type("Bug"),
                        issue("OPS-3").type("Task"),
                        issue("DEV-4")))
                .containsExactly("OPS-1", "SUP-2");
    }

    @Test
    void prodsupport_recent_updates_query_uses_a_fifteen_minute_window() {
        assertThat(matching(
                        "project = OPS AND updated >= -15m ORDER BY updated ASC",
                        issue("OPS-1").dates("2026-03-01T00:00:00Z", "2026-03-10T11:45:00Z"),
                        issue("OPS-2").dates("2026-03-01T00:00:00Z", "2026-03-10T11:44:59Z"),
                        issue("SUP-3").dates("2026-03-01T00:00:00Z", "2026-03-10T11:59:00Z")))
                .containsExactly("OPS-1");
    }

    @Test
    void prodsupport_done_query_requires_a_resolution() {
        assertThat(matching(
                        "project = OPS AND statusCategory = Done AND resolution is not EMPTY",
                        issue("OPS-1").resolved("Fixed", NOW),
                        issue("OPS-2").status("Closed", "done"),
                        issue("OPS-3")))
                .containsExactly("OPS-1");
    }

    @Test
    void prodsupport_followup_query_matches_label_and_entity_property() {
        String jql = "project = SUP AND labels = prodsupport-followup"
                + " AND issue.property[prodsupport.origin].incidentKey = \"OPS-12\"";
        assertThat(matching(
                        jql,
                        issue("SUP-1")
                                .labels("prodsupport-followup")
                                .property("prodsupport.origin", "{\"incidentKey\":\"OPS-12\"}"),
                        issue("SUP-2")
                                .labels("prodsupport-followup")
                                .property("prodsupport.origin", "{\"incidentKey\":\"OPS-13\"}"),
                        issue("SUP-3").property("prodsupport.origin", "{\"incidentKey\":\"OPS-12\"}"),
                        issue("SUP-4").labels("prodsupport-followup")))
                .containsExactly("SUP-1");
    }

    @Test
    void prodsupport_fix_version_queries_match_by_name_and_by_emptiness() {
        TestIssue inVersion = issue("OPS-1").fixVersions("Production Support", "2.0");
        TestIssue noVersion = issue("OPS-2");
        TestIssue other = issue("OPS-3").fixVersions("2.0");
        assertThat(matching("fixVersion = \"Production Support\"", inVersion, noVersion, other))
                .containsExactly("OPS-1");
        assertThat(matching("fixVersion is EMPTY", inVersion, noVersion, other)).containsExactly("OPS-2");
    }

    // --- project, issuetype, status, statusCategory ---

    @Test
    void project_matches_key_or_name_case_insensitively() {
        assertThat(matching("project = ops", issue("OPS-1"), issue("SUP-1"))).containsExactly("OPS-1");
        assertThat(matching("project = \"Operations\"", issue("OPS-1"), issue("SUP-1")))
                .containsExactly("OPS-1");
        assertThat(matching("project != OPS", issue("OPS-1"), issue("SUP-1"))).containsExactly("SUP-1");
        assertThat(matching("project not in (Support, DEV)", issue("OPS-1"), issue("SUP-1")))
                .containsExactly("OPS-1");
    }

    @Test
    void issuetype_and_its_alias_type_are_case_insensitive() {
        assertThat(matching("type = incident", issue("OPS-1"), issue("OPS-2").type("Bug")))
                .containsExactly("OPS-1");
        assertThat(matching(
                        "ISSUETYPE != Incident", issue("OPS-1"), issue("OPS-2").type("Bug")))
                .containsExactly("OPS-2");
    }

    @Test
    void status_matches_names_case_insensitively() {
        TestIssue progress = issue("OPS-1").status("In Progress", "indeterminate");
        assertThat(matching("status = \"in progress\"", progress, issue("OPS-2")))
                .containsExactly("OPS-1");
        assertThat(matching("status in (Open, Closed)", progress, issue("OPS-2")))
                .containsExactly("OPS-2");
    }

    @Test
    void status_category_accepts_keys_names_and_ids() {
        TestIssue todo = issue("OPS-1");
        TestIssue doing = issue("OPS-2").status("In Progress", "indeterminate");
        TestIssue done = issue("OPS-3").status("Closed", "done");
        assertThat(matching("statusCategory = \"To Do\"", todo, doing, done)).containsExactly("OPS-1");
        assertThat(matching("statusCategory = new", todo, doing, done)).containsExactly("OPS-1");
        assertThat(matching("statusCategory = \"In Progress\"", todo, doing, done))
                .containsExactly("OPS-2");
        assertThat(matching("statusCategory = indeterminate", todo, doing, done))
                .containsExactly("OPS-2");
        assertThat(matching("statusCategory = 3", todo, doing, done)).containsExactly("OPS-3");
        assertThat(matching("statusCategory != Done", todo, doing, done)).containsExactly("OPS-1", "OPS-2");
    }

    // --- key ---

    @Test
    void key_equality_and_lists_use_the_issue_key_and_all_aliases() {
        TestIssue[] issues = {issue("OPS-1"), issue("OPS-2"), issue("OPS-12")};
        assertThat(matching("key = OPS-12", issues)).containsExactly("OPS-12");
        assertThat(matching("issuekey = ops-12", issues)).containsExactly("OPS-12");
        assertThat(matching("id in (OPS-1, OPS-2)", issues)).containsExactly("OPS-1", "OPS-2");
        assertThat(matching("key not in (OPS-1, OPS-2)", issues)).containsExactly("OPS-12");
        assertThat(matching("key != OPS-1", issues)).containsExactly("OPS-2", "OPS-12");
    }

    @Test
    void key_comparison_compares_numbers_within_the_project_only() {
        TestIssue[] issues = {issue("OPS-9"), issue("OPS-10"), issue("OPS-11"), issue("SUP-99")};
        assertThat(matching("key > OPS-10", issues)).containsExactly("OPS-11");
        assertThat(matching("key >= OPS-10", issues)).containsExactly("OPS-10", "OPS-11");
        assertThat(matching("key < OPS-10", issues)).containsExactly("OPS-9");
        assertThat(matching("key <= OPS-10", issues)).containsExactly("OPS-9", "OPS-10");
    }

    // --- labels and fixVersion: multi-valued ---

    @Test
    void labels_equal_means_contains_and_is_case_sensitive() {
        TestIssue both = issue("OPS-1").labels("a", "b");
        TestIssue upper = issue("OPS-2").labels("A");
        assertThat(matching("labels = a", both, upper)).containsExactly("OPS-1");
        assertThat(matching("labels in (b, A)", both, upper)).containsExactly("OPS-1", "OPS-2");
    }

    @Test
    void labels_not_equal_excludes_issues_without_labels() {
        TestIssue tagged = issue("OPS-1").labels("a", "b");
        TestIssue other = issue("OPS-2").labels("c");
        TestIssue none = issue("OPS-3");
        assertThat(matching("labels != a", tagged, other, none)).containsExactly("OPS-2");
        assertThat(matching("labels not in (a, x)", tagged, other, none)).containsExactly("OPS-2");
    }

    @Test
    void not_around_a_clause_does_include_issues_without_labels() {
        assertThat(matching("NOT labels = a", issue("OPS-1").labels("a"), issue("OPS-2")))
                .containsExactly("OPS-2");
    }

    @Test
    void labels_emptiness_operators_and_empty_in_lists() {
        TestIssue tagged = issue("OPS-1").labels("a");
        TestIssue none = issue("OPS-2");
        assertThat(matching("labels is EMPTY", tagged, none)).containsExactly("OPS-2");
        assertThat(matching("labels IS NOT empty", tagged, none)).containsExactly("OPS-1");
        assertThat(matching("labels is null", tagged, none)).containsExactly("OPS-2");
        assertThat(matching("labels is not null", tagged, none)).containsExactly("OPS-1");
        assertThat(matching("labels = EMPTY", tagged, none)).containsExactly("OPS-2");
        assertThat(matching("labels in (EMPTY, a)", tagged, none)).containsExactly("OPS-1", "OPS-2");
    }

    @Test
    void quoted_empty_is_a_value_not_the_keyword() {
        assertThat(matching("labels = \"EMPTY\"", issue("OPS-1").labels("EMPTY"), issue("OPS-2")))
                .containsExactly("OPS-1");
    }

    @Test
    void fix_version_not_equal_excludes_issues_without_versions() {
        assertThat(matching(
                        "fixVersion != \"2.0\"",
                        issue("OPS-1").fixVersions("1.0"),
                        issue("OPS-2"),
                        issue("OPS-3").fixVersions("2.0", "1.0")))
                .containsExactly("OPS-1");
    }

    // --- resolution, assignee, reporter ---

    @Test
    void resolution_unresolved_means_no_resolution() {
        TestIssue open = issue("OPS-1");
        TestIssue fixed = issue("OPS-2").resolved("Fixed", NOW);
        TestIssue dup = issue("OPS-3").resolved("Duplicate", NOW);
        assertThat(matching("resolution = Unresolved", open, fixed, dup)).containsExactly("OPS-1");
        assertThat(matching("resolution is EMPTY", open, fixed, dup)).containsExactly("OPS-1");
        assertThat(matching("resolution != Unresolved", open, fixed, dup)).containsExactly("OPS-2", "OPS-3");
        assertThat(matching("resolution = fixed", open, fixed, dup)).containsExactly("OPS-2");
        assertThat(matching("resolution in (Unresolved, Duplicate)", open, fixed, dup))
                .containsExactly("OPS-1", "OPS-3");
    }

    @Test
    void resolution_not_equal_excludes_unresolved_issues() {
        assertThat(matching(
                        "resolution != Fixed", issue("OPS-1"), issue("OPS-2").resolved("Duplicate", NOW)))
                .containsExactly("OPS-2");
    }

    @Test
    void assignee_not_equal_excludes_unassigned_issues() {
        TestIssue bob = issue("OPS-1").people("bob", "rita");
        TestIssue alice = issue("OPS-2").people("alice", "rita");
        TestIssue nobody = issue("OPS-3");
        assertThat(matching("assignee != bob", bob, alice, nobody)).containsExactly("OPS-2");
        assertThat(matching("assignee = bob", bob, alice, nobody)).containsExactly("OPS-1");
        assertThat(matching("assignee is EMPTY", bob, alice, nobody)).containsExactly("OPS-3");
        assertThat(matching("assignee in (alice, EMPTY)", bob, alice, nobody)).containsExactly("OPS-2", "OPS-3");
    }

    @Test
    void reporter_supports_equality_and_emptiness() {
        TestIssue rita = issue("OPS-1");
        TestIssue anonymous = issue("OPS-2").people(null, null);
        assertThat(matching("reporter = \"rita\"", rita, anonymous)).containsExactly("OPS-1");
        assertThat(matching("reporter is empty", rita, anonymous)).containsExactly("OPS-2");
        assertThat(matching("reporter not in (bob)", rita, anonymous)).containsExactly("OPS-1");
    }

    // --- text ---

    @Test
    void summary_contains_all_words_case_insensitively_in_any_order() {
        TestIssue issue = issue("OPS-1").text("Checkout FAILS for EU customers", null);
        assertThat(matching("summary ~ \"fails checkout\"", issue)).containsExactly("OPS-1");
        assertThat(matching("summary ~ checkout", issue)).containsExactly("OPS-1");
        assertThat(matching("summary ~ \"checkout US\"", issue)).isEmpty();
        assertThat(matching("summary ~ check", issue)).as("whole words only").isEmpty();
        assertThat(matching("summary ~ \"check*\"", issue))
                .as("trailing wildcard")
                .containsExactly("OPS-1");
        assertThat(matching("summary !~ payment", issue)).containsExactly("OPS-1");
    }

    @Test
    void quoted_phrase_must_appear_contiguously() {
        TestIssue issue = issue("OPS-1").text("full screen mode broken", null);
        assertThat(matching("summary ~ \"\\\"full screen\\\"\"", issue)).containsExactly("OPS-1");
        assertThat(matching("summary ~ \"\\\"screen full\\\"\"", issue)).isEmpty();
    }

    @Test
    void description_text_search_and_negation_skip_missing_descriptions() {
        TestIssue described = issue("OPS-1").text("x", "Stack trace attached");
        TestIssue bare = issue("OPS-2");
        assertThat(matching("description ~ trace", described, bare)).containsExactly("OPS-1");
        assertThat(matching("description !~ nothing", described, bare)).containsExactly("OPS-1");
        assertThat(matching("description is EMPTY", described, bare)).containsExactly("OPS-2");
    }

    @Test
    void text_searches_summary_and_description() {
        assertThat(matching(
                        "text ~ \"stack checkout\"",
                        issue("OPS-1").text("Checkout down", "stack trace"),
                        issue("OPS-2").text("Checkout down", null)))
                .containsExactly("OPS-1");
    }

    // --- entity properties ---

    @Test
    void entity_property_paths_arrays_numbers_and_emptiness() {
        TestIssue issue = issue("OPS-1").property("meta", "{\"a\":{\"b\":\"x\"},\"tags\":[\"p\",\"q\"],\"n\":5}");
        TestIssue bare = issue("OPS-2");
        assertThat(matching("issue.property[meta].a.b = x", issue, bare)).containsExactly("OPS-1");
        assertThat(matching("issue.property[meta].a.b = X", issue, bare))
                .as("exact match")
                .isEmpty();
        assertThat(matching("issue.property[meta].tags = q", issue, bare)).containsExactly("OPS-1");
        assertThat(matching("issue.property[meta].n > 4", issue, bare)).containsExactly("OPS-1");
        assertThat(matching("issue.property[meta].n <= 4", issue, bare)).isEmpty();
        assertThat(matching("issue.property[meta].a.b != y", issue, bare)).containsExactly("OPS-1");
        assertThat(matching("issue.property[meta].missing is EMPTY", issue, bare))
                .containsExactly("OPS-1", "OPS-2");
        assertThat(matching("ISSUE.PROPERTY[meta].a.b is not EMPTY", issue, bare))
                .containsExactly("OPS-1");
    }
}
