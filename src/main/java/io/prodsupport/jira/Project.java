package io.prodsupport.jira;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** A project with the names of its issue types. */
public record Project(String id, String key, String name, List<String> issueTypes) {

    public Project {
        issueTypes = List.copyOf(issueTypes);
    }

    static Project fromJson(JsonNode node) {
        return new Project(
                JsonFields.text(node, "id"),
                JsonFields.text(node, "key"),
                JsonFields.text(node, "name"),
                JsonFields.texts(node, "issueTypes", "name"));
    }
}
