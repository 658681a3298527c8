package io.prodsupport.jirasim;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the {@code fields} and {@code update} parts of create and edit requests the way Jira does: per field,
 * operations {@code set}, {@code add}, {@code remove}; values naming versions by {name} or {id}, users by
 * {accountId} on Cloud and {name} on Data Center. Refusals carry Jira's per-field messages.
 */
final class IssueFieldWriter {
    private final SimState state;
    private final IssueEditor editor;

    IssueFieldWriter(SimState state, IssueEditor editor) {
        this.state = state;
        this.editor = editor;
    }

    void apply(IssueRecord r, String field, String op, JsonNode value, List<ChangeItem> items) {
        switch (field) {
            case "summary" -> {
                requireOp(field, op, "set");
                if (value.asText("").isBlank()) {
                    throw JiraError.field(400, "summary", "You must specify a summary of the issue.");
                }
                editor.setSummary(r, value.asText(), items);
            }
            case "description" -> {
                requireOp(field, op, "set");
                editor.setDescription(r, value.isNull() ? null : value.asText(), items);
            }
            case "environment" -> {
                requireOp(field, op, "set");
                editor.setEnvironment(r, value.isNull() ? null : value.asText(), items);
            }
            case "labels" -> editor.setLabels(r, labels(r, op, value), items);
            case "fixVersions" -> editor.setFixVersions(r, versions(r, op, value), items);
            case "assignee" -> {
                requireOp(field, op, "set");
                editor.setAssignee(r, user("assignee", value), items);
            }
            case "reporter" -> {
                requireOp(field, op, "set");
                SimUser reporter = user("reporter", value);
                if (reporter == null) {
                    throw JiraError.field(400, "reporter", "Reporter is required.");
                }
                r.reporter = reporter;
            }
            case "priority" -> {
                requireOp(field, op, "set");
                String id = value.hasNonNull("id")
                        ? value.get("id").asText()
                        : value.path("name").asText("");
                editor.setPriority(
                        r,
                        SimPriority.find(id)
                                .orElseThrow(() -> JiraError.field(
                                        400, "priority", "Specify the Priority (id or name) in the correct format")),
                        items);
            }
            default ->
                throw JiraError.field(
                        400,
                        field,
                        "Field '" + field + "' cannot be set. It is not on the appropriate screen, or unknown.");
        }
    }

    private static void requireOp(String field, String op, String allowed) {
        if (!op.equals(allowed)) {
            throw JiraError.field(400, field, "Field '" + field + "' does not support operation '" + op + "'");
        }
    }

    private static List<String> labels(IssueRecord r, String op, JsonNode value) {
        List<String> out = new ArrayList<>(r.labels);
        switch (op) {
            case "set" -> {
                out.clear();
                value.forEach(v -> out.add(label(v)));
            }
            case "add" -> out.add(label(value));
            case "remove" -> out.remove(value.asText());
            default -> requireOp("labels", op, "set");
        }
        return out;
    }

    /** Jira refuses labels with spaces: they are space-separated in history and JQL. */
    private static String label(JsonNode v) {
        String s = v.asText("");
        if (s.isBlank() || s.contains(" ")) {
            throw JiraError.field(400, "labels", "The label '" + s + "' contains spaces which is invalid.");
        }
        return s;
    }

    private List<SimVersion> versions(IssueRecord r, String op, JsonNode value) {
        List<SimVersion> out = new ArrayList<>(r.fixVersions);
        switch (op) {
            case "set" -> {
                out.clear();
                value.forEach(v -> out.add(version(r.project, v)));
            }
            case "add" -> {
                SimVersion v = version(r.project, value);
                if (!out.contains(v)) {
                    out.add(v);
                }
            }
            case "remove" -> out.remove(version(r.project, value));
            default -> requireOp("fixVersions", op, "set");
        }
        return out;
    }

    private static SimVersion version(SimProject project, JsonNode ref) {
        if (ref.hasNonNull("id")) {
            String id = ref.get("id").asText();
            return (id.matches("\\d+") ? project.version(Long.parseLong(id)) : java.util.Optional.<SimVersion>empty())
                    .orElseThrow(() -> JiraError.field(400, "fixVersions", "Version id '" + id + "' is not valid"));
        }
        String name = ref.path("name").asText("");
        return project.version(name)
                .orElseThrow(() -> JiraError.field(400, "fixVersions", "Version name '" + name + "' is not valid"));
    }

    /** Null value (or {accountId: null}) unassigns. Cloud accepts only accountId since the GDPR changes. */
    private SimUser user(String field, JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        String id;
        if (state.flavour == Flavour.CLOUD) {
            if (!value.has("accountId") && (value.has("name") || value.has("key"))) {
                throw JiraError.field(
                        400,
                        field,
                        "'accountId' must be the only user identifying query parameter in GDPR strict mode.");
            }
            if (value.path("accountId").isNull()) {
                return null;
            }
            id = value.path("accountId").asText("");
        } else {
            if (value.path("name").isNull()) {
                return null;
            }
            id = value.hasNonNull("name")
                    ? value.get("name").asText()
                    : value.path("key").asText("");
        }
        return state.userByRestId(id)
                .orElseThrow(() -> JiraError.field(400, field, "User '" + id + "' does not exist."));
    }
}
