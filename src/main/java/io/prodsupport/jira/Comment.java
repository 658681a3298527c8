package io.prodsupport.jira;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;

/** A comment; in REST v2 the body is wiki markup text. */
public record Comment(String id, JiraUser author, String body, OffsetDateTime created) {

    static Comment fromJson(JsonNode node) {
        return new Comment(
                JsonFields.text(node, "id"),
                JiraUser.fromJson(node.get("author")),
                JsonFields.text(node, "body"),
                JsonFields.dateTime(node, "created"));
    }
}
