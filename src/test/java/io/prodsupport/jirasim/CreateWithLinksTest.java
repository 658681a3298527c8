package io.prodsupport.jirasim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code update.issuelinks} in POST /rest/api/2/issue: an issue created already linked, where Jira allows it. */
class CreateWithLinksTest {

    private static List<Webhooks.FiredEvent> firedFor(JiraSimulator sim, String key) {
        return sim.webhooks().fired().stream()
                .filter(e -> e.issueKey().equals(key))
                .toList();
    }

    private static List<String> linkTexts(List<Webhooks.FiredEvent> events) {
        return events.stream()
                .flatMap(e -> e.payload().at("/changelog/items").findValuesAsText("toString").stream())
                .filter(t -> t.startsWith("This issue"))
                .toList();
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void a_link_made_by_the_create_is_the_link_a_separate_link_call_makes(Flavour flavour) throws Exception {
        try (JiraSimulator sim = JiraSimulator.builder().flavour(flavour).start()) {
            SimSite site = SimSite.seed(sim);
            SimHttp http = new SimHttp(sim, site.bot());
            String incident = sim.createIssue("OPS", "Incident", "Down", "d", site.carol());

            var created = http.post("/rest/api/2/issue", """
                    {"fields":{"project":{"key":"SUP"},"issuetype":{"name":"Task"},"summary":"Add an alert"},
                     "update":{"issuelinks":[{"add":{"type":{"name":"Relates"},"inwardIssue":{"key":"%s"}}}],
                               "labels":[{"add":"prevention"}]},
                     "properties":[{"key":"prodsupport.origin","value":{"incident":"%s","action":"a1"}}]}
                    """.formatted(incident, incident));
            String viaCreate = created.json().path("key").asText();
            String viaLinkCall = sim.createIssue("SUP", "Task", "Add a runbook", null, site.bot());
            int firedBeforeLinkCall = firedFor(sim, incident).size();
            var linked = http.post("/rest/api/2/issueLink", """
                    {"type":{"name":"Relates"},"inwardIssue":{"key":"%s"},"outwardIssue":{"key":"%s"}}
                    """.formatted(incident, viaLinkCall));

            assertThat(created.status()).isEqualTo(201);
            assertThat(viaCreate).isEqualTo("SUP-1");
            assertThat(linked.status()).isEqualTo(201);
            assertThat(sim.issue(incident).links())
                    .extracting(l -> l.type().name(), SimLink::inwardKey, SimLink::outwardKey)
                    .containsExactly(tuple("Relates", incident, viaCreate), tuple("Relates", incident, viaLinkCall));
            JsonNode incidentLinks =
                    http.get("/rest/api/2/issue/" + incident).json().at("/fields/issuelinks");
            assertThat(incidentLinks.at("/0/outwardIssue/key").asText()).isEqualTo(viaCreate);
            assertThat(incidentLinks.at("/1/outwardIssue/key").asText()).isEqualTo(viaLinkCall);
            assertThat(incidentLinks.get(0).path("type"))
                    .isEqualTo(incidentLinks.get(1).path("type"));
            assertThat(http.get("/rest/api/2/issue/" + viaCreate)
                            .json()
                            .at("/fields/issuelinks/0/inwardIssue/key")
                            .asText())
                    .isEqualTo(incident);
            // The other issue hears of both links the same way: one jira:issue_updated with a "Link" item each.
            List<Webhooks.FiredEvent> onIncident = firedFor(sim, incident);
            assertThat(onIncident.subList(1, firedBeforeLinkCall))
                    .extracting(Webhooks.FiredEvent::event)
                    .containsExactly("jira:issue_updated");
            assertThat(linkTexts(onIncident))
                    .containsExactly("This issue relates to " + viaCreate, "This issue relates to " + viaLinkCall);
            // The new issue: created (with its other update operations), then the link, as after a link call.
            List<Webhooks.FiredEvent> onNew = firedFor(sim, viaCreate);
            assertThat(onNew)
                    .extracting(Webhooks.FiredEvent::event)
                    .containsExactly("jira:issue_created", "jira:issue_updated");
            assertThat(onNew.get(0).payload().at("/changelog/items").findValuesAsText("fieldId"))
                    .contains("labels")
                    .doesNotContain("issuelinks");
            assertThat(linkTexts(onNew)).containsExactly("This issue relates to " + incident);
            assertThat(linkTexts(firedFor(sim, viaLinkCall))).containsExactly("This issue relates to " + incident);
            SimIssue task = sim.issue(viaCreate);
            assertThat(task.labels()).containsExactly("prevention");
            assertThat(task.property("prodsupport.origin").path("action").asText())
                    .isEqualTo("a1");
            sim.assertNoSpecViolations();
        }
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void an_outward_issue_makes_the_new_issue_the_link_source_and_a_type_may_be_named_by_id(Flavour flavour)
            throws Exception {
        try (JiraSimulator sim = JiraSimulator.builder().flavour(flavour).start()) {
            SimSite site = SimSite.seed(sim);
            SimHttp http = new SimHttp(sim, site.bot());
            String incident = sim.createIssue("OPS", "Incident", "Down", "d", site.carol());
            long incidentId = sim.issue(incident).id();

            var created = http.post("/rest/api/2/issue", """
                    {"fields":{"project":{"key":"SUP"},"issuetype":{"name":"Task"},"summary":"Fix the disk"},
                     "update":{"issuelinks":[{"add":{"type":{"id":"10000"},"outwardIssue":{"id":"%d"}}}]}}
                    """.formatted(incidentId));

            assertThat(created.status()).isEqualTo(201);
            String key = created.json().path("key").asText();
            assertThat(sim.issue(incident).links())
                    .extracting(l -> l.type().name(), SimLink::inwardKey, SimLink::outwardKey)
                    .containsExactly(tuple("Blocks", key, incident));
            assertThat(linkTexts(firedFor(sim, key))).containsExactly("This issue blocks " + incident);
            assertThat(linkTexts(firedFor(sim, incident))).containsExactly("This issue is blocked by " + key);
            sim.assertNoSpecViolations();
        }
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void an_unknown_link_type_or_issue_refuses_the_create_and_burns_no_issue_number(Flavour flavour) throws Exception {
        try (JiraSimulator sim = JiraSimulator.builder().flavour(flavour).start()) {
            SimSite site = SimSite.seed(sim);
            SimHttp http = new SimHttp(sim, site.bot());
            String incident = sim.createIssue("OPS", "Incident", "Down", "d", site.carol());
            int fired = sim.webhooks().fired().size();
            String body = """
                    {"fields":{"project":{"key":"SUP"},"issuetype":{"name":"Task"},"summary":"Follow up"},
                     "update":{"issuelinks":[{"add":{"type":{"name":"%s"},"inwardIssue":{"key":"%s"}}}]},
                     "properties":[{"key":"prodsupport.origin","value":1}]}
                    """;

            var noType = http.post("/rest/api/2/issue", body.formatted("Causes", incident));
            var noIssue = http.post("/rest/api/2/issue", body.formatted("Relates", "OPS-99"));
            var badField = http.post("/rest/api/2/issue", """
                    {"fields":{"project":{"key":"SUP"},"issuetype":{"name":"Task"},"summary":"Follow up"},
                     "update":{"issuelinks":[{"add":{"type":{"name":"Relates"},"inwardIssue":{"key":"%s"}}}],
                               "fixVersions":[{"add":{"name":"Nope"}}]}}
                    """.formatted(incident));

            assertThat(noType.status()).isEqualTo(400);
            assertThat(noType.json().toString())
                    .isEqualTo("{\"errorMessages\":[],\"errors\":{\"issuelinks\":"
                            + "\"No issue link type with name 'Causes' found.\"}}");
            assertThat(noIssue.status()).isEqualTo(400);
            assertThat(noIssue.json().at("/errors/issuelinks").asText())
                    .isEqualTo("Issue does not exist or you do not have permission to see it.");
            assertThat(badField.status()).isEqualTo(400);
            assertThat(badField.json().at("/errors/fixVersions").asText()).contains("Nope");
            assertThat(sim.issues()).extracting(SimIssue::key).containsExactly(incident);
            assertThat(sim.issue(incident).links()).isEmpty();
            assertThat(sim.webhooks().fired()).hasSize(fired);
            var good = http.post("/rest/api/2/issue", body.formatted("Relates", incident));
            assertThat(good.json().path("key").asText()).isEqualTo("SUP-1");
            sim.assertNoSpecViolations();
        }
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void links_off_the_projects_create_screen_refuse_the_create_as_jira_does(Flavour flavour) throws Exception {
        try (JiraSimulator sim = JiraSimulator.builder().flavour(flavour).start()) {
            SimSite site = SimSite.seed(sim);
            site.project("SUP").linksOnCreateScreen(false);
            SimHttp http = new SimHttp(sim, site.bot());
            String incident = sim.createIssue("OPS", "Incident", "Down", "d", site.carol());
            String body = """
                    {"fields":{"project":{"key":"%s"},"issuetype":{"name":"Task"},"summary":"Follow up"},
                     "update":{"issuelinks":[{"add":{"type":{"name":"Relates"},"inwardIssue":{"key":"%s"}}}]}}
                    """;

            var refused = http.post("/rest/api/2/issue", body.formatted("SUP", incident));

            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.json().toString())
                    .isEqualTo("{\"errorMessages\":[],\"errors\":{\"issuelinks\":\"Field 'issuelinks' cannot be set."
                            + " It is not on the appropriate screen, or unknown.\"}}");
            assertThat(sim.issues()).extracting(SimIssue::key).containsExactly(incident);
            assertThat(sim.issue(incident).links()).isEmpty();
            assertThat(site.project("SUP").linksOnCreateScreen()).isFalse();
            // The screen is per project: OPS still takes links on create; SUP still creates without them.
            assertThat(http.post("/rest/api/2/issue", body.formatted("OPS", incident))
                            .status())
                    .isEqualTo(201);
            var plain = http.post(
                    "/rest/api/2/issue",
                    "{\"fields\":{\"project\":{\"key\":\"SUP\"},\"issuetype\":{\"name\":\"Task\"},\"summary\":\"x\"}}");
            assertThat(plain.json().path("key").asText()).isEqualTo("SUP-1");
            sim.assertNoSpecViolations();
        }
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void links_are_made_by_the_add_operation_only(Flavour flavour) throws Exception {
        try (JiraSimulator sim = JiraSimulator.builder().flavour(flavour).start()) {
            SimSite site = SimSite.seed(sim);
            SimHttp http = new SimHttp(sim, site.bot());
            String incident = sim.createIssue("OPS", "Incident", "Down", "d", site.carol());
            String link = "{\"type\":{\"name\":\"Relates\"},\"inwardIssue\":{\"key\":\"" + incident + "\"}}";

            var asField = http.post(
                    "/rest/api/2/issue",
                    "{\"fields\":{\"project\":{\"key\":\"SUP\"},\"issuetype\":{\"name\":\"Task\"},\"summary\":\"x\","
                            + "\"issuelinks\":[" + link + "]}}");
            var asSet = http.post(
                    "/rest/api/2/issue",
                    "{\"fields\":{\"project\":{\"key\":\"SUP\"},\"issuetype\":{\"name\":\"Task\"},\"summary\":\"x\"},"
                            + "\"update\":{\"issuelinks\":[{\"set\":[" + link + "]}]}}");

            assertThat(asField.status()).isEqualTo(400);
            assertThat(asField.json().at("/errors/issuelinks").asText())
                    .isEqualTo("Field does not support update 'issuelinks'");
            assertThat(asSet.status()).isEqualTo(400);
            assertThat(asSet.json().at("/errors/issuelinks").asText())
                    .isEqualTo("Field 'issuelinks' does not support operation 'set'");
            assertThat(sim.issues()).hasSize(1);
            sim.assertNoSpecViolations();
        }
    }
}
