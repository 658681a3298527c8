package io.prodsupport.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Narrow edits for {@code PUT /rest/api/2/issue/{key}}: {@code update} operations add or remove one value
 * without rewriting the field, so a person's concurrent edit to the same field survives. Build with the
 * fluent methods; two edits are equal when they would send the same body.
 */
public final class IssueEdit {

    private final ObjectNode update = JsonNodeFactory.instance.objectNode();
    private final ObjectNode fields = JsonNodeFactory.instance.objectNode();
    private final Map<String, JsonNode> properties = new LinkedHashMap<>();

    public IssueEdit addFixVersion(String versionName) {
        return operation("fixVersions", "add", object("name", versionName));
    }

    public IssueEdit setDescription(String text) {
        return operation("description", "set", JsonNodeFactory.instance.textNode(text));
    }

    /** Cloud refers to users by {@code accountId}, Data Center by {@code name}. */
    public IssueEdit setAssignee(String userRef, Flavour flavour) {
        return operation("assignee", "set", object(flavour == Flavour.CLOUD ? "accountId" : "name", userRef));
    }

    public IssueEdit addLabel(String label) {
        return operation("labels", "add", JsonNodeFactory.instance.textNode(label));
    }

    public IssueEdit removeLabel(String label) {
        return operation("labels", "remove", JsonNodeFactory.instance.textNode(label));
    }

    /** Sets a whole field (e.g. a custom field) under {@code fields}; prefer the narrow operations. */
    public IssueEdit setField(String fieldId, Object value) {
        fields.set(fieldId, PropertyValues.toJson(value));
        return this;
    }

    /**
     * Sets an entity property in the same call as the field edits, so both happen or neither (Jira's edit takes
     * {@code properties}); {@code value} is a record, string, list or map.
     */
    public IssueEdit setProperty(String propertyKey, Object value) {
        properties.put(propertyKey, PropertyValues.toJson(value));
        return this;
    }

    /** Whether the edit changes any field (properties aside). */
    public boolean changesFields() {
        return !update.isEmpty() || !fields.isEmpty();
    }

    public boolean isEmpty() {
        return !changesFields() && properties.isEmpty();
    }

    /**
     * The request body: {@code {"update": {...}}}, plus {@code "fields"} only when a whole field is set and
     * {@code "properties"} only when a property is.
     */
    ObjectNode toRequestBody() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        if (!update.isEmpty()) {
            body.set("update", update.deepCopy());
        }
        if (!fields.isEmpty()) {
            body.set("fields", fields.deepCopy());
        }
        properties.forEach((key, value) ->
                body.withArrayProperty("properties").addObject().put("key", key).set("value", value.deepCopy()));
        return body;
    }

    private IssueEdit operation(String field, String verb, JsonNode value) {
        update.withArrayProperty(field).addObject().set(verb, value);
        return this;
    }

    private static ObjectNode object(String key, String value) {
        return JsonNodeFactory.instance.objectNode().put(key, value);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IssueEdit edit && toRequestBody().equals(edit.toRequestBody());
    }

    @Override
    public int hashCode() {
        return toRequestBody().hashCode();
    }

    @Override
    public String toString() {
        return toRequestBody().toString();
    }
}
