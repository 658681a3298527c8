package io.prodsupport.jira;

import com.fasterxml.jackson.databind.JsonNode;

/** An issue with the fields that were asked for; fields not asked for read as null or empty. */
public record Issue(String id, String key, IssueFields fields) {

    static Issue fromJson(JsonNode node) {
        String key = JsonFields.text(node, "key");
        return new Issue(JsonFields.text(node, "id"), key, IssueFields.fromJson(key, node.get("fields")));
    }
}
