package io.prodsupport.jira;

import com.fasterxml.jackson.databind.JsonNode;

/** A file attached to an issue, as Jira lists it: its name, size in bytes and MIME type. */
public record Attachment(String id, String filename, long size, String mimeType) {

    static Attachment fromJson(JsonNode node) {
        return new Attachment(
                JsonFields.text(node, "id"),
                JsonFields.text(node, "filename"),
                node.path("size").asLong(0),
                JsonFields.text(node, "mimeType"));
    }
}
