package io.prodsupport.jira;

import com.fasterxml.jackson.databind.JsonNode;

/** What {@code GET /rest/api/2/serverInfo} says about the site. */
public record ServerInfo(String baseUrl, String version, String deploymentType, String serverTitle) {

    /** Where a person opens issue {@code key} in the browser: {@code <baseUrl>/browse/<key>}. */
    public String browseUrl(String key) {
        return baseUrl + "/browse/" + key;
    }

    /** "Cloud" is Cloud; anything else ("Server", "DataCenter", absent) is Data Center. */
    public Flavour flavour() {
        return "Cloud".equalsIgnoreCase(deploymentType) ? Flavour.CLOUD : Flavour.DATA_CENTER;
    }

    static ServerInfo fromJson(JsonNode node) {
        return new ServerInfo(
                JsonFields.text(node, "baseUrl"),
                JsonFields.text(node, "version"),
                JsonFields.text(node, "deploymentType"),
                JsonFields.text(node, "serverTitle"));
    }
}
