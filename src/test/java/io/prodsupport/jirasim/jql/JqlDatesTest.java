package io.prodsupport.jirasim.jql;

import static io.prodsupport.jirasim.jql.JqlQueryTest.NOW;
import static io.prodsupport.jirasim.jql.JqlQueryTest.matching;
import static io.prodsupport.jirasim.jql.TestIssue.issue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JqlDatesTest {

    /** Created at the given instant; NOW is 2026-03-10T12:00:00Z. */
    static TestIssue createdAt(String key, String instant) {
        return issue(key).dates(instant, instant);
    }

    @ParameterizedTest(name = "{0} resolves to {1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "-15m          | 2026-03-10T11:45:00Z",
                "\"-2h\"       | 2026-03-10T10:00:00Z",
                "-1d           | 2026-03-09T12:00:00Z",
                "-1w           | 2026-03-03T12:00:00Z",
                "+1d           | 2026-03-11T12:00:00Z",
                "-1w2d         | 2026-03-01T12:00:00Z",
                "'-1w 2d'      | 2026-03-01T12:00:00Z",
                "\"4w 2d\"     | 2026-04-09T12:00:00Z",
                "\"2026-01-05\" | 2026-01-05T00:00:00Z",
                "2026-01-05    | 2026-01-05T00:00:00Z",
                "\"2026-01-05 09:00\" | 2026-01-05T09:00:00Z",
                "\"2026/01/05\" | 2026-01-05T00:00:00Z",
                "'2026/1/5 9:30' | 2026-01-05T09:30:00Z",
                "now()         | 2026-03-10T12:00:00Z",
                "startOfDay()  | 2026-03-10T00:00:00Z",
                "startOfDay(-1) | 2026-03-09T00:00:00Z",
                "endOfDay()    | 2026-03-10T23:59:59.999Z",
                "1767571200000 | 2026-01-05T00:00:00Z",
            })
    void date_values_resolve_in_utc_against_a_fixed_now(String value, String expected) {
        Instant at = Instant.parse(expected);
        TestIssue exact = createdAt("OPS-1", expected);
        TestIssue before = createdAt("OPS-2", at.minusSeconds(60).toString());
        TestIssue after = createdAt("OPS-3", at.plusSeconds(60).toString());
        assertThat(matching("created >= " + value, exact, before, after)).containsExactly("OPS-1", "OPS-3");
        assertThat(matching("created > " + value, exact, before, after)).containsExactly("OPS-3");
        assertThat(matching("created <= " + value, exact, before, after)).containsExactly("OPS-1", "OPS-2");
        assertThat(matching("created < " + value, exact, before, after)).containsExactly("OPS-2");
    }

    @Test
    void date_equality_works_at_minute_resolution() {
        TestIssue issue = createdAt("OPS-1", "2026-01-05T09:00:42Z");
        assertThat(matching("created = \"2026-01-05 09:00\"", issue)).containsExactly("OPS-1");
        assertThat(matching("created != \"2026-01-05 09:00\"", issue)).isEmpty();
        assertThat(matching("created in (\"2026-01-04\", \"2026-01-05 09:00\")", issue))
                .containsExactly("OPS-1");
    }

    @Test
    void updated_and_its_alias_use_the_updated_timestamp() {
        TestIssue issue = issue("OPS-1").dates("2026-01-01T00:00:00Z", "2026-03-10T11:59:00Z");
        assertThat(matching("updated > -1h", issue)).containsExactly("OPS-1");
        assertThat(matching("updatedDate > -1h", issue)).containsExactly("OPS-1");
        assertThat(matching("created > -1h", issue)).isEmpty();
    }

    @Test
    void resolution_date_and_resolved_alias_treat_unresolved_as_empty() {
        TestIssue resolved = issue("OPS-1").resolved("Fixed", Instant.parse("2026-03-10T08:00:00Z"));
        TestIssue open = issue("OPS-2");
        assertThat(matching("resolutiondate >= startOfDay()", resolved, open)).containsExactly("OPS-1");
        assertThat(matching("resolved < now()", resolved, open)).containsExactly("OPS-1");
        assertThat(matching("resolved is EMPTY", resolved, open)).containsExactly("OPS-2");
        assertThat(matching("resolutiondate != \"2020-01-01\"", resolved, open)).containsExactly("OPS-1");
    }

    @Test
    void relative_dates_follow_the_now_passed_to_matches() {
        JqlQuery query = JqlQuery.parse("updated >= -15m");
        TestIssue issue = issue("OPS-1").dates("2026-03-10T11:50:00Z", "2026-03-10T11:50:00Z");
        assertThat(query.matches(issue, NOW)).isTrue();
        assertThat(query.matches(issue, NOW.plusSeconds(600))).isFalse();
    }

    @Test
    void bad_date_is_rejected_with_jiras_message() {
        assertThatThrownBy(() -> JqlQuery.parse("created > yesterday"))
                .isInstanceOf(JqlException.class)
                .hasMessageStartingWith(
                        "Date value 'yesterday' for field 'created' is invalid. Valid formats include:");
        assertThatThrownBy(() -> JqlQuery.parse("updated > \"2026-02-30\""))
                .hasMessageStartingWith("Date value '2026-02-30' for field 'updated' is invalid.");
        assertThatThrownBy(() -> JqlQuery.parse("created > -1y")).hasMessageContaining("is invalid");
    }

    @Test
    void date_functions_are_only_for_date_fields() {
        assertThatThrownBy(() -> JqlQuery.parse("status = now()"))
                .hasMessage("The function 'now' is not supported by the 'status' field.");
        assertThatThrownBy(() -> JqlQuery.parse("created > startOfMonth()"))
                .hasMessage("Unable to find JQL function 'startOfMonth()'.");
        assertThatThrownBy(() -> JqlQuery.parse("assignee = currentUser()"))
                .hasMessage("Unable to find JQL function 'currentUser()'.");
        assertThatThrownBy(() -> JqlQuery.parse("created > now(1)")).isInstanceOf(JqlException.class);
    }
}
