package io.prodsupport.descriptor;

import io.prodsupport.check.WebhookSetup;
import io.prodsupport.config.Config;
import io.prodsupport.incident.IncidentScope;
import io.prodsupport.incident.OnCallRotation;
import io.prodsupport.incident.Section;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The generated files of {@code plugin-descriptor/}, written from the config so they never drift from the Java gate:
 * {@code forge/manifest.yml} (the Forge app: a function-based {@code jira:workflowValidator} and the incident panel,
 * a UI Kit {@code jira:issueContext}), {@code forge/src/rules.js} (the close gate, the prevention actions and the
 * rotation that the validator and the panel apply, see {@link RulesModule}) and {@code webhook.json} (the admin
 * webhook registration body). The handlers ({@code forge/src/index.js}, {@code validator.js}, {@code panel/}), the
 * panel's UI ({@code forge/src/frontend/}) and {@code forge/package.json} are written by hand and live beside them.
 */
public final class ForgeManifest {

    /** Replaced by the real id when the administrator runs {@code forge register}. */
    static final String APP_ID_PLACEHOLDER = "ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000";

    static final String WEBHOOK_URL_PLACEHOLDER = "https://prodsupport.example.com/webhook/jira";
    static final List<String> WEBHOOK_EVENTS = WebhookSetup.EVENTS;

    /** The Forge function module the validator calls: {@code validate} exported by {@code src/index.js}. */
    static final String FUNCTION_KEY = "close-gate";

    static final String FUNCTION_HANDLER = "index.validate";

    /** The incident panel: the issue view module, its resolver function and its UI Kit resource. */
    static final String PANEL_KEY = "prodsupport-incident-panel";

    static final String PANEL_FUNCTION_KEY = "incident-panel";
    static final String PANEL_HANDLER = "index.panel";
    static final String PANEL_RESOURCE_KEY = "incident-panel-ui";
    static final String PANEL_RESOURCE_PATH = "src/frontend/index.jsx";
    static final String PANEL_TITLE = "Incident checklist";

    private final List<Section> required;
    private final IncidentScope scope;
    private final RulesModule.PanelFacts facts;
    private final String webhookUrl;

    private ForgeManifest(
            List<Section> required, IncidentScope scope, RulesModule.PanelFacts facts, String webhookUrl) {
        this.required = required;
        this.scope = scope;
        this.facts = facts;
        this.webhookUrl = webhookUrl;
    }

    /**
     * From the whole config: the incidents' scope and required sections, and what the panel shows of the rest
     * (follow-up project, channels, rotation).
     *
     * @throws IllegalArgumentException naming a requiredOnClose entry that is no section title or alias
     */
    public static ForgeManifest of(Config config) {
        ForgeManifest gate = of(config.incidents());
        Config.OnCall onCall = config.onCall();
        // an empty rotation (start and period then unused) has nobody on duty
        OnCallRotation rotation = new OnCallRotation(onCall.rotation(), onCall.start(), onCall.period());
        return new ForgeManifest(
                gate.required,
                gate.scope,
                new RulesModule.PanelFacts(config.followUps().project(), channels(config.notifications()), rotation),
                Optional.ofNullable(config.webhook().publicUrl())
                        .map(Object::toString)
                        .orElse(WEBHOOK_URL_PLACEHOLDER));
    }

    /** The channels {@code notify} configures, by the names {@code prodsupport.announced} records. */
    static List<String> channels(Config.Notify notify) {
        List<String> channels = new ArrayList<>();
        if (notify == null) {
            return channels;
        }
        if (notify.slack() != null) {
            channels.add("slack");
        }
        if (notify.teams() != null) {
            channels.add("teams");
        }
        if (notify.email() != null) {
            channels.add("email");
        }
        return channels;
    }

    /**
     * From the incidents alone (follow-ups in the first incident project, no channel, no rotation).
     *
     * @throws IllegalArgumentException naming a requiredOnClose entry that is no section title or alias
     */
    public static ForgeManifest of(Config.Incidents incidents) {
        List<Section> required = new ArrayList<>();
        for (String name : incidents.requiredOnClose()) {
            Optional<Section> section = Section.match(name);
            if (section.isEmpty()) {
                throw new IllegalArgumentException("incidents.requiredOnClose: \"" + name
                        + "\" is not a section of the template (see Section for titles and aliases)");
            }
            required.add(section.get());
        }
        IncidentScope scope = new IncidentScope(incidents.projects(), incidents.issueTypes(), incidents.labelFilter());
        return new ForgeManifest(
                required.stream().distinct().sorted().toList(),
                scope,
                RulesModule.PanelFacts.of(scope),
                WEBHOOK_URL_PLACEHOLDER);
    }

    /** {@code forge/src/rules.js}. */
    public String rules() {
        return RulesModule.generate(required, scope, facts);
    }

    public String manifest() {
        String titles = required.stream().map(Section::title).collect(Collectors.joining(", "));
        return "# Generated by `prodsupport descriptor` from the config and the section definitions; do not edit.\n"
                + "# Regenerate after changing incidents, followUps.project, onCall or notify channels, then forge deploy.\n"
                + "app:\n"
                + "  id: " + APP_ID_PLACEHOLDER + "\n"
                + "  runtime:\n"
                + "    name: nodejs24.x\n"
                + "modules:\n"
                + "  jira:workflowValidator:\n"
                + "    - key: prodsupport-required-sections\n"
                + "      name: Incident sections filled in\n"
                + "      description: " + yaml("Blocks closing an incident while " + titles + " is empty or TBD.")
                + "\n"
                // A function, not a Jira expression: the gate does not fit the expression limits (README).
                + "      function: " + FUNCTION_KEY + "\n"
                // issueContext, not issuePanel: it is on every incident without anyone adding it, beside the status
                // and the assignee, where people look before they close (README).
                + "  jira:issueContext:\n"
                + "    - key: " + PANEL_KEY + "\n"
                + "      title: " + PANEL_TITLE + "\n"
                + "      label: " + PANEL_TITLE + "\n"
                + "      description: "
                + yaml("What prodsupport still wants from this incident: " + titles
                        + " filled in, follow-ups for the prevention actions, who was told and who is on duty.")
                + "\n"
                + "      resource: " + PANEL_RESOURCE_KEY + "\n"
                + "      render: native\n"
                + "      resolver:\n"
                + "        function: " + PANEL_FUNCTION_KEY + "\n"
                // Only in the incident projects; the panel checks issue types and label itself, as the service does.
                + "      displayConditions:\n"
                + "        projectKey: "
                + scope.projects().stream()
                        .map(p -> yaml(p.toUpperCase(Locale.ROOT)))
                        .collect(Collectors.joining(", ", "[", "]"))
                + "\n"
                + "  function:\n"
                + "    - key: " + FUNCTION_KEY + "\n"
                + "      handler: " + FUNCTION_HANDLER + "\n"
                + "    - key: " + PANEL_FUNCTION_KEY + "\n"
                + "      handler: " + PANEL_HANDLER + "\n"
                + "resources:\n"
                + "  - key: " + PANEL_RESOURCE_KEY + "\n"
                + "    path: " + PANEL_RESOURCE_PATH + "\n"
                + "permissions:\n"
                + "  scopes:\n"
                + "    - read:jira-work\n";
    }

    /**
     * The body for {@code POST /rest/webhooks/1.0/webhook} (Cloud and Data Center), with {@code webhook.publicUrl} (a
     * placeholder when it is not set); {@code prodsupport webhook register} sends the same, with the secret.
     */
    public String webhook() {
        String jql = scope.jql();
        return "{\n"
                + "  \"name\": \"prodsupport\",\n"
                + "  \"url\": \"" + json(webhookUrl) + "\",\n"
                + "  \"events\": ["
                + WEBHOOK_EVENTS.stream().map(e -> "\"" + e + "\"").collect(Collectors.joining(", ")) + "],\n"
                + "  \"filters\": {\n"
                + "    \"issue-related-events-section\": \"" + json(jql) + "\"\n"
                + "  },\n"
                + "  \"excludeBody\": false\n"
                + "}\n";
    }

    /** Writes {@code forge/manifest.yml}, {@code forge/src/rules.js} and {@code webhook.json} under {@code folder}. */
    public List<Path> writeTo(Path folder) throws IOException {
        Path manifest = folder.resolve("forge").resolve("manifest.yml");
        Path rules = folder.resolve("forge").resolve("src").resolve("rules.js");
        Path webhook = folder.resolve("webhook.json");
        Files.createDirectories(rules.getParent());
        Files.writeString(manifest, manifest(), StandardCharsets.UTF_8);
        Files.writeString(rules, rules(), StandardCharsets.UTF_8);
        Files.writeString(webhook, webhook(), StandardCharsets.UTF_8);
        return List.of(manifest, rules, webhook);
    }

    /** A double-quoted YAML scalar, so a section title with a colon or a hash cannot change the manifest's shape. */
    private static String yaml(String text) {
        return "\"" + json(text) + "\"";
    }

    private static String json(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
