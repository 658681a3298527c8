package io.prodsupport.jira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prodsupport.jirasim.JiraSimulator;
import io.prodsupport.jirasim.SimUser;
import io.prodsupport.testing.SimulatedSite;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The production client against the simulator over real HTTP, once per flavour: every endpoint prodsupport uses
 * round-trips, and every request it sends conforms to Atlassian's OpenAPI spec (checked by the simulator).
 */
class JiraClientContractTest {

    private SimulatedSite simulated;
    private JiraSimulator sim;
    private SimUser bot;
    private SimUser alice;
    private SimUser carol;
    private HttpJiraClient jira;

    private void site(io.prodsupport.jirasim.Flavour flavour) {
        simulated = SimulatedSite.start(flavour);
        sim = simulated.sim();
        bot = simulated.site().bot();
        alice = simulated.site().alice();
        carol = simulated.site().carol();
        jira = simulated.bot();
    }

    @AfterEach
    void everyRequestConformedToTheSpec() {
        if (simulated != null) {
            simulated.close();
        }
    }

    private String ref(SimUser user) {
        return user.accountId() != null ? user.accountId() : user.username();
    }

    @ParameterizedTest
    @EnumSource(io.prodsupport.jirasim.Flavour.class)
    void the_site_its_account_and_its_projects_are_read(io.prodsupport.jirasim.Flavour flavour) {
        site(flavour);

        assertThat(jira.flavour().name()).isEqualTo(flavour.name());
        JiraUser me = jira.myself();
        assertThat(me.displayName()).isEqualTo("Prodsupport Bot");
        assertThat(me.ref(jira.flavour())).isEqualTo(ref(bot));
        Project ops = jira.project("OPS");
        assertThat(ops.name()).isEqualTo("Operations");
        assertThat(ops.issueTypes()).contains("Incident", "Task");
        assertThat(jira.issueLinkTypes()).extracting(IssueLinkType::name).contains("Relates", "Blocks");
        assertThat(jira.myPermissions("OPS", List.of("ADMINISTER_PROJECTS", "CREATE_ISSUES")))
                .containsExactlyInAnyOrder("ADMINISTER_PROJECTS", "CREATE_ISSUES");
        assertThatThrownBy(() -> jira.project("NOPE"))
                .isInstanceOf(JiraException.class)
                .hasMessage("project NOPE not found");
    }

    @ParameterizedTest
    @EnumSource(io.prodsupport.jirasim.Flavour.class)
    void a_version_is_created_once_and_a_second_create_is_refused(io.prodsupport.jirasim.Flavour flavour) {
        site(flavour);
        Project ops = jira.project("OPS");

        Version created = jira.createVersion(ops.id(), "Production Support");

        assertThat(jira.projectVersions("OPS")).extracting(Version::name).containsExactly("Production Support");
        assertThat(created.projectId()).isEqualTo(ops.id());
        assertThatThrownBy(() -> jira.createVersion(ops.id(), "Production Support"))
                .isInstanceOf(JiraException.class)
                .satisfies(e -> assertThat(((JiraException) e).status()).isEqualTo(400))
                .hasMessageContaining("already exists");
    }

    @ParameterizedTest
    @EnumSource(io.prodsupport.jirasim.Flavour.class)
    void an_issue_is_created_edited_watched_linked_commented_and_closed(io.prodsupport.jirasim.Flavour flavour) {
        site(flavour);
        jira.createVersion(jira.project("OPS").id(), "Production Support");
        Origin origin = new Origin("OPS-1", "a1");
        String incident = sim.createIssue("OPS", "Incident", "Checkout is down", "500s on /checkout", alice);

        CreatedIssue followUp = jira.createIssue(new NewIssue(
                "SUP",
                "Task",
                "Add a canary",
                "From " + incident,
                List.of("prevention"),
                "High",
                Map.of("prodsupport.origin", origin)));
        jira.editIssue(
                incident,
                new IssueEdit()
                        .addFixVersion("Production Support")
                        .setDescription("h2. Symptoms\nTBD")
                        .setAssignee(ref(alice), jira.flavour())
                        .addLabel("prodsupport"),
                false);
        jira.addWatcher(incident, ref(alice));
        jira.linkIssues("Relates", incident, followUp.key());
        Comment comment = jira.addComment(incident, "Follow-ups: " + followUp.key());
        Transition done = jira.transitions(incident).stream()
                .filter(t -> "done".equals(t.toCategoryKey()))
                .findFirst()
                .orElseThrow();
        jira.transition(incident, done.id());

        Issue read = jira.getIssue(
                incident,
                List.of(
                        "summary",
                        "description",
                        "status",
                        "resolution",
                        "fixVersions",
                        "labels",
                        "assignee",
                        "issuelinks",
                        "comment"));
        assertThat(read.fields().description()).isEqualTo("h2. Symptoms\nTBD");
        assertThat(read.fields().fixVersions()).containsExactly("Production Support");
        assertThat(read.fields().labels()).containsExactly("prodsupport");
        assertThat(read.fields().assignee().ref(jira.flavour())).isEqualTo(ref(alice));
        assertThat(read.fields().status().categoryKey()).isEqualTo("done");
        assertThat(read.fields().resolution()).isNotNull();
        assertThat(read.fields().issueLinks()).singleElement().satisfies(l -> {
            assertThat(l.typeName()).isEqualTo("Relates");
            assertThat(List.of(l.inwardKey(), l.outwardKey())).containsExactlyInAnyOrder(incident, followUp.key());
        });
        assertThat(read.fields().comments()).extracting(Comment::id).containsExactly(comment.id());
        assertThat(jira.watchers(incident)).contains(ref(alice));
        assertThat(jira.issueProperty(followUp.key(), "prodsupport.origin", Origin.class))
                .contains(origin);
        assertThat(jira.issueProperty(followUp.key(), "nothing.here", Origin.class))
                .isEmpty();
        assertThat(sim.issue(followUp.key()).labels()).containsExactly("prevention");
    }

    @ParameterizedTest
    @EnumSource(io.prodsupport.jirasim.Flavour.class)
    void an_issue_property_is_written_and_read_back(io.prodsupport.jirasim.Flavour flavour) {
        site(flavour);
        String key = sim.createIssue("OPS", "Incident", "Disk full", "", alice);
        Gate value = new Gate(2, List.of("slack", "teams"));

        jira.setIssueProperty(key, "prodsupport.gate", value);

        assertThat(jira.issueProperty(key, "prodsupport.gate", Gate.class)).contains(value);
        assertThat(sim.issue(key).property("prodsupport.gate").toString())
                .isEqualTo("{\"reverted\":2,\"channels\":[\"slack\",\"teams\"]}");
        assertThat(jira.getIssue(key, List.of("summary"), List.of("prodsupport.gate", "absent"))
                        .properties()
                        .get("prodsupport.gate", Gate.class))
                .contains(value);
    }

    @ParameterizedTest
    @EnumSource(io.prodsupport.jirasim.Flavour.class)
    void an_edit_sets_a_property_in_the_same_call_as_the_fields(io.prodsupport.jirasim.Flavour flavour) {
        site(flavour);
        String key = sim.createIssue("OPS", "Incident", "Disk full", "", alice);
        sim.calls().reset();

        jira.editIssue(
                key, new IssueEdit().addLabel("hot").setProperty("prodsupport.gate", new Gate(1, List.of())), true);

        assertThat(sim.calls().count("PUT /rest/api/2/issue/{issueIdOrKey}")).isEqualTo(1);
        assertThat(sim.calls().snapshot()).hasSize(1);
        assertThat(sim.issue(key).labels()).containsExactly("hot");
        assertThat(jira.issueProperty(key, "prodsupport.gate", Gate.class)).contains(new Gate(1, List.of()));
    }

    /** Property values are the caller's own records. */
    record Origin(String incidentKey, String actionId) {}

    record Gate(int reverted, List<String> channels) {}

    @ParameterizedTest
    @EnumSource(io.prodsupport.jirasim.Flavour.class)
    void a_person_is_looked_up_by_their_reference_and_an_unknown_one_reads_as_empty(
            io.prodsupport.jirasim.Flavour flavour) {
        site(flavour);

        assertThat(jira.user(ref(alice)))
                .get()
                .extracting(JiraUser::displayName)
                .isEqualTo("Alice Oncall");
        assertThat(jira.user("alice@example.com")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(io.prodsupport.jirasim.Flavour.class)
    void a_missing_issue_reads_as_not_found(io.prodsupport.jirasim.Flavour flavour) {
        site(flavour);

        assertThatThrownBy(() -> jira.getIssue("OPS-7", List.of("summary")))
                .isInstanceOf(JiraException.class)
                .hasMessage("issue OPS-7 not found");
    }

    @ParameterizedTest
    @EnumSource(io.prodsupport.jirasim.Flavour.class)
    void search_pages_lazily_through_every_match(io.prodsupport.jirasim.Flavour flavour) {
        site(flavour);
        IntStream.range(0, 250).forEach(i -> sim.createIssue("OPS", "Incident", "Incident " + i, "", alice));
        sim.createIssue("SUP", "Task", "Not an incident", "", alice);
        String endpoint = flavour == io.prodsupport.jirasim.Flavour.CLOUD
                ? "POST /rest/api/2/search/jql"
                : "POST /rest/api/2/search";

        Iterator<Issue> found = jira.search("project = OPS ORDER BY key ASC", List.of("summary"))
                .iterator();
        assertThat(found.next().key()).isEqualTo("OPS-1");
        assertThat(sim.calls().count(endpoint)).isEqualTo(1);
        int n = 1;
        String last = null;
        while (found.hasNext()) {
            last = found.next().key();
            n++;
        }

        assertThat(n).isEqualTo(250);
        assertThat(last).isEqualTo("OPS-250");
        assertThat(sim.calls().count(endpoint)).isEqualTo(3);
    }

    @ParameterizedTest
    @EnumSource(io.prodsupport.jirasim.Flavour.class)
    void throttling_and_server_errors_are_ridden_out(io.prodsupport.jirasim.Flavour flavour) {
        site(flavour);
        String key = sim.createIssue("OPS", "Incident", "Flaky", "", alice);

        sim.faults().rateLimitNext(1, 1);
        assertThat(jira.getIssue(key, List.of("summary")).fields().summary()).isEqualTo("Flaky");
        sim.faults().failNext(2, 500);
        assertThat(jira.getIssue(key, List.of("summary")).fields().summary()).isEqualTo("Flaky");
        sim.faults().dropConnectionNext(1);
        assertThat(jira.watchers(key)).isNotNull();
    }

    @ParameterizedTest
    @EnumSource(io.prodsupport.jirasim.Flavour.class)
    void a_create_that_failed_with_500_is_not_repeated(io.prodsupport.jirasim.Flavour flavour) {
        site(flavour);
        sim.faults().failNext(1, 500);

        assertThatThrownBy(() -> jira.createIssue(new NewIssue("SUP", "Task", "Once", null, List.of(), null, Map.of())))
                .isInstanceOf(JiraException.class)
                .satisfies(e -> assertThat(((JiraException) e).status()).isEqualTo(500));
        assertThat(sim.calls().count("POST /rest/api/2/issue")).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(io.prodsupport.jirasim.Flavour.class)
    void an_edit_without_notifications_needs_admin_rights(io.prodsupport.jirasim.Flavour flavour) {
        site(flavour);
        String key = sim.createIssue("OPS", "Incident", "Quiet", "", carol);
        try (HttpJiraClient asCarol = simulated.clientFor(carol, RetryBudget.DEFAULT)) {

            assertThatThrownBy(() -> asCarol.editIssue(key, new IssueEdit().addLabel("x"), false))
                    .isInstanceOf(JiraException.class)
                    .satisfies(e -> assertThat(((JiraException) e).status()).isEqualTo(403));
            asCarol.editIssue(key, new IssueEdit().addLabel("x"), true);
        }
        assertThat(sim.issue(key).labels()).containsExactly("x");
        assertThat(Set.copyOf(jira.getIssue(key, List.of("labels")).fields().labels()))
                .containsExactly("x");
    }

    @ParameterizedTest
    @EnumSource(io.prodsupport.jirasim.Flavour.class)
    void the_priorities_come_in_jiras_order_highest_first(io.prodsupport.jirasim.Flavour flavour) {
        site(flavour);

        assertThat(jira.priorities())
                .extracting(Priority::name)
                .containsExactly("Highest", "High", "Medium", "Low", "Lowest");
        assertThat(jira.priorities()).first().isEqualTo(new Priority("1", "Highest"));
        assertThat(sim.calls().count("GET /rest/api/2/priority")).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(io.prodsupport.jirasim.Flavour.class)
    void an_issue_is_read_with_its_whole_history_oldest_first_even_past_clouds_cap(
            io.prodsupport.jirasim.Flavour flavour) {
        site(flavour);
        String key = sim.createIssue("OPS", "Incident", "Long-lived", "v0", alice);
        for (int i = 1; i <= 150; i++) {
            sim.editDescription(key, "v" + i, alice);
        }

        IssueHistory history = jira.issueWithHistory(key, List.of("summary", "description"));

        assertThat(history.issue().fields().description()).isEqualTo("v150");
        assertThat(history.histories()).hasSize(150);
        assertThat(history.histories().get(0).items().get(0).toText()).isEqualTo("v1");
        assertThat(history.histories().get(149).items().get(0).toText()).isEqualTo("v150");
        assertThat(sim.calls().count("GET /rest/api/2/issue/{issueIdOrKey}/changelog"))
                .as("Cloud's GET issue embeds 100 at most: the changelog endpoint for the rest")
                .isEqualTo(flavour == io.prodsupport.jirasim.Flavour.CLOUD ? 2 : 0);
    }

    @ParameterizedTest
    @EnumSource(io.prodsupport.jirasim.Flavour.class)
    void the_latest_comments_come_newest_first_one_page_only(io.prodsupport.jirasim.Flavour flavour) {
        site(flavour);
        String key = sim.createIssue("OPS", "Incident", "Chatty", "", alice);
        for (int i = 1; i <= 5; i++) {
            sim.addComment(key, "comment " + i, alice);
        }

        assertThat(jira.latestComments(key, 3))
                .extracting(Comment::body)
                .containsExactly("comment 5", "comment 4", "comment 3");
        assertThat(jira.latestComments(key, 10)).hasSize(5);
    }

    @ParameterizedTest
    @EnumSource(io.prodsupport.jirasim.Flavour.class)
    void a_comment_over_jiras_limit_is_refused(io.prodsupport.jirasim.Flavour flavour) {
        site(flavour);
        String key = sim.createIssue("OPS", "Incident", "Wordy", "", alice);

        jira.addComment(key, "x".repeat(32_767));
        assertThatThrownBy(() -> jira.addComment(key, "x".repeat(32_768)))
                .isInstanceOf(JiraException.class)
                .satisfies(e -> assertThat(((JiraException) e).status()).isEqualTo(400))
                .hasMessageContaining("32,767 characters");
        assertThat(sim.issue(key).comments()).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(io.prodsupport.jirasim.Flavour.class)
    void a_file_is_attached_once_and_listed_with_the_issue(io.prodsupport.jirasim.Flavour flavour) {
        site(flavour);
        String key = sim.createIssue("OPS", "Incident", "Logs attached", "", alice);
        byte[] log = "GET /checkout 500\n".repeat(100).getBytes(java.nio.charset.StandardCharsets.UTF_8);

        Attachment attached = jira.addAttachment(key, "checkout log – ü.txt", "text/plain", log);

        assertThat(attached.filename()).isEqualTo("checkout log – ü.txt");
        assertThat(attached.size()).isEqualTo(log.length);
        assertThat(attached.mimeType()).isEqualTo("text/plain");
        assertThat(sim.issue(key).attachments()).singleElement().satisfies(a -> {
            assertThat(a.content()).isEqualTo(log);
            assertThat(a.author().displayName()).isEqualTo("Prodsupport Bot");
        });
        assertThat(jira.getIssue(key, List.of("attachment")).fields().attachments())
                .containsExactly(attached);
        assertThat(sim.calls().count("POST /rest/api/2/issue/{issueIdOrKey}/attachments"))
                .isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(io.prodsupport.jirasim.Flavour.class)
    void an_attachment_over_the_sites_limit_is_refused_and_one_that_failed_with_500_is_not_repeated(
            io.prodsupport.jirasim.Flavour flavour) {
        site(flavour);
        String key = sim.createIssue("OPS", "Incident", "Big file", "", alice);
        sim.maxAttachmentSize(1024);

        assertThatThrownBy(() -> jira.addAttachment(key, "dump.bin", "application/octet-stream", new byte[1025]))
                .isInstanceOf(JiraException.class)
                .satisfies(e -> assertThat(((JiraException) e).status()).isEqualTo(413));
        sim.faults().failNext(1, 500);
        assertThatThrownBy(() -> jira.addAttachment(key, "small.bin", "application/octet-stream", new byte[10]))
                .isInstanceOf(JiraException.class)
                .satisfies(e -> assertThat(((JiraException) e).status()).isEqualTo(500));
        assertThat(sim.calls().count("POST /rest/api/2/issue/{issueIdOrKey}/attachments"))
                .isEqualTo(2);
        assertThat(sim.issue(key).attachments()).isEmpty();
    }
}
