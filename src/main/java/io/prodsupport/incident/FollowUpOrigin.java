package io.prodsupport.incident;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * Where a follow-up came from, stored on the follow-up as the issue property {@value #PROPERTY} by the create call
 * itself, so no follow-up exists without it: after a crash it is how a follow-up is recognised as already made.
 */
public record FollowUpOrigin(String incidentKey, String actionId, String incidentProject) {

    public static final String PROPERTY = "prodsupport.origin";

    public ObjectNode toJson() {
        return JsonNodeFactory.instance
                .objectNode()
                .put("incidentKey", incidentKey)
                .put("actionId", actionId)
                .put("incidentProject", incidentProject);
    }

    /** Empty for a value that is not an origin (a person's property of the same name, say). */
    public static Optional<FollowUpOrigin> fromJson(JsonNode value) {
        if (value == null
                || !value.path("incidentKey").isTextual()
                || !value.path("actionId").isTextual()) {
            return Optional.empty();
        }
        return Optional.of(new FollowUpOrigin(
                value.path("incidentKey").asText(),
                value.path("actionId").asText(),
                value.path("incidentProject").asText(null)));
    }

    public boolean isFor(String incident, String action) {
        return incidentKey.equals(incident) && actionId.equals(action);
    }
}
