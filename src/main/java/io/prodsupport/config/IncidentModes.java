package io.prodsupport.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code incidents.mode}: whether prodsupport changes an incident project in Jira ({@code enforce}, the default) or only
 * says what it would change ({@code observe}). One word for every project, or one per project
 * ({@code {OPS: observe}}; a project not named enforces). {@code serve --observe} observes every project.
 */
public record IncidentModes(boolean observeAll, Map<String, Boolean> observedByProject) {

    public static final IncidentModes ENFORCE = new IncidentModes(false, Map.of());

    public IncidentModes {
        Map<String, Boolean> upper = new LinkedHashMap<>();
        observedByProject.forEach((project, observed) -> upper.put(project.toUpperCase(Locale.ROOT), observed));
        observedByProject = Map.copyOf(upper);
    }

    /** From the validated YAML: {@code "observe"} or {@code {OPS: "observe", WEB: "enforce"}}. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static IncidentModes fromYaml(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Boolean> byProject = new LinkedHashMap<>();
            map.forEach((project, mode) -> byProject.put(String.valueOf(project), "observe".equals(mode)));
            return new IncidentModes(false, byProject);
        }
        return new IncidentModes("observe".equals(value), Map.of());
    }

    /** Every project observed: {@code serve --observe}. */
    public static IncidentModes observeEverything() {
        return new IncidentModes(true, Map.of());
    }

    public boolean observes(String projectKey) {
        return observeAll
                || observedByProject.getOrDefault(projectKey == null ? "" : projectKey.toUpperCase(Locale.ROOT), false);
    }

    /** Whether any of {@code projects} is observed. */
    public boolean observesAny(List<String> projects) {
        return projects.stream().anyMatch(this::observes);
    }
}
