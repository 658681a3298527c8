package io.prodsupport.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.prodsupport.testing.TestData;
import io.prodsupport.webhook.JiraEventParser.MalformedEventException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Parses the webhook payloads captured from real Jira sites (test-data/webhook-payloads, see PROVENANCE.md). */
class JiraEventParserTest {

    private final JiraEventParser parser = new JiraEventParser(new ObjectMapper());

    private JiraEvent captured(String name) {
        return parser.parse(TestData.bytes("webhook-payloads/" + name));
    }

    @Test
    void cloud_issue_created_names_the_issue_and_the_actor_by_account_id() {
        JiraEvent e = captured("mattermost-plugin-jira/webhook-issue-created.json");

        assertThat(e.isIssueCreated()).isTrue();
        assertThat(e.issueEventTypeName()).contains("issue_created");
        assertThat(e.issueKey()).contains("TES-41");
        assertThat(e.projectKey()).contains("TES");
        assertThat(e.timestamp()).isEqualTo(Instant.ofEpochMilli(1550286113023L));
        assertThat(e.actor())
                .get()
                .extracting(JiraEvent.EventUser::accountId)
                .asString()
                .isNotEmpty();
    }

    @Test
    void cloud_resolution_shows_the_status_change_by_field_id() {
        JiraEvent e = captured("mattermost-plugin-jira/webhook-issue-updated-resolved.json");

        assertThat(e.isIssueUpdated()).isTrue();
        assertThat(e.change("status")).get().satisfies(c -> {
            assertThat(c.fromText()).isEqualTo("In Progress");
            assertThat(c.toText()).isEqualTo("Done");
        });
        assertThat(e.change("resolution")).isPresent();
        assertThat(e.changelogId()).isPresent();
        assertThat(e.statusCategoryKey()).contains("done");
        assertThat(e.movedToDone()).isTrue();
    }

    @Test
    void starting_work_is_not_a_move_to_done() {
        JiraEvent e = captured("mattermost-plugin-jira/webhook-issue-updated-started-working.json");

        assertThat(e.change("status")).isPresent();
        assertThat(e.movedToDone()).isFalse();
    }

    @Test
    void fix_version_change_is_matched_on_field_id_not_display_name() {
        JiraEvent e = captured("mattermost-plugin-jira/webhook-issue-updated-fix-version.json");

        assertThat(e.change("fixVersions"))
                .get()
                .extracting(JiraEvent.Change::field)
                .isEqualTo("Fix Version");
    }

    @Test
    void data_center_users_are_named_by_username_and_changes_without_field_id_still_match() {
        JiraEvent e = captured("mattermost-plugin-jira/webhook-server-issue-updated-resolved.json");

        assertThat(e.actor()).get().satisfies(u -> {
            assertThat(u.accountId()).isEmpty();
            assertThat(u.name()).contains("admin");
            assertThat(u.ref()).isEqualTo("admin");
        });
        assertThat(e.change("status"))
                .get()
                .extracting(JiraEvent.Change::toText)
                .isEqualTo("Resolved");
        assertThat(e.change("resolution")).isPresent();
    }

    @Test
    void data_center_comment_created_has_no_issue_but_its_id_comes_from_the_comment_url() {
        JiraEvent e = captured("mattermost-plugin-jira/webhook-server-comment-created.json");

        assertThat(e.webhookEvent()).isEqualTo("comment_created");
        assertThat(e.issueKey()).isEmpty();
        assertThat(e.issueId()).contains("10013");
        assertThat(e.actor()).isEmpty();
    }

    @Test
    void a_data_center_comment_was_caused_by_its_author_and_is_ordered_by_issue_id() {
        JiraEvent e = captured("mattermost-plugin-jira/webhook-server-comment-created.json");

        assertThat(e.causedBy()).get().extracting(JiraEvent.EventUser::ref).isEqualTo("levbrouk");
        assertThat(e.orderingKey()).contains("id:10013");
    }

    @Test
    void an_issue_event_was_caused_by_its_user_and_is_ordered_by_issue_key() {
        JiraEvent e = captured("mattermost-plugin-jira/webhook-issue-created.json");

        assertThat(e.causedBy()).isEqualTo(e.actor());
        assertThat(e.orderingKey()).contains("TES-41");
    }

    @Test
    void cloud_comment_created_carries_a_partial_issue() {
        JiraEvent e = captured("jenkinsci-jira-trigger-plugin/cloud_comment_added.json");

        assertThat(e.issueKey()).contains("TEST-24");
        assertThat(e.issueId()).contains("10023");
    }

    @Test
    void old_server_payloads_without_event_type_name_parse() {
        JiraEvent e = captured("jenkinsci-jira-trigger-plugin/issue_updated_status_updated.json");

        assertThat(e.issueEventTypeName()).isEmpty();
        assertThat(e.change("status")).isPresent();
        assertThat(e.actor()).get().extracting(JiraEvent.EventUser::ref).isNotEqualTo("");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "jenkinsci-jira-trigger-plugin/cloud_comment_added.json",
                "jenkinsci-jira-trigger-plugin/issue_created.json",
                "jenkinsci-jira-trigger-plugin/issue_updated_status_updated.json",
                "jenkinsci-jira-trigger-plugin/issue_updated_with_comment.json",
                "jenkinsci-jira-trigger-plugin/updateStatus.json",
                "mattermost-plugin-jira/webhook-cloud-comment-created.json",
                "mattermost-plugin-jira/webhook-cloud-issue-created-many-fields.json",
                "mattermost-plugin-jira/webhook-issue-created.json",
                "mattermost-plugin-jira/webhook-issue-deleted.json",
                "mattermost-plugin-jira/webhook-issue-updated-fix-version.json",
                "mattermost-plugin-jira/webhook-issue-updated-resolved.json",
                "mattermost-plugin-jira/webhook-issue-updated-started-working.json",
                "mattermost-plugin-jira/webhook-server-comment-created.json",
                "mattermost-plugin-jira/webhook-server-issue-updated-commented-2.json",
                "mattermost-plugin-jira/webhook-server-issue-updated-in-progress.json",
                "mattermost-plugin-jira/webhook-server-issue-updated-resolved.json",
                "mattermost-plugin-jira/webhook-server-old-issue-updated-no-event-type-edited.json"
            })
    void every_captured_payload_parses_with_an_issue_to_look_at(String name) {
        JiraEvent e = captured(name);

        assertThat(e.webhookEvent()).isNotBlank();
        assertThat(e.issueKey().or(e::issueId)).isPresent();
    }

    @Test
    void a_body_that_is_not_json_is_rejected_with_one_line() {
        assertThatThrownBy(() -> parser.parse("{nope".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageStartingWith("body is not JSON")
                .hasMessageNotContaining("\n");
    }

    @Test
    void json_that_is_not_a_jira_event_is_rejected() {
        assertThatThrownBy(() -> parser.parse("{\"hello\":1}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedEventException.class)
                .hasMessage("not a Jira event: no \"webhookEvent\"");
        assertThatThrownBy(() -> parser.parse("[1,2]".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("body is not a JSON object");
        assertThatThrownBy(() -> parser.parse(
                        "{\"webhookEvent\":\"jira:issue_updated\",\"issue\":{}}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("without issue.key");
    }
}
