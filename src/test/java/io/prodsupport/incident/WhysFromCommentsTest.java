package io.prodsupport.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.prodsupport.jira.HttpJiraClient;
import io.prodsupport.jira.Issue;
import io.prodsupport.jira.JiraClient;
import io.prodsupport.jirasim.Flavour;
import io.prodsupport.jirasim.JiraSimulator;
import io.prodsupport.jirasim.SimComment;
import io.prodsupport.jirasim.SimSite;
import io.prodsupport.testing.SimulatedSite;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** "Why …?" questions from comments into the Whys section, against the simulator over real HTTP. */
class WhysFromCommentsTest {

    private SimulatedSite simulated;
    private JiraSimulator sim;
    private SimSite site;
    private HttpJiraClient jira;

    private void site(Flavour flavour) {
        simulated = SimulatedSite.start(flavour);
        sim = simulated.sim();
        site = simulated.site();
        jira = simulated.bot();
    }

    @AfterEach
    void everyRequestConformedToTheSpec() {
        if (simulated != null) {
            simulated.close();
        }
    }

    private String incident() {
        return sim.createIssue(
                "OPS", "Incident", "Checkout down", SectionTemplate.wrap("Checkout is down", null), site.carol());
    }

    /** The rule as the workflow runs it: on the issue read once with the workflow's fields and properties. */
    private WhysFromComments.Result copy(JiraClient client, String key, boolean enabled) {
        Issue issue = client.getIssue(key, IncidentWorkflow.fields(), IncidentWorkflow.properties());
        return new WhysFromComments(client, enabled).apply(issue, true);
    }

    private String whys(String key) {
        return IncidentDescription.parse(sim.issue(key).description())
                .section(Section.WHYS)
                .orElseThrow()
                .body();
    }

    private String commentId(String key, int index) {
        List<SimComment> comments = sim.issue(key).comments();
        return String.valueOf(comments.get(index).id());
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void a_question_in_a_comment_lands_under_whys_with_who_asked_and_a_link(Flavour flavour) {
        site(flavour);
        String key = incident();
        String before = sim.issue(key).description();
        sim.addComment(
                key,
                "Looking at the pool now.\nWhy did the pool run dry?\nAlso, is this a question? No.\nwhy no alert?",
                site.bob());

        WhysFromComments.Result result = copy(jira, key, true);

        String link = sim.baseUrl() + "/browse/" + key + "?focusedCommentId=" + commentId(key, 0);
        assertThat(whys(key))
                .isEqualTo("* Why did the pool run dry? \u2014 asked by Bob Oncall ([comment|" + link + "])\n"
                        + "* why no alert? \u2014 asked by Bob Oncall ([comment|" + link + "])\n\n");
        assertThat(result.did()).contains("whys: 2 question(s) from comments");
        assertThat(sim.issue(key).description())
                .as("nothing but Whys changes")
                .isEqualTo(WhysSection.withBullets(
                        before,
                        List.of(
                                "* Why did the pool run dry? \u2014 asked by Bob Oncall ([comment|" + link + "])",
                                "* why no alert? \u2014 asked by Bob Oncall ([comment|" + link + "])")));
        assertThat(sim.issue(key).property(WhysFromComments.PROPERTY).path("added"))
                .hasSize(2);
    }

    @Test
    void the_same_question_asked_three_times_and_redelivered_is_added_once_then_costs_nothing() {
        site(Flavour.CLOUD);
        String key = incident();
        sim.addComment(key, "Why did the pool run dry?", site.bob());
        sim.addComment(key, "* *why did the pool run  dry ?*", site.alice());
        copy(jira, key, true);
        sim.addComment(key, "WHY did the pool run dry?", site.carol());
        sim.calls().reset();

        WhysFromComments.Result again = copy(jira, key, true);

        assertThat(again.did()).isEmpty();
        assertThat(sim.calls().snapshot()).isEqualTo(Map.of("GET /rest/api/2/issue/{issueIdOrKey}", 1));
        assertThat(whys(key)).containsOnlyOnce("pool run dry").contains("asked by Bob Oncall");
    }

    @Test
    void a_question_typed_by_hand_is_not_added_and_one_a_person_removed_is_not_added_back() {
        site(Flavour.DATA_CENTER);
        String key = incident();
        sim.editDescription(
                key,
                sim.issue(key).description().replace("h2. Whys\n* \n", "h2. Whys\n* Why no canary? Nobody asked.\n"),
                site.alice());
        sim.addComment(key, "Why no canary?\nWhy was it pushed on a Friday?", site.bob());
        copy(jira, key, true);
        assertThat(whys(key)).containsOnlyOnce("Why no canary?").contains("Why was it pushed on a Friday?");

        sim.editDescription(
                key,
                sim.issue(key).description().replaceAll("\\* Why was it pushed on a Friday\\?[^\\n]*\\n", ""),
                site.alice());
        sim.addComment(key, "Unrelated chatter", site.carol());
        copy(jira, key, true);

        assertThat(whys(key)).doesNotContain("Friday");
    }

    @Test
    void a_persons_edit_since_the_workflows_read_is_kept_and_a_question_they_typed_meanwhile_is_not_doubled() {
        site(Flavour.CLOUD);
        String key = incident();
        sim.addComment(key, "Why did the pool run dry?\nWhy was it pushed on a Friday?", site.bob());
        Issue read = jira.getIssue(key, IncidentWorkflow.fields(), IncidentWorkflow.properties());
        sim.editDescription(
                key,
                sim.issue(key)
                        .description()
                        .replace("h2. Scope\nTBD", "h2. Scope\nEU only")
                        .replace("h2. Whys\n* \n", "h2. Whys\n* Why was it pushed on a Friday? The freeze ended.\n"),
                site.alice());

        new WhysFromComments(jira, true).apply(read, true);

        assertThat(sim.issue(key).description()).contains("h2. Scope\nEU only");
        assertThat(whys(key))
                .startsWith("* Why was it pushed on a Friday? The freeze ended.\n* Why did the pool run dry?")
                .containsOnlyOnce("Friday");
    }

    @Test
    void prodsupports_own_comments_never_feed_the_whys_and_the_switch_turns_it_off() {
        site(Flavour.CLOUD);
        String key = incident();
        sim.addComment(key, "Why is this a bot comment?", site.bot());

        assertThat(copy(jira, key, true).did()).isEmpty();

        sim.addComment(key, "Why did the pool run dry?", site.bob());
        assertThat(copy(jira, key, false).did()).isEmpty();
        assertThat(whys(key)).isEqualTo("* \n\n");
    }
}
