package io.prodsupport.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prodsupport.jira.HttpJiraClient;
import io.prodsupport.jira.JiraClient;
import io.prodsupport.jirasim.Flavour;
import io.prodsupport.jirasim.JiraSimulator;
import io.prodsupport.jirasim.SimComment;
import io.prodsupport.jirasim.SimSite;
import io.prodsupport.jirasim.SimUser;
import io.prodsupport.testing.Intercepted;
import io.prodsupport.testing.SimulatedSite;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The reactive close gate against the simulator over real HTTP. */
class CloseGateTest {

    private static final List<Section> REQUIRED =
            List.of(Section.SYMPTOMS, Section.ROOT_CAUSE, Section.FIXES_FOR_ROOT_CAUSE);

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

    private CloseGate gate(JiraClient client) {
        return new CloseGate(client, new IncidentScope(List.of("OPS"), List.of(), Optional.empty()), REQUIRED);
    }

    /** The gate as the workflow runs it: on the issue read once, with the gate's fields and properties. */
    private Optional<String> check(JiraClient client, ClosingEvent close) {
        return gate(client).check(client.getIssue(close.issueKey(), CloseGate.FIELDS, CloseGate.PROPERTIES), close);
    }

    /** An incident with the template; {@code rootCause} null leaves Root Cause(s) TBD. */
    private String incident(String rootCause) {
        String description = SectionTemplate.wrap("Checkout is down", null);
        description = description
                .replaceFirst("h2. Symptoms\nTBD", "h2. Symptoms\n500s on /checkout")
                .replaceFirst("h2. Fixes for the Root Cause\nTBD", "h2. Fixes for the Root Cause\nRoll back 4.2");
        if (rootCause != null) {
            description = description.replaceFirst("h2. Root Cause\\(s\\)\nTBD", "h2. Root Cause(s)\n" + rootCause);
        }
        String key = sim.createIssue("OPS", "Incident", "Checkout down", description, site.carol());
        sim.transition(key, "In Progress", site.alice());
        return key;
    }

    /** Closes as {@code who} and returns the close as the webhook reported it. */
    private ClosingEvent close(String key, SimUser who) {
        sim.transition(key, "Done", who);
        var fired = sim.webhooks().fired();
        var payload = fired.get(fired.size() - 1).payload();
        return new ClosingEvent(key, payload.path("changelog").path("id").asText(), "In Progress", who.jiraId());
    }

    private List<String> comments(String key) {
        return sim.issue(key).comments().stream().map(SimComment::body).toList();
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void closing_with_a_tbd_root_cause_is_reverted_with_a_comment_naming_it(Flavour flavour) {
        site(flavour);
        String key = incident(null);

        Optional<String> did = check(jira, close(key, site.alice()));

        assertThat(did).contains("moved back to Reopened; missing: Root Cause(s)");
        assertThat(sim.issue(key).statusCategoryKey()).isEqualTo("indeterminate");
        String mention =
                flavour == Flavour.CLOUD ? "[~accountid:" + site.alice().accountId() + "]" : "[~alice]";
        assertThat(comments(key))
                .containsExactly(mention + " this incident went back to *Reopened*: it cannot be"
                        + " done while this section is empty or TBD: Root Cause(s). Fill it in, then close it again.");
    }

    @Test
    void the_same_close_delivered_twice_is_reverted_once_with_one_comment() {
        site(Flavour.CLOUD);
        String key = incident(null);
        ClosingEvent close = close(key, site.alice());

        check(jira, close);
        Optional<String> again = check(jira, close);

        assertThat(again).isEmpty();
        assertThat(comments(key)).hasSize(1);
        assertThat(sim.calls().count("POST /rest/api/2/issue/{issueIdOrKey}/transitions"))
                .isEqualTo(1);
    }

    @Test
    void a_late_close_event_after_the_sections_were_filled_and_closed_again_does_nothing() {
        site(Flavour.CLOUD);
        String key = incident(null);
        ClosingEvent early = close(key, site.alice());
        check(jira, early);
        sim.editDescription(
                key,
                sim.issue(key).description().replace("h2. Root Cause(s)\nTBD", "h2. Root Cause(s)\nA config push"),
                site.alice());
        ClosingEvent filled = close(key, site.alice());

        assertThat(check(jira, filled)).isEmpty();
        assertThat(check(jira, early)).isEmpty();
        assertThat(sim.issue(key).statusCategoryKey()).isEqualTo("done");
        assertThat(comments(key)).hasSize(1);
    }

    @Test
    void a_close_with_every_required_section_filled_stands() {
        site(Flavour.CLOUD);
        String key = incident("A config push disabled the payment pool");

        assertThat(check(jira, close(key, site.alice()))).isEmpty();
        assertThat(sim.issue(key).statusCategoryKey()).isEqualTo("done");
        assertThat(comments(key)).isEmpty();
    }

    @Test
    void without_a_way_back_the_incident_is_labelled_and_explained_once() {
        site(Flavour.CLOUD);
        sim.workflow().removeTransition("Done", "Reopened");
        String key = incident(null);
        ClosingEvent close = close(key, site.alice());

        assertThat(check(jira, close)).contains("labelled prodsupport-incomplete; missing: Root Cause(s)");
        assertThat(check(jira, close)).isEmpty();

        assertThat(sim.issue(key).statusCategoryKey()).isEqualTo("done");
        assertThat(sim.issue(key).labels()).containsExactly("prodsupport-incomplete");
        assertThat(comments(key))
                .singleElement()
                .asString()
                .contains("closed while Root Cause(s) is empty or TBD, and prodsupport could not move it back");
    }

    @Test
    void a_transition_jira_refuses_for_a_required_screen_is_not_retried_forever() {
        site(Flavour.CLOUD);
        sim.workflow().requireField("Done", "Reopened", "resolution");
        String key = incident(null);

        assertThat(check(jira, close(key, site.alice()))).get().asString().startsWith("labelled");
        assertThat(sim.issue(key).labels()).containsExactly("prodsupport-incomplete");
    }

    @Test
    void a_crash_between_the_revert_and_the_comment_still_ends_with_one_revert_and_one_comment() {
        site(Flavour.CLOUD);
        String key = incident(null);
        ClosingEvent close = close(key, site.alice());
        AtomicBoolean crashed = new AtomicBoolean();
        JiraClient crashingOnce = Intercepted.calls(JiraClient.class, jira, method -> {
            if (method.equals("addComment") && crashed.compareAndSet(false, true)) {
                throw new IllegalStateException("process killed");
            }
            return Intercepted.NOTHING;
        });

        assertThatThrownBy(() -> check(crashingOnce, close)).hasMessage("process killed");
        check(jira, close);
        check(jira, close);

        assertThat(sim.calls().count("POST /rest/api/2/issue/{issueIdOrKey}/transitions"))
                .isEqualTo(1);
        assertThat(comments(key)).hasSize(1).first().asString().contains("went back to *Reopened*");
    }

    @Test
    void issues_outside_the_scope_are_left_alone() {
        site(Flavour.CLOUD);
        String key = sim.createIssue("SUP", "Task", "Chore", "TBD", site.carol());

        assertThat(check(jira, close(key, site.alice()))).isEmpty();
        assertThat(sim.issue(key).statusCategoryKey()).isEqualTo("done");
    }
}
