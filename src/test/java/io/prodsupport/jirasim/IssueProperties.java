package io.prodsupport.jirasim;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Issue entity properties as requests carry them: written as {@code properties: [{key, value}]} in a create
 * or an edit (EntityProperty in the spec), and asked for by key in {@code properties} of GET issue and search.
 */
final class IssueProperties {
    /** Jira's limit on an entity property key. */
    static final int MAX_KEY_LENGTH = 255;

    private IssueProperties() {}

    /**
     * The properties a create or edit body sets, checked in full before the caller changes anything, so a
     * bad entry refuses the whole request. The spec marks key and value "Required on create and update".
     */
    static Map<String, JsonNode> toWrite(JsonNode array) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (JsonNode p : array) {
            String key = p.path("key").asText("");
            if (key.isBlank()) {
                throw JiraError.messages(400, "The property key cannot be empty.");
            }
            if (key.length() > MAX_KEY_LENGTH) {
                throw JiraError.messages(
                        400, "The property key cannot be longer than " + MAX_KEY_LENGTH + " characters.");
            }
            if (!p.has("value")) {
                throw JiraError.messages(400, "The property value must be valid JSON.");
            }
            out.put(key, p.get("value"));
        }
        return out;
    }

    /**
     * The keys a {@code properties} parameter asks for. Each value may be a comma list, and the parameter may
     * repeat (the spec: "properties=prop1,prop2&properties=prop3"); a JSON array in a search body works alike.
     */
    static List<String> requested(List<String> values) {
        return values.stream()
                .flatMap(v -> List.of(v.split(",")).stream())
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .distinct()
                .toList();
    }
}
