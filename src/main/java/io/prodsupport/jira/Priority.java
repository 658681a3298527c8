package io.prodsupport.jira;

import com.fasterxml.jackson.databind.JsonNode;

/** An issue priority as Jira lists it ({@code GET /rest/api/2/priority}); Jira's list is ordered highest first. */
public record Priority(String id, String name) {

    static Priority fromJson(JsonNode node) {
        return new Priority(JsonFields.text(node, "id"), JsonFields.text(node, "name"));
    }
}
