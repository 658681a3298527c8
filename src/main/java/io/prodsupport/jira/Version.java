package io.prodsupport.jira;

import com.fasterxml.jackson.databind.JsonNode;

/** A project version (what Jira calls a fix version). */
public record Version(String id, String name, String projectId, boolean released, boolean archived) {

    static Version fromJson(JsonNode node) {
        return new Version(
                JsonFields.text(node, "id"),
                JsonFields.text(node, "name"),
                JsonFields.text(node, "projectId"),
                JsonFields.bool(node, "released"),
                JsonFields.bool(node, "archived"));
    }
}
