package io.prodsupport.descriptor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.prodsupport.incident.Action;
import io.prodsupport.incident.ActionIdGoldenTest;
import io.prodsupport.incident.DescriptionExamples.Example;
import io.prodsupport.incident.FollowUpPlanner;
import io.prodsupport.incident.IncidentDescription;
import io.prodsupport.incident.IncidentScope;
import io.prodsupport.incident.OnCallRotation;
import io.prodsupport.incident.Section;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the incident panel takes from the generated rules.js, run in Rhino, agrees with the service: the prevention
 * actions with their ids and follow-up summaries (the ids are stored in every follow-up's origin property, so the
 * panel finds an action's follow-up only if it computes the very same id), which of them still need a follow-up, and
 * who is on duty. The Node tests pin the same ids as literals (ActionIdGoldenTest's).
 */
class PanelRulesAgreementTest {

    private static final String HARNESS = """
            function actionsJson(description, incidentKey) {
                return JSON.stringify(preventionActions(description, incidentKey));
            }
            function needingJson(description, incidentKey, projectKey, idsJson) {
                var needing = needingFollowUp(preventionActions(description, incidentKey), projectKey,
                    JSON.parse(idsJson));
                var ids = [];
                for (var i = 0; i < needing.length; i++) {
                    ids.push(needing[i].id);
                }
                return JSON.stringify(ids);
            }
            """;

    private static final Instant START = Instant.parse("2026-01-05T09:00:00Z");
    private static final OnCallRotation ROTATION =
            new OnCallRotation(List.of("alice", "bob", "carol"), START, Duration.ofDays(7));

    private static final RhinoScripts RULES = new RhinoScripts(
            RulesModule.generate(
                    List.copyOf(RulesAgreementTest.REQUIRED),
                    new IncidentScope(List.of("OPS"), List.of(), Optional.empty()),
                    new RulesModule.PanelFacts("SUP", List.of("slack"), ROTATION)),
            HARNESS);

    private final ObjectMapper json = new ObjectMapper();

    /** What the Java side says of each action, in the shape preventionActions answers. */
    private JsonNode javaActions(String description, String incidentKey) {
        List<Map<String, Object>> actions = new ArrayList<>();
        for (Action action : IncidentDescription.parse(description).actions(Section.PREVENTION)) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("text", action.text());
            a.put("fullText", action.fullText());
            a.put("id", action.id());
            a.put("summary", FollowUpPlanner.summary(action, incidentKey));
            a.put("issueKeys", action.issueKeys());
            actions.add(a);
        }
        return json.valueToTree(actions);
    }

    private JsonNode jsActions(String description, String incidentKey) throws Exception {
        return json.readTree((String) RULES.call("actionsJson", description, incidentKey));
    }

    static List<Example> allExamples() {
        return RulesAgreementTest.allExamples();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allExamples")
    void the_actions_of_every_example_are_the_services(Example example) throws Exception {
        assertThat(jsActions(example.description(), "OPS-7")).isEqualTo(javaActions(example.description(), "OPS-7"));
    }

    @Test
    void the_ids_of_the_golden_actions_are_the_pinned_ones() throws Exception {
        JsonNode actions = jsActions(GOLDEN, "OPS-1");
        List<String> ids = new ArrayList<>();
        actions.forEach(a -> ids.add(a.path("id").asText()));

        assertThat(actions).isEqualTo(javaActions(GOLDEN, "OPS-1"));
        // ActionIdGoldenTest's literals: stored in Jira, they must never drift on either side.
        assertThat(ids)
                .containsExactly(
                        "1e4409a633c2ff00",
                        "b54e2c2709f8214c",
                        "8ccc6e5eae3d139f",
                        "c2961457fef2d647",
                        "f507141c2060bfb8",
                        "b0684e74f049021d",
                        "1881c510d6fa15be",
                        "14616161ccca8f5f",
                        "79b8d13dc8039ac3",
                        "7c882ee3769829c9",
                        "6b6613f19cb4e6c0",
                        "f5f98294da414501",
                        "1e4409a633c2ff00");
    }

    @Property(tries = 2000)
    void on_prevention_sections_built_from_tricky_fragments_the_actions_agree(
            @ForAll("preventionSections") String description) throws Exception {
        assertThat(jsActions(description, "OPS-9")).isEqualTo(javaActions(description, "OPS-9"));
    }

    @Property(tries = 1000)
    void any_text_gets_the_same_action_id(@ForAll("texts") String text) {
        assertThat(RULES.call("actionId", text)).isEqualTo(Action.idOf(text));
    }

    @Test
    void every_character_gets_the_same_summary_and_id() throws Exception {
        List<Character> disagreeing = new ArrayList<>();
        for (char c = 0; c < Character.MAX_VALUE; c += 1) {
            String description = "h2. Prevention / Mitigation\n* a" + c + "*b*" + c + "_c_ {{d}}" + c + "\n";
            if (!jsActions(description, "OPS-1").equals(javaActions(description, "OPS-1"))) {
                disagreeing.add(c);
            }
        }
        assertThat(disagreeing).isEmpty();
    }

    @Test
    void supplementary_letters_digits_and_marks_beside_markup_agree_too() throws Exception {
        List<String> disagreeing = new ArrayList<>();
        for (int c = 0x10000; c < 0x30000; c += 97) {
            String ch = Character.toString(c);
            String description =
                    "h2. Prevention / Mitigation\n* " + ch + "*b*" + ch + " _c_" + ch + "h2. x\u0301" + ch + "\n";
            if (!jsActions(description, "OPS-1").equals(javaActions(description, "OPS-1"))) {
                disagreeing.add(Integer.toHexString(c));
            }
        }
        assertThat(disagreeing).isEmpty();
    }

    @Test
    void a_long_action_is_cut_as_the_service_cuts_its_summary() throws Exception {
        String longAction = "word ".repeat(80) + "x".repeat(300) + " 😀".repeat(100);
        for (String text : List.of(longAction, "y".repeat(253) + "😀😀😀", "z".repeat(400), "a ".repeat(200))) {
            String description = "h2. Prevention / Mitigation\n* " + text + "\n";
            assertThat(jsActions(description, "OPS-1")).isEqualTo(javaActions(description, "OPS-1"));
        }
    }

    @Property(tries = 500)
    void the_actions_needing_a_follow_up_are_the_services(
            @ForAll("preventionSections") String description, @ForAll("knownIds") List<String> withFollowUp)
            throws Exception {
        List<Action> actions = IncidentDescription.parse(description).actions(Section.PREVENTION);
        List<String> known = new ArrayList<>(withFollowUp);
        if (!actions.isEmpty()) {
            known.add(actions.get(0).id());
        }
        List<String> java = FollowUpPlanner.needingFollowUp(actions, Set.of("SUP", "OPS"), Set.copyOf(known)).stream()
                .map(Action::id)
                .toList();

        assertThat(json.readTree((String)
                        RULES.call("needingJson", description, "OPS-9", "OPS", json.writeValueAsString(known))))
                .isEqualTo(json.valueToTree(java));
    }

    @Test
    void the_person_on_duty_is_the_rotations_before_during_and_after_the_start() {
        for (long hours = -24 * 60; hours <= 24 * 60; hours += 5) {
            Instant at = START.plus(Duration.ofHours(hours)).plusMillis(hours % 7);
            assertThat(RULES.call("onDutyAt", (double) at.toEpochMilli()))
                    .as("%s", at)
                    .isEqualTo(ROTATION.onDuty(at).orElseThrow());
        }
    }

    @Test
    void without_a_rotation_nobody_is_on_duty() {
        RhinoScripts none = new RhinoScripts(RulesModule.generate(
                List.copyOf(RulesAgreementTest.REQUIRED),
                new IncidentScope(List.of("OPS"), List.of(), Optional.empty())));

        assertThat(none.call("onDutyAt", (double) START.toEpochMilli())).isNull();
    }

    @Provide
    Arbitrary<String> preventionSections() {
        List<String> fragments = List.of(
                "\n",
                "\n",
                "\n",
                "\r\n",
                "\r",
                " ",
                "  ",
                "\t",
                "* ",
                "** ",
                "*# ",
                "- ",
                "-- ",
                "# ",
                "## ",
                "1. ",
                "12) ",
                "1234. ",
                "*",
                "-",
                "TBD",
                "tbd",
                "todo",
                "Add an alert",
                "Review rotation configs",
                "the",
                "*bold*",
                "_it_",
                "+ins+",
                "-del-",
                "^sup^",
                "~sub~",
                "??cite??",
                "{{mono}}",
                "{{a}}b}}",
                "**x**",
                "*unclosed",
                "x*y*z",
                "[Confluence|https://wiki.example.com]",
                "[~alice]",
                "[~accountid:5b10]",
                "[http://x]",
                "{color:red}",
                "{color}",
                "{code}",
                "{code:java}",
                "{noformat}",
                "```",
                "OPS-12",
                "SUP-3",
                "WEB-4",
                "UTF-8",
                "SHA-256",
                "ops-5",
                "X_Y-9",
                "é",
                "日本",
                "😀",
                "𐀀",
                "𝟎",
                "\u0301",
                "\ud800",
                "\udc00",
                "\u0085",
                "\u2028",
                "\u00a0",
                "\u1680",
                "\u001c",
                "—",
                "…",
                "!!",
                "?",
                "%",
                "h2. Whys\n",
                "h2. Prevention / Mitigation\n",
                "h3. Later\n");
        return Arbitraries.of(fragments)
                .list()
                .ofMaxSize(40)
                .map(parts -> "h2. Root Cause(s)\nPool.\n\nh2. Prevention / Mitigation\n" + String.join("", parts));
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings().all().ofMaxLength(120);
    }

    @Provide
    Arbitrary<List<String>> knownIds() {
        return Arbitraries.strings()
                .withChars("0123456789abcdef")
                .ofLength(16)
                .list()
                .ofMaxSize(3);
    }

    /** ActionIdGoldenTest's description, a dozen actions in the ways people write them. */
    private static final String GOLDEN = ActionIdGoldenTest.DESCRIPTION;
}
