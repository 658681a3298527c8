package io.prodsupport.jira;

import com.fasterxml.jackson.databind.JsonNode;

/** A link type such as Relates, with the phrases Jira shows for each end. */
public record IssueLinkType(String id, String name, String inward, String outward) {

    static IssueLinkType fromJson(JsonNode node) {
        return new IssueLinkType(
                JsonFields.text(node, "id"),
                JsonFields.text(node, "name"),
                JsonFields.text(node, "inward"),
                JsonFields.text(node, "outward"));
    }
}
