package io.prodsupport.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads prodsupport.yml: YAML, then ${ENV} substitution on values, then validation of every key, then binding.
 * Any problem stops the load with a {@link ConfigException} listing all of them, before anything starts.
 */
public final class ConfigLoader {

    private final Map<String, String> env;
    private final SectionTitles sections;
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * @param env      the environment for {@code ${ENV}} substitution
     * @param sections the incident template's sections, to check {@code incidents.requiredOnClose} against
     */
    public ConfigLoader(Map<String, String> env, SectionTitles sections) {
        this.env = env;
        this.sections = Objects.requireNonNull(sections, "sections");
    }

    public Config load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(List.of(file + ": config file not found (choose one with --config FILE; "
                    + "prodsupport.example.yml documents every key)"));
        } catch (IOException e) {
            throw new ConfigException(List.of(file + ": cannot read config file (" + e.getMessage() + ")"));
        }
        return parse(text, file.toString());
    }

    public Config parse(String yamlText, String sourceName) {
        JsonNode tree;
        try {
            tree = yaml.readTree(yamlText);
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation();
            String where = at != null ? " at line " + at.getLineNr() + ", column " + at.getColumnNr() : "";
            throw new ConfigException(List.of(sourceName + ": not valid YAML" + where + ": " + yamlProblem(e)));
        }
        if (!(tree instanceof ObjectNode root)) {
            throw new ConfigException(List.of(sourceName + ": expected YAML with the keys jira, incidents, …"));
        }
        EnvSubstitution substitution = new EnvSubstitution(env);
        substitution.apply(root, "");
        List<String> problems = new ArrayList<>(substitution.problems());
        problems.addAll(new ConfigValidator(substitution.substitutedPaths(), substitution.unsetPaths()).validate(root));
        problems.addAll(crossChecks(root, substitution));
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        try {
            return yaml.treeToValue(root, Config.class);
        } catch (JacksonException | IllegalArgumentException e) {
            // the validator accepted the tree, so this is our bug, not the user's; say so without echoing values
            throw new IllegalStateException(
                    "validated config failed to bind: " + e.getClass().getSimpleName(), e);
        }
    }

    /** Rules that involve more than one key. */
    private List<String> crossChecks(ObjectNode root, EnvSubstitution substitution) {
        List<String> problems = new ArrayList<>();
        JsonNode jira = root.path("jira");
        boolean cloud = present(jira, "email") || present(jira, "apiToken");
        boolean dc = present(jira, "personalAccessToken");
        if (jira.isObject()) {
            if (cloud && dc) {
                problems.add("jira: both Cloud (email + apiToken) and Data Center (personalAccessToken) credentials"
                        + " are set; keep the one for your site");
            } else if (!cloud && !dc && !substitution.unsetPaths().contains("jira.personalAccessToken")) {
                problems.add("jira: no credentials; set email + apiToken (Cloud) or personalAccessToken (Data Center)");
            } else if (cloud
                    && !present(jira, "email")
                    && !substitution.unsetPaths().contains("jira.email")) {
                problems.add("jira.email: missing (Cloud credentials are email + apiToken)");
            } else if (cloud
                    && !present(jira, "apiToken")
                    && !substitution.unsetPaths().contains("jira.apiToken")) {
                problems.add("jira.apiToken: missing (Cloud credentials are email + apiToken)");
            }
        }
        JsonNode webhook = root.path("webhook");
        boolean hasSecrets =
                webhook.path("secrets").isArray() && !webhook.path("secrets").isEmpty();
        boolean unsigned = webhook.path("allowUnsigned").asBoolean(false);
        if (!hasSecrets
                && !unsigned
                && !substitution.unsetPaths().stream().anyMatch(p -> p.startsWith("webhook.secrets"))) {
            problems.add("webhook.secrets: no secret to check Jira's X-Hub-Signature with; add one"
                    + " (recommended) or set webhook.allowUnsigned: true");
        }
        JsonNode incidents = root.path("incidents");
        if (incidents.path("projects").isArray() && incidents.path("projects").isEmpty()) {
            problems.add("incidents.projects: empty; name at least one project key, e.g. [OPS]");
        }
        JsonNode required = incidents.path("requiredOnClose");
        for (int i = 0; required.isArray() && i < required.size(); i++) {
            String title = required.get(i).asText();
            if (!sections.known().test(title)) {
                problems.add("incidents.requiredOnClose[" + i + "]: \"" + title + "\" is not a section; sections are "
                        + String.join(", ", sections.titles()));
            }
        }
        JsonNode modes = incidents.path("mode");
        if (modes.isObject() && incidents.path("projects").isArray()) {
            List<String> projects = new ArrayList<>();
            incidents.path("projects").forEach(p -> projects.add(p.asText().toUpperCase(Locale.ROOT)));
            modes.fieldNames().forEachRemaining(project -> {
                if (!projects.contains(project.toUpperCase(Locale.ROOT))) {
                    problems.add("incidents.mode." + project + ": not one of incidents.projects ("
                            + String.join(", ", projects) + ")");
                }
            });
        }
        problems.addAll(mailFolders(root.path("mail")));
        JsonNode onCall = root.path("onCall");
        if (onCall.path("rotation").isArray() && !onCall.path("rotation").isEmpty() && !present(onCall, "start")) {
            problems.add("onCall.start: missing (required when onCall.rotation is set)");
        }
        if (onCall.path("rotation").isArray() && !onCall.path("rotation").isEmpty() && present(onCall, "ical")) {
            problems.add("onCall: set onCall.rotation or onCall.ical, not both (the calendar replaces the rotation)");
        }
        return problems;
    }

    /**
     * The folders of {@code mail} must differ: moving a handled message into the folder that is read would read it again
     * (harmless, but every poll), and unmatched mail filed among handled mail is mail nobody looks at.
     */
    private static List<String> mailFolders(JsonNode mail) {
        List<String> problems = new ArrayList<>();
        if (!mail.isObject()) {
            return problems;
        }
        String read = mail.path("imap").path("folder").asText("INBOX");
        String done = mail.path("doneFolder").asText(null);
        String unmatched = mail.path("unmatchedFolder").asText(null);
        if (done != null && done.equalsIgnoreCase(read)) {
            problems.add("mail.doneFolder: \"" + done + "\" is the folder that is read (mail.imap.folder); name another"
                    + " folder, or leave it out to flag handled messages where they are");
        }
        if (unmatched != null && unmatched.equalsIgnoreCase(read)) {
            problems.add("mail.unmatchedFolder: \"" + unmatched + "\" is the folder that is read (mail.imap.folder);"
                    + " name another folder, or leave it out to flag such messages where they are");
        } else if (unmatched != null && unmatched.equalsIgnoreCase(done)) {
            problems.add("mail.unmatchedFolder: \"" + unmatched + "\" is also mail.doneFolder; mail that names no"
                    + " incident would hide among handled mail");
        }
        return problems;
    }

    private static boolean present(JsonNode node, String key) {
        return node.hasNonNull(key);
    }

    /** SnakeYAML's own words for what is wrong, without the multi-line snippet Jackson appends. */
    private static String yamlProblem(JacksonException e) {
        if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblem() != null) {
            String context = marked.getContext() != null ? marked.getContext() + ": " : "";
            String hint = e.getCause().getMessage().contains("${")
                    ? " (inside [ ] or { } put ${VAR} in quotes: \"${VAR}\")"
                    : "";
            return context + marked.getProblem() + hint;
        }
        String message = e.getOriginalMessage();
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
