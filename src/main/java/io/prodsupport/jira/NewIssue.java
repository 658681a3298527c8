package io.prodsupport.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An issue to create. {@code properties} are set by the create call itself, so an issue never exists
 * without them (the follow-up planner stores its origin there). Description and priority may be null.
 */
public record NewIssue(
        String projectKey,
        String issueType,
        String summary,
        String description,
        List<String> labels,
        String priority,
        Map<String, JsonNode> properties) {

    public NewIssue {
        Objects.requireNonNull(projectKey, "projectKey");
        Objects.requireNonNull(issueType, "issueType");
        Objects.requireNonNull(summary, "summary");
        labels = labels == null ? List.of() : List.copyOf(labels);
        properties = properties == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    /** The body of {@code POST /rest/api/2/issue}. */
    ObjectNode toRequestBody() {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode body = json.objectNode();
        ObjectNode fields = body.putObject("fields");
        fields.putObject("project").put("key", projectKey);
        fields.putObject("issuetype").put("name", issueType);
        fields.put("summary", summary);
        if (description != null) {
            fields.put("description", description);
        }
        if (!labels.isEmpty()) {
            labels.forEach(fields.putArray("labels")::add);
        }
        if (priority != null) {
            fields.putObject("priority").put("name", priority);
        }
        if (!properties.isEmpty()) {
            properties.forEach((key, value) -> body.withArrayProperty("properties")
                    .addObject()
                    .put("key", key)
                    .set("value", value));
        }
        return body;
    }
}
