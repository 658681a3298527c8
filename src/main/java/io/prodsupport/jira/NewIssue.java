package io.prodsupport.jira;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An issue to create. {@code properties} (records, strings, lists or maps) are set by the create call itself, so an
 * issue never exists without them (the follow-up planner stores its origin there). Description and priority may be
 * null. {@code link}, when present, links the new issue to an existing one in the same call.
 */
public record NewIssue(
        String projectKey,
        String issueType,
        String summary,
        String description,
        List<String> labels,
        String priority,
        Map<String, Object> properties,
        Optional<LinkFrom> link) {

    public NewIssue {
        Objects.requireNonNull(projectKey, "projectKey");
        Objects.requireNonNull(issueType, "issueType");
        Objects.requireNonNull(summary, "summary");
        labels = labels == null ? List.of() : List.copyOf(labels);
        properties = properties == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        link = link == null ? Optional.empty() : link;
    }

    public NewIssue(
            String projectKey,
            String issueType,
            String summary,
            String description,
            List<String> labels,
            String priority,
            Map<String, Object> properties) {
        this(projectKey, issueType, summary, description, labels, priority, properties, Optional.empty());
    }

    /**
     * This issue, created already linked from {@code inwardKey} by a link of {@code linkTypeName}: the same link as
     * {@link JiraClient#linkIssues}{@code (linkTypeName, inwardKey, newKey)} would make. Jira accepts it only when
     * the project's create screen has the Linked Issues field; it answers 400 with an {@code issuelinks} error
     * otherwise (see {@link JiraException#refusedField}).
     */
    public NewIssue linkedFrom(String linkTypeName, String inwardKey) {
        return new NewIssue(
                projectKey,
                issueType,
                summary,
                description,
                labels,
                priority,
                properties,
                Optional.of(new LinkFrom(linkTypeName, inwardKey)));
    }

    /** The same issue without the link in the create call. */
    public NewIssue withoutLink() {
        return new NewIssue(projectKey, issueType, summary, description, labels, priority, properties);
    }

    /** A link from an existing issue to the one being created. */
    public record LinkFrom(String linkTypeName, String inwardKey) {}

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
        link.ifPresent(l -> {
            ObjectNode add =
                    body.putObject("update").putArray("issuelinks").addObject().putObject("add");
            add.putObject("type").put("name", l.linkTypeName());
            add.putObject("inwardIssue").put("key", l.inwardKey());
        });
        properties.forEach((key, value) -> body.withArrayProperty("properties")
                .addObject()
                .put("key", key)
                .set("value", PropertyValues.toJson(value)));
        return body;
    }
}
