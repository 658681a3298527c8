package io.prodsupport.jirasim;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Jira's {@code fields} parameter: a comma list of field ids, {@code *all}, {@code *navigable}, and
 * {@code -field} to exclude. Unknown field ids are ignored, as Jira does.
 */
final class FieldSelection {
    /** The order Jira tends to print fields in; also the universe of fields the simulator knows. */
    static final List<String> ORDER = List.of(
            "issuetype",
            "project",
            "fixVersions",
            "resolution",
            "resolutiondate",
            "watches",
            "created",
            "priority",
            "labels",
            "versions",
            "issuelinks",
            "assignee",
            "updated",
            "status",
            "components",
            "description",
            "summary",
            "creator",
            "subtasks",
            "reporter",
            "environment",
            "duedate",
            "statuscategorychangedate",
            "comment",
            "attachment");

    private final Set<String> included;

    private FieldSelection(Set<String> included) {
        this.included = included;
    }

    static FieldSelection all() {
        return parse(List.of("*all"), "*all");
    }

    static FieldSelection navigable() {
        return parse(List.of("*navigable"), "*navigable");
    }

    /** {@code values} may hold several comma lists (repeated query parameters or a JSON array). */
    static FieldSelection parse(List<String> values, String defaultSpec) {
        List<String> tokens = values.stream()
                .flatMap(v -> List.of(v.split(",")).stream())
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
        if (tokens.stream().noneMatch(t -> !t.startsWith("-"))) {
            tokens = new java.util.ArrayList<>(tokens);
            tokens.add(0, defaultSpec);
        }
        Set<String> in = new HashSet<>();
        for (String t : tokens) {
            if (t.equals("*all")) {
                in.addAll(ORDER);
            } else if (t.equals("*navigable")) {
                in.addAll(JsonShapes.NAVIGABLE);
            } else if (!t.startsWith("-") && ORDER.contains(t)) {
                in.add(t);
            }
        }
        for (String t : tokens) {
            if (t.startsWith("-")) {
                in.remove(t.substring(1));
            }
        }
        return new FieldSelection(in);
    }

    boolean includes(String field) {
        return included.contains(field);
    }
}
