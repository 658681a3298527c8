package io.prodsupport.jira;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An issue with the fields and entity properties that were asked for; fields not asked for read as null or empty,
 * properties not asked for as absent.
 */
public record Issue(String id, String key, IssueFields fields, IssueProperties properties) {

    public Issue {
        properties = properties == null ? IssueProperties.none() : properties;
    }

    public Issue(String id, String key, IssueFields fields) {
        this(id, key, fields, IssueProperties.none());
    }

    /** This issue as it is after the caller set its description: no need to read it again. */
    public Issue withDescription(String description) {
        return new Issue(id, key, fields.withDescription(description), properties);
    }

    /** This issue as it is after the caller set one of its properties. */
    public Issue withProperty(String propertyKey, Object value) {
        return new Issue(id, key, fields, properties.with(propertyKey, value));
    }

    static Issue fromJson(JsonNode node) {
        String key = JsonFields.text(node, "key");
        return new Issue(
                JsonFields.text(node, "id"),
                key,
                IssueFields.fromJson(key, node.get("fields")),
                IssueProperties.fromJson(node.get("properties")));
    }
}
