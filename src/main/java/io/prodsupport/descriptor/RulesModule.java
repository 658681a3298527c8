package io.prodsupport.descriptor;

import io.prodsupport.incident.FollowUpOrigin;
import io.prodsupport.incident.FollowUpPlanner;
import io.prodsupport.incident.FollowUpSettings;
import io.prodsupport.incident.IncidentAnnouncement;
import io.prodsupport.incident.IncidentScope;
import io.prodsupport.incident.OnCallRotation;
import io.prodsupport.incident.Section;
import io.prodsupport.incident.SectionText;
import io.prodsupport.incident.Staffing;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The Forge validator's rules, {@code forge/src/rules.js}: the service's close gate as a plain ES5 module, so the
 * validator and the service's reactive gate decide every close alike.
 *
 * <p>The logic (line splitting, verbatim blocks, headings, which heading starts a section) is ported by hand in
 * {@code rules.template.js}, beside this class, because in Java it is code, not data; the tests run the generated
 * module in Rhino against the Java parser on every example description and on generated ones. Everything that is
 * data in Java is written into the module from the Java definitions here: section titles, aliases and placeholders
 * ({@link Section}), the normalisation rewrites and the emptiness pattern ({@link SectionText}), and the config's
 * incident scope and required sections.
 */
final class RulesModule {

    /**
     * The words {@link Section#titleKey} drops. That method keeps them in code, so they are repeated here and checked
     * against it on every generation.
     */
    static final List<String> FILLER_WORDS = List.of("the", "and");

    private static final String TEMPLATE = "rules.template.js";
    private static final String DATA_MARKER = "/* DATA */\n";

    private RulesModule() {}

    /**
     * What the incident panel needs to know of the rest of the config, beside the close gate's scope and sections.
     *
     * @param followUpProject {@code followUps.project}: its issue keys in an action mean the action is tracked
     * @param channels        the configured channels, named as {@code prodsupport.announced} names them
     * @param rotation        {@code onCall}: who is on duty when ({@link OnCallRotation#nobody()} for none)
     */
    record PanelFacts(String followUpProject, List<String> channels, OnCallRotation rotation) {
        PanelFacts {
            channels = List.copyOf(channels);
        }

        /** No follow-up project of its own, no channel, no rotation: what a config of incidents alone implies. */
        static PanelFacts of(IncidentScope scope) {
            return new PanelFacts(scope.projects().get(0), List.of(), OnCallRotation.nobody());
        }
    }

    /** The module for these required sections (distinct, in template order), this incident scope and these facts. */
    static String generate(List<Section> required, IncidentScope scope, PanelFacts facts) {
        String template = template();
        if (!template.contains(DATA_MARKER)) {
            throw new IllegalStateException(TEMPLATE + " has no " + DATA_MARKER.strip() + " line");
        }
        return template.replace(DATA_MARKER, data(required, scope) + panelData(facts));
    }

    static String generate(List<Section> required, IncidentScope scope) {
        return generate(required, scope, PanelFacts.of(scope));
    }

    private static String panelData(PanelFacts facts) {
        StringBuilder js = new StringBuilder("\n");
        js.append(
                        "// followUps.project (FollowUps.trackingProjects), the label every follow-up carries and the prefix of the\n")
                .append("// label naming its incident (FollowUpSettings).\n")
                .append("var FOLLOW_UP_PROJECT = ")
                .append(string(facts.followUpProject().toUpperCase(Locale.ROOT)))
                .append(";\n")
                .append("var FOLLOW_UP_LABEL = ")
                .append(string(FollowUpSettings.LABEL))
                .append(";\n")
                .append("var ORIGIN_LABEL_PREFIX = ")
                .append(string(FollowUpSettings.originLabel("")))
                .append(";\n\n");
        js.append("// The issue properties the service writes: staffing, the channels told, a follow-up's origin.\n")
                .append("var PROPERTIES = { staffed: ")
                .append(string(Staffing.PROPERTY))
                .append(", announced: ")
                .append(string(IncidentAnnouncement.PROPERTY))
                .append(", origin: ")
                .append(string(FollowUpOrigin.PROPERTY))
                .append(" };\n\n");
        js.append("// The channels configured under notify.\n")
                .append("var CHANNELS = ")
                .append(array(facts.channels()))
                .append(";\n\n");
        js.append("// onCall: the rotation, its start and the length of a turn, in milliseconds (OnCallRotation).\n")
                .append("var ROTATION = ");
        OnCallRotation rotation = facts.rotation();
        if (rotation.people().isEmpty()) {
            js.append("null;\n\n");
        } else {
            js.append("{ people: ")
                    .append(array(rotation.people()))
                    .append(", startMillis: ")
                    .append(rotation.start().toEpochMilli())
                    .append(", periodMillis: ")
                    .append(rotation.period().toMillis())
                    .append(" };\n\n");
        }
        js.append("// FollowUpPlanner: the longest summary Jira takes, and how a cut one ends.\n")
                .append("var MAX_SUMMARY = ")
                .append(FollowUpPlanner.MAX_SUMMARY)
                .append(";\n")
                .append("var ELLIPSIS = ")
                .append(string(FollowUpPlanner.ELLIPSIS))
                .append(";\n");
        return js.toString();
    }

    private static String data(List<Section> required, IncidentScope scope) {
        String probe = "kept " + String.join(" ", FILLER_WORDS);
        if (!Section.titleKey(probe).equals("kept")) {
            throw new IllegalStateException("Section.titleKey no longer drops " + FILLER_WORDS);
        }
        StringBuilder js = new StringBuilder();
        js.append(
                        "// Which issues are incidents: incidents.projects, issueTypes (upper-cased, as the service compares\n")
                .append("// them) and label.\n")
                .append("var INCIDENT_PROJECTS = ")
                .append(array(upper(scope.projects())))
                .append(";\n")
                .append("var INCIDENT_ISSUE_TYPES = ")
                .append(array(upper(scope.issueTypes())))
                .append(";\n")
                .append("var INCIDENT_LABEL = ")
                .append(scope.label().map(RulesModule::string).orElse("null"))
                .append(";\n\n");
        js.append("// incidents.requiredOnClose, in template order.\n")
                .append("var REQUIRED_ON_CLOSE = ")
                .append(array(required.stream().map(Section::name).toList()))
                .append(";\n\n");
        js.append(
                        "// The template's sections: the title the verdict names, and the normalised placeholder, which still\n")
                .append("// counts as empty (Section).\n")
                .append("var SECTIONS = {\n")
                .append(Arrays.stream(Section.values())
                        .map(s -> "    " + s.name() + ": { title: " + string(s.title()) + ", placeholder: "
                                + string(SectionText.normalise(s.placeholder())) + " }")
                        .collect(Collectors.joining(",\n")))
                .append("\n};\n\n");
        Map<String, Section> byKey = new LinkedHashMap<>();
        for (Section section : Section.values()) {
            section.names().forEach(name -> byKey.putIfAbsent(Section.titleKey(name), section));
        }
        js.append("// Every accepted heading title (title and aliases) by its title key (Section.titleKey).\n")
                .append("var SECTION_BY_TITLE_KEY = {\n")
                .append(byKey.entrySet().stream()
                        .map(e -> "    " + string(e.getKey()) + ": "
                                + string(e.getValue().name()))
                        .collect(Collectors.joining(",\n")))
                .append("\n};\n\n");
        js.append("// Words Section.titleKey drops from a title.\n")
                .append("var FILLER_WORDS = ")
                .append(array(FILLER_WORDS))
                .append(";\n\n");
        js.append(
                        "// SectionText.REWRITES, applied in order to the lower-cased text (\\s spelled out as Java reads it).\n")
                .append("var REWRITES = [\n")
                .append(SectionText.REWRITES.stream()
                        .map(r -> "    [" + JsRegex.literal(r.regex(), "g") + ", "
                                + string(JsRegex.replacement(r.replacement())) + "]")
                        .collect(Collectors.joining(",\n")))
                .append("\n];\n\n");
        js.append("// SectionText.EMPTY, over the normalised text.\n")
                .append("var EMPTY = ")
                .append(JsRegex.literal(SectionText.EMPTY, ""))
                .append(";\n");
        return js.toString();
    }

    private static List<String> upper(List<String> values) {
        return values.stream().map(v -> v.toUpperCase(Locale.ROOT)).toList();
    }

    private static String array(List<String> values) {
        return values.stream().map(RulesModule::string).collect(Collectors.joining(", ", "[", "]"));
    }

    /** A single-quoted JavaScript string literal; anything outside printable ASCII as a \\u escape. */
    static String string(String value) {
        StringBuilder out = new StringBuilder("'");
        for (char c : value.toCharArray()) {
            if (c == '\'' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('\'').toString();
    }

    private static String template() {
        try (InputStream in = RulesModule.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException(TEMPLATE + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
