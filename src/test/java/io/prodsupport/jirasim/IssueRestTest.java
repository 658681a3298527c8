package io.prodsupport.jirasim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class IssueRestTest {
    @RegisterExtension
    JiraSimulatorExtension ext = JiraSimulatorExtension.cloud();

    JiraSimulator sim;
    SimUser bot;
    SimUser alice;
    SimUser carol;
    SimHttp http;

    @BeforeEach
    void site() {
        sim = ext.sim();
        bot = sim.addUser("prodsupport-bot", "Bot", "bot@example.com", true);
        alice = sim.addUser("alice", "Alice", "alice@example.com", false);
        carol = sim.addUser("carol", "Carol", "carol@example.com", false);
        sim.addProject("OPS", "Operations", alice);
        http = new SimHttp(sim, bot);
    }

    @Test
    void cloud_accepts_basic_email_and_api_token_and_refuses_anything_else() throws Exception {
        assertThat(http.get("/rest/api/2/myself").json().path("accountId").asText())
                .isEqualTo(bot.accountId());
        assertThat(new SimHttp(sim, null).get("/rest/api/2/myself").status()).isEqualTo(401);
        SimUser impostor = new SimUser("x", "X", bot.email(), false, "1", "wrong-token", null);
        assertThat(new SimHttp(sim, impostor).get("/rest/api/2/myself").status())
                .isEqualTo(401);
        assertThat(http.get("/rest/api/2/serverInfo")
                        .json()
                        .path("deploymentType")
                        .asText())
                .isEqualTo("Cloud");
    }

    @Test
    void an_issue_created_over_rest_reads_back_with_cloud_users_and_its_properties() throws Exception {
        var created = http.post("/rest/api/2/issue", """
        {"fields":{"project":{"key":"OPS"},"issuetype":{"name":"Task"},"summary":"Follow up",
          "description":"do it","labels":["prevention"],"assignee":{"accountId":"%s"}},
         "properties":[{"key":"prodsupport.origin","value":{"incident":"OPS-1","action":"a1"}}]}
        """.formatted(alice.accountId()));
        assertThat(created.status()).isEqualTo(201);
        String key = created.json().path("key").asText();
        assertThat(key).isEqualTo("OPS-1");

        JsonNode issue = http.get("/rest/api/2/issue/" + key + "?properties=prodsupport.origin")
                .json();
        assertThat(issue.at("/fields/summary").asText()).isEqualTo("Follow up");
        assertThat(issue.at("/fields/assignee/accountId").asText()).isEqualTo(alice.accountId());
        assertThat(issue.at("/fields/assignee/accountType").asText()).isEqualTo("atlassian");
        assertThat(issue.at("/fields/assignee").has("name")).isFalse();
        assertThat(issue.at("/fields/status/statusCategory/key").asText()).isEqualTo("new");
        assertThat(issue.at("/fields/comment/total").asInt()).isZero();
        assertThat(issue.at("/properties/prodsupport.origin/action").asText()).isEqualTo("a1");
        assertThat(http.get("/rest/api/2/issue/" + key + "/properties/prodsupport.origin")
                        .json()
                        .at("/value/incident")
                        .asText())
                .isEqualTo("OPS-1");
    }

    @Test
    void the_fields_parameter_selects_fields_and_unknown_issues_are_404_with_jiras_message() throws Exception {
        String key = sim.createIssue("OPS", "Incident", "Down", "it is down", carol);
        JsonNode only = http.get("/rest/api/2/issue/" + key + "?fields=summary,status")
                .json()
                .path("fields");
        assertThat(only.has("summary")).isTrue();
        assertThat(only.has("description")).isFalse();
        assertThat(http.get("/rest/api/2/issue/" + key + "?fields=*navigable")
                        .json()
                        .at("/fields")
                        .has("comment"))
                .isFalse();
        var missing = http.get("/rest/api/2/issue/OPS-99");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().at("/errorMessages/0").asText())
                .isEqualTo("Issue does not exist or you do not have permission to see it.");
    }

    @Test
    void edits_apply_update_operations_and_refuse_unknown_versions() throws Exception {
        String key = sim.createIssue("OPS", "Incident", "Down", "it is down", carol);
        assertThat(http.post("/rest/api/2/version", "{\"name\":\"Production Support\",\"project\":\"OPS\"}")
                        .status())
                .isEqualTo(201);
        var edit = http.put("/rest/api/2/issue/" + key + "?notifyUsers=false", """
        {"update":{"fixVersions":[{"add":{"name":"Production Support"}}],"labels":[{"add":"incident"}],
                   "description":[{"set":"new text"}]}}
        """);
        assertThat(edit.status()).isEqualTo(204);
        SimIssue issue = sim.issue(key);
        assertThat(issue.fixVersions()).containsExactly("Production Support");
        assertThat(issue.labels()).containsExactly("incident");
        assertThat(issue.description()).isEqualTo("new text");

        var bad =
                http.put("/rest/api/2/issue/" + key, "{\"update\":{\"fixVersions\":[{\"add\":{\"name\":\"Nope\"}}]}}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().at("/errors/fixVersions").asText()).contains("Nope");
    }

    @Test
    void an_edit_sets_issue_properties_together_with_its_fields_and_history_records_only_the_fields() throws Exception {
        String key = sim.createIssue("OPS", "Incident", "Down", "it is down", carol);
        int firedBefore = sim.webhooks().fired().size();
        var edit = http.put("/rest/api/2/issue/" + key, """
        {"fields":{"summary":"Down for everyone"},"update":{"labels":[{"add":"incident"}]},
         "properties":[{"key":"prodsupport.gate","value":{"changelog":"10042"}},{"key":"flag","value":true}]}
        """);
        assertThat(edit.status()).isEqualTo(204);

        SimIssue issue = sim.issue(key);
        assertThat(issue.summary()).isEqualTo("Down for everyone");
        assertThat(issue.labels()).containsExactly("incident");
        assertThat(issue.property("prodsupport.gate").path("changelog").asText())
                .isEqualTo("10042");
        assertThat(http.get("/rest/api/2/issue/" + key + "?properties=prodsupport.gate,flag")
                        .json()
                        .at("/properties/flag")
                        .asBoolean())
                .isTrue();
        var fired = sim.webhooks()
                .fired()
                .subList(firedBefore, sim.webhooks().fired().size());
        assertThat(fired).hasSize(1);
        assertThat(fired.get(0).payload().at("/changelog/items").findValuesAsText("fieldId"))
                .containsExactly("summary", "labels");
        sim.assertNoSpecViolations();
    }

    @Test
    void an_edit_of_properties_only_fires_no_webhook_and_leaves_updated_alone() throws Exception {
        String key = sim.createIssue("OPS", "Incident", "Down", "it is down", carol);
        SimIssue before = sim.issue(key);
        int firedBefore = sim.webhooks().fired().size();

        var edit = http.put(
                "/rest/api/2/issue/" + key,
                "{\"properties\":[{\"key\":\"prodsupport.origin\",\"value\":{\"incident\":\"OPS-9\"}}]}");

        assertThat(edit.status()).isEqualTo(204);
        SimIssue after = sim.issue(key);
        assertThat(after.property("prodsupport.origin").path("incident").asText())
                .isEqualTo("OPS-9");
        assertThat(after.updated()).isEqualTo(before.updated());
        assertThat(sim.webhooks().fired()).hasSize(firedBefore);
        sim.assertNoSpecViolations();
    }

    @Test
    void a_refused_field_refuses_the_whole_edit_and_sets_none_of_its_properties() throws Exception {
        String key = sim.createIssue("OPS", "Incident", "Down", "it is down", carol);
        int firedBefore = sim.webhooks().fired().size();

        var badField = http.put("/rest/api/2/issue/" + key, """
        {"fields":{"summary":"Renamed"},"update":{"fixVersions":[{"add":{"name":"Nope"}}]},
         "properties":[{"key":"prodsupport.gate","value":1}]}
        """);
        var badProperty = http.put("/rest/api/2/issue/" + key, """
        {"fields":{"summary":"Renamed"},"properties":[{"key":"ok","value":1},{"key":"","value":2}]}
        """);

        assertThat(badField.status()).isEqualTo(400);
        assertThat(badField.json().at("/errors/fixVersions").asText()).contains("Nope");
        assertThat(badProperty.status()).isEqualTo(400);
        assertThat(badProperty.json().at("/errorMessages/0").asText()).contains("property key");
        SimIssue issue = sim.issue(key);
        assertThat(issue.summary()).isEqualTo("Down");
        assertThat(issue.properties()).isEmpty();
        assertThat(sim.webhooks().fired()).hasSize(firedBefore);
        sim.assertNoSpecViolations();
    }

    @Test
    void only_admins_and_project_leads_create_versions_or_silence_notifications() throws Exception {
        SimHttp asCarol = new SimHttp(sim, carol);
        assertThat(asCarol.post("/rest/api/2/version", "{\"name\":\"v1\",\"project\":\"OPS\"}")
                        .status())
                .isEqualTo(403);
        String key = sim.createIssue("OPS", "Task", "t", null, carol);
        assertThat(asCarol.put("/rest/api/2/issue/" + key + "?notifyUsers=false", "{\"fields\":{\"summary\":\"x\"}}")
                        .status())
                .isEqualTo(403);
        SimHttp asLead = new SimHttp(sim, alice);
        assertThat(asLead.post("/rest/api/2/version", "{\"name\":\"v1\",\"project\":\"OPS\"}")
                        .status())
                .isEqualTo(201);
        JsonNode perms = asCarol.get(
                        "/rest/api/2/mypermissions?projectKey=OPS&permissions=ADMINISTER_PROJECTS,EDIT_ISSUES")
                .json()
                .path("permissions");
        assertThat(perms.at("/ADMINISTER_PROJECTS/havePermission").asBoolean()).isFalse();
        assertThat(perms.at("/EDIT_ISSUES/havePermission").asBoolean()).isTrue();
    }

    @Test
    void a_duplicate_version_name_is_refused_with_jiras_field_error() throws Exception {
        long projectId = http.get("/rest/api/2/project/OPS").json().path("id").asLong();
        assertThat(http.post("/rest/api/2/version", "{\"name\":\"v1\",\"projectId\":" + projectId + "}")
                        .status())
                .isEqualTo(201);
        var again = http.post("/rest/api/2/version", "{\"name\":\"v1\",\"projectId\":" + projectId + "}");
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json().at("/errors/name").asText())
                .isEqualTo("A version with this name already exists in this project.");
        assertThat(sim.versionNames("OPS")).containsExactly("v1");
    }

    @Test
    void transitions_follow_the_workflow_and_set_and_clear_the_resolution() throws Exception {
        String key = sim.createIssue("OPS", "Incident", "Down", "d", carol);
        JsonNode transitions =
                http.get("/rest/api/2/issue/" + key + "/transitions").json().path("transitions");
        assertThat(transitions.findValuesAsText("name")).contains("Start Progress", "Done");
        assertThat(http.post("/rest/api/2/issue/" + key + "/transitions", "{\"transition\":{\"id\":\"31\"}}")
                        .status())
                .isEqualTo(204);
        SimIssue done = sim.issue(key);
        assertThat(done.status()).isEqualTo("Done");
        assertThat(done.resolution()).isEqualTo("Done");
        assertThat(done.resolutionDate()).isNotNull();
        assertThat(http.post("/rest/api/2/issue/" + key + "/transitions", "{\"transition\":{\"id\":\"31\"}}")
                        .status())
                .isEqualTo(400);
        sim.transition(key, "Reopened", alice);
        assertThat(sim.issue(key).resolution()).isNull();
        assertThat(sim.issue(key).statusCategoryKey()).isEqualTo("indeterminate");
    }

    @Test
    void a_removed_transition_or_a_required_screen_field_makes_the_transition_fail() throws Exception {
        String key = sim.createIssue("OPS", "Incident", "Down", "d", carol);
        sim.workflow().requireField("To Do", "Done", "resolution").removeTransition("To Do", "In Progress");
        assertThat(http.post("/rest/api/2/issue/" + key + "/transitions", "{\"transition\":{\"id\":\"31\"}}")
                        .status())
                .isEqualTo(400);
        assertThat(http.post("/rest/api/2/issue/" + key + "/transitions", "{\"transition\":{\"id\":\"11\"}}")
                        .status())
                .isEqualTo(400);
        assertThat(http.post(
                                "/rest/api/2/issue/" + key + "/transitions",
                                "{\"transition\":{\"id\":\"31\"},\"fields\":{\"resolution\":{\"name\":\"Done\"}}}")
                        .status())
                .isEqualTo(204);
    }

    @Test
    void cloud_watchers_are_added_by_account_id_as_a_bare_json_string() throws Exception {
        String key = sim.createIssue("OPS", "Incident", "Down", "d", carol);
        assertThat(http.post("/rest/api/2/issue/" + key + "/watchers", "\"" + alice.accountId() + "\"")
                        .status())
                .isEqualTo(204);
        assertThat(http.post("/rest/api/2/issue/" + key + "/watchers", "\"alice\"")
                        .status())
                .isEqualTo(404);
        assertThat(sim.issue(key).watchers()).containsExactly(alice);
        assertThat(http.get("/rest/api/2/issue/" + key)
                        .json()
                        .at("/fields/watches/watchCount")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void a_link_is_visible_from_both_issues() throws Exception {
        String incident = sim.createIssue("OPS", "Incident", "Down", "d", carol);
        String task = sim.createIssue("OPS", "Task", "Add alert", null, carol);
        assertThat(http.post("/rest/api/2/issueLink", """
        {"type":{"name":"Relates"},"inwardIssue":{"key":"%s"},"outwardIssue":{"key":"%s"}}
        """.formatted(incident, task))
                        .status())
                .isEqualTo(201);
        assertThat(http.get("/rest/api/2/issue/" + incident)
                        .json()
                        .at("/fields/issuelinks/0/outwardIssue/key")
                        .asText())
                .isEqualTo(task);
        assertThat(http.get("/rest/api/2/issue/" + task)
                        .json()
                        .at("/fields/issuelinks/0/inwardIssue/key")
                        .asText())
                .isEqualTo(incident);
        assertThat(http.get("/rest/api/2/issueLinkType").json().findValuesAsText("name"))
                .containsExactly("Blocks", "Cloners", "Duplicate", "Relates");
    }

    @Test
    void comments_are_added_and_listed() throws Exception {
        String key = sim.createIssue("OPS", "Incident", "Down", "d", carol);
        assertThat(http.post("/rest/api/2/issue/" + key + "/comment", "{\"body\":\"Root cause missing\"}")
                        .status())
                .isEqualTo(201);
        JsonNode comments = http.get("/rest/api/2/issue/" + key + "/comment").json();
        assertThat(comments.path("total").asInt()).isEqualTo(1);
        assertThat(comments.at("/comments/0/body").asText()).isEqualTo("Root cause missing");
        assertThat(comments.at("/comments/0/author/accountId").asText()).isEqualTo(bot.accountId());
    }
}
