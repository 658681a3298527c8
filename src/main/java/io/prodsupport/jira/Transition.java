package io.prodsupport.jira;

import com.fasterxml.jackson.databind.JsonNode;

/** A transition available on an issue now, with the status it leads to. */
public record Transition(String id, String name, String toStatus, String toCategoryKey) {

    public boolean leadsToDone() {
        return Status.DONE.equals(toCategoryKey);
    }

    static Transition fromJson(JsonNode node) {
        JsonNode to = node.get("to");
        return new Transition(
                JsonFields.text(node, "id"),
                JsonFields.text(node, "name"),
                JsonFields.text(to, "name"),
                JsonFields.text(to, "statusCategory", "key"));
    }
}
