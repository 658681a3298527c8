package io.prodsupport.jira;

import static io.prodsupport.jira.ScriptedJira.body;
import static io.prodsupport.jira.ScriptedJira.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpJiraClientTest {

    private final ScriptedJira jira = new ScriptedJira(FakeTime.autoAdvancing());
    private final HttpJiraClient client = jira.client();

    @AfterEach
    void stop() {
        client.close();
        jira.close();
    }

    @Test
    void cloud_credentials_are_sent_as_basic_email_and_api_token() {
        HttpJiraClient cloud =
                jira.client(new JiraCredentials.CloudToken("bot@example.com", "tok3n"), ScriptedJira.BUDGET);
        jira.answer(200, "{\"accountId\":\"5b10a\",\"displayName\":\"Bot\",\"active\":true}");

        JiraUser me = cloud.myself();

        RecordedRequest request = jira.take();
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Basic Ym90QGV4YW1wbGUuY29tOnRvazNu");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/rest/api/2/myself");
        assertThat(me.ref(Flavour.CLOUD)).isEqualTo("5b10a");
    }

    @Test
    void data_center_credentials_are_sent_as_a_bearer_personal_access_token() {
        jira.answer(200, "{\"name\":\"svc-prodsupport\",\"key\":\"JIRAUSER1\",\"active\":true}");

        JiraUser me = client.myself();

        assertThat(jira.take().getHeaders().get("Authorization")).isEqualTo("Bearer pat-s3cret");
        assertThat(me.ref(Flavour.DATA_CENTER)).isEqualTo("svc-prodsupport");
    }

    @Test
    void credentials_never_show_their_secret_in_to_string() {
        assertThat(new JiraCredentials.CloudToken("bot@example.com", "tok3n").toString())
                .doesNotContain("tok3n");
        assertThat(ScriptedJira.PAT.toString()).doesNotContain("pat-s3cret");
    }

    @Test
    void server_info_is_fetched_once_and_decides_the_flavour() {
        jira.answerServerInfo("Cloud");

        assertThat(client.flavour()).isEqualTo(Flavour.CLOUD);
        assertThat(client.serverInfo().version()).isEqualTo("10.3.1");
        assertThat(jira.server.getRequestCount()).isEqualTo(1);
        assertThat(new ServerInfo("u", "9", "Server", "t").flavour()).isEqualTo(Flavour.DATA_CENTER);
    }

    @Test
    void a_context_path_in_the_base_url_is_kept() {
        URI withContext = URI.create(jira.server.url("/jira/").toString());
        HttpJiraClient dc =
                new HttpJiraClient(ScriptedJira.connection(withContext, ScriptedJira.PAT, ScriptedJira.BUDGET));
        jira.answer(200, "{\"name\":\"svc\"}");

        dc.myself();

        assertThat(jira.take().getUrl().encodedPath()).isEqualTo("/jira/rest/api/2/myself");
        dc.close();
    }

    @Test
    void on_a_shared_client_the_credentials_stay_on_its_own_copy_and_close_leaves_the_shared_client_running()
            throws Exception {
        OkHttpClient shared = new OkHttpClient();
        HttpJiraClient onShared = new HttpJiraClient(
                ScriptedJira.connection(
                        URI.create(jira.server.url("/").toString()), ScriptedJira.PAT, ScriptedJira.BUDGET),
                shared);
        jira.answer(200, "{\"name\":\"svc\"}");
        jira.answer(200, "{}");

        onShared.myself();
        onShared.close();

        assertThat(jira.take().getHeaders().get("Authorization")).isEqualTo("Bearer pat-s3cret");
        assertThat(shared.interceptors()).isEmpty();
        try (Response response = shared.newCall(
                        new Request.Builder().url(jira.server.url("/elsewhere")).build())
                .execute()) {
            assertThat(response.code()).isEqualTo(200);
        }
        assertThat(jira.take().getHeaders().get("Authorization")).isNull();
        shared.dispatcher().executorService().shutdown();
        shared.connectionPool().evictAll();
    }

    @Test
    void watchers_are_added_with_a_bare_json_string_body() {
        jira.answer(204, "");

        client.addWatcher("OPS-7", "jsmith");

        RecordedRequest request = jira.take();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/rest/api/2/issue/OPS-7/watchers");
        assertThat(request.getBody().utf8()).isEqualTo("\"jsmith\"");
    }

    @Test
    void watchers_are_read_as_account_ids_on_cloud() {
        jira.answerServerInfo("Cloud");
        jira.answer(200, "{\"watchCount\":2,\"watchers\":[{\"accountId\":\"a1\"},{\"accountId\":\"a2\"}]}");

        assertThat(client.watchers("OPS-7")).containsExactly("a1", "a2");
    }

    @Test
    void an_edit_sends_update_operations_and_the_notify_users_flag() {
        jira.answer(204, "");
        IssueEdit edit = new IssueEdit()
                .addFixVersion("Production Support")
                .addLabel("incident")
                .removeLabel("triage")
                .setAssignee("5b10a", Flavour.CLOUD)
                .setDescription("h2. Symptoms");

        client.editIssue("OPS-7", edit, false);

        RecordedRequest request = jira.take();
        assertThat(request.getMethod()).isEqualTo("PUT");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/rest/api/2/issue/OPS-7");
        assertThat(request.getUrl().queryParameter("notifyUsers")).isEqualTo("false");
        assertThat(body(request)).isEqualTo(parse("""
        {"update":{
          "fixVersions":[{"add":{"name":"Production Support"}}],
          "labels":[{"add":"incident"},{"remove":"triage"}],
          "assignee":[{"set":{"accountId":"5b10a"}}],
          "description":[{"set":"h2. Symptoms"}]}}
        """));
    }

    @Test
    void an_assignee_on_data_center_is_named_by_username() {
        assertThat(new IssueEdit().setAssignee("jsmith", Flavour.DATA_CENTER).toRequestBody())
                .isEqualTo(parse("{\"update\":{\"assignee\":[{\"set\":{\"name\":\"jsmith\"}}]}}"));
    }

    @Test
    void a_new_issue_carries_its_properties_in_the_create_call() {
        jira.answer(201, "{\"id\":\"10042\",\"key\":\"OPS-8\",\"self\":\"x\"}");
        NewIssue issue = new NewIssue(
                "OPS",
                "Task",
                "Add disk alert",
                "From OPS-7",
                List.of("prevention"),
                "High",
                Map.of("prodsupport.origin", parse("{\"incident\":\"OPS-7\",\"action\":\"a1\"}")));

        CreatedIssue created = client.createIssue(issue);

        assertThat(created).isEqualTo(new CreatedIssue("10042", "OPS-8"));
        assertThat(body(jira.take())).isEqualTo(parse("""
        {"fields":{"project":{"key":"OPS"},"issuetype":{"name":"Task"},"summary":"Add disk alert",
                   "description":"From OPS-7","labels":["prevention"],"priority":{"name":"High"}},
         "properties":[{"key":"prodsupport.origin","value":{"incident":"OPS-7","action":"a1"}}]}
        """));
    }

    @Test
    void a_version_is_created_with_a_numeric_project_id() {
        jira.answer(201, "{\"id\":\"10100\",\"name\":\"Production Support\",\"projectId\":10000,\"released\":false}");

        Version version = client.createVersion("10000", "Production Support");

        assertThat(version).isEqualTo(new Version("10100", "Production Support", "10000", false, false));
        assertThat(body(jira.take())).isEqualTo(parse("{\"name\":\"Production Support\",\"projectId\":10000}"));
    }

    @Test
    void a_link_names_its_type_and_both_ends() {
        jira.answer(201, "");

        client.linkIssues("Relates", "OPS-7", "OPS-8");

        assertThat(body(jira.take()))
                .isEqualTo(
                        parse(
                                "{\"type\":{\"name\":\"Relates\"},\"inwardIssue\":{\"key\":\"OPS-7\"},\"outwardIssue\":{\"key\":\"OPS-8\"}}"));
    }

    @Test
    void an_issue_is_read_with_only_the_chosen_fields_and_typed() {
        jira.answer(200, """
        {"id":"10007","key":"OPS-7","fields":{
          "summary":"Checkout is down","description":"h2. Symptoms\\n500s","issuetype":{"name":"Incident"},
          "project":{"key":"OPS"},"status":{"name":"In Progress","statusCategory":{"key":"indeterminate"}},
          "resolution":null,"fixVersions":[{"name":"Production Support"}],"labels":["incident"],
          "assignee":{"accountId":"a1","displayName":"Ann"},"priority":{"name":"Highest"},
          "created":"2026-11-20T09:15:00.000+0000","updated":"2026-11-21T10:00:00.000+0100",
          "issuelinks":[{"id":"1","type":{"name":"Relates"},"outwardIssue":{"key":"OPS-8"}},
                        {"id":"2","type":{"name":"Blocks"},"inwardIssue":{"key":"OPS-3"}}],
          "comment":{"comments":[{"id":"c1","author":{"accountId":"a1"},"body":"on it",
                                  "created":"2026-11-20T09:20:00.000+0000"}]},
          "customfield_10001":"raw"}}
        """);

        Issue issue = client.getIssue("OPS-7", List.of("summary", "status", "issuelinks"));

        RecordedRequest request = jira.take();
        assertThat(request.getUrl().queryParameter("fields")).isEqualTo("summary,status,issuelinks");
        IssueFields f = issue.fields();
        assertThat(f.summary()).isEqualTo("Checkout is down");
        assertThat(f.status()).isEqualTo(new Status("In Progress", "indeterminate"));
        assertThat(f.resolution()).isNull();
        assertThat(f.fixVersions()).containsExactly("Production Support");
        assertThat(f.assignee().accountId()).isEqualTo("a1");
        assertThat(f.reporter()).isNull();
        assertThat(f.updated()).isEqualTo(OffsetDateTime.parse("2026-11-21T10:00:00+01:00"));
        assertThat(f.issueLinks())
                .containsExactly(
                        new IssueLink("1", "Relates", "OPS-7", "OPS-8"),
                        new IssueLink("2", "Blocks", "OPS-3", "OPS-7"));
        assertThat(f.comments()).singleElement().extracting(Comment::body).isEqualTo("on it");
    }

    @Test
    void transitions_carry_the_target_status_and_its_category() {
        jira.answer(200, """
        {"transitions":[{"id":"31","name":"Close","to":{"name":"Closed","statusCategory":{"key":"done"}}}]}
        """);
        jira.answer(204, "");

        assertThat(client.transitions("OPS-7")).containsExactly(new Transition("31", "Close", "Closed", "done"));
        client.transition("OPS-7", "31");

        jira.take();
        assertThat(body(jira.take())).isEqualTo(parse("{\"transition\":{\"id\":\"31\"}}"));
    }

    @Test
    void a_comment_is_posted_as_a_wiki_markup_string() {
        jira.answer(201, "{\"id\":\"c9\",\"body\":\"*Root cause* missing\",\"author\":{\"name\":\"svc\"}}");

        Comment comment = client.addComment("OPS-7", "*Root cause* missing");

        assertThat(comment.id()).isEqualTo("c9");
        assertThat(body(jira.take())).isEqualTo(parse("{\"body\":\"*Root cause* missing\"}"));
    }

    @Test
    void an_issue_property_is_read_written_and_absent_reads_as_empty() {
        jira.answer(200, "{\"key\":\"prodsupport.origin\",\"value\":{\"incident\":\"OPS-7\"}}");
        jira.answer(404, "{\"errorMessages\":[\"The property with key 'x' does not exist.\"],\"errors\":{}}");
        jira.answer(200, "");

        assertThat(client.issueProperty("OPS-8", "prodsupport.origin", Origin.class))
                .contains(new Origin("OPS-7"));
        assertThat(client.issueProperty("OPS-8", "x", Origin.class)).isEmpty();
        client.setIssueProperty("OPS-8", "prodsupport.state", new State(1));

        jira.take();
        jira.take();
        RecordedRequest put = jira.take();
        assertThat(put.getMethod()).isEqualTo("PUT");
        assertThat(put.getUrl().encodedPath()).isEqualTo("/rest/api/2/issue/OPS-8/properties/prodsupport.state");
        assertThat(body(put)).isEqualTo(parse("{\"v\":1}"));
    }

    @Test
    void a_property_of_another_shape_reads_as_absent_and_unknown_fields_are_ignored() {
        jira.answer(200, "{\"key\":\"prodsupport.origin\",\"value\":\"a person's note\"}");
        jira.answer(200, "{\"key\":\"prodsupport.origin\",\"value\":{\"incident\":\"OPS-7\",\"v\":2}}");

        assertThat(client.issueProperty("OPS-8", "prodsupport.origin", Origin.class))
                .isEmpty();
        assertThat(client.issueProperty("OPS-8", "prodsupport.origin", Origin.class))
                .contains(new Origin("OPS-7"));
    }

    record Origin(String incident) {}

    record State(int v) {}

    @Test
    void my_permissions_returns_only_the_granted_keys() {
        jira.answer(200, """
        {"permissions":{"EDIT_ISSUES":{"havePermission":true},"ADMINISTER_PROJECTS":{"havePermission":false}}}
        """);

        assertThat(client.myPermissions("OPS", List.of("EDIT_ISSUES", "ADMINISTER_PROJECTS")))
                .containsExactly("EDIT_ISSUES");
        assertThat(jira.take().getUrl().queryParameter("permissions")).isEqualTo("EDIT_ISSUES,ADMINISTER_PROJECTS");
    }

    @Test
    void projects_versions_and_link_types_are_read() {
        jira.answer(
                200, "{\"id\":\"10000\",\"key\":\"OPS\",\"name\":\"Ops\",\"issueTypes\":[{\"name\":\"Incident\"}]}");
        jira.answer(200, "[{\"id\":\"1\",\"name\":\"Production Support\",\"projectId\":10000,\"archived\":true}]");
        jira.answer(
                200,
                "{\"issueLinkTypes\":[{\"id\":\"10003\",\"name\":\"Relates\",\"inward\":\"relates to\","
                        + "\"outward\":\"relates to\"}]}");

        assertThat(client.project("OPS")).isEqualTo(new Project("10000", "OPS", "Ops", List.of("Incident")));
        assertThat(client.projectVersions("OPS"))
                .containsExactly(new Version("1", "Production Support", "10000", false, true));
        assertThat(client.issueLinkTypes()).extracting(IssueLinkType::name).containsExactly("Relates");
    }

    @Test
    void an_issue_key_cannot_change_the_request_path() {
        jira.answer(404, "");

        catchThrowable(() -> client.getIssue("../../myself", List.of("summary")));

        assertThat(jira.take().getUrl().encodedPath()).isEqualTo("/rest/api/2/issue/..%2F..%2Fmyself");
    }
}
