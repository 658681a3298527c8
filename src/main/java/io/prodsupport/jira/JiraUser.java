package io.prodsupport.jira;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A Jira user. Cloud fills {@code accountId} (name and key are gone for privacy); Data Center fills
 * {@code name} and {@code key}.
 */
public record JiraUser(
        String accountId, String name, String key, String displayName, String emailAddress, boolean active) {

    /** How Jira's REST API refers to this user on the given flavour: accountId on Cloud, username on DC. */
    public String ref(Flavour flavour) {
        return flavour == Flavour.CLOUD ? accountId : name;
    }

    static JiraUser fromJson(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        return new JiraUser(
                JsonFields.text(node, "accountId"),
                JsonFields.text(node, "name"),
                JsonFields.text(node, "key"),
                JsonFields.text(node, "displayName"),
                JsonFields.text(node, "emailAddress"),
                JsonFields.bool(node, "active"));
    }
}
