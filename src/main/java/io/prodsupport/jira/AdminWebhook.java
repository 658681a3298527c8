package io.prodsupport.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An admin webhook as {@code /rest/webhooks/1.0/webhook} shows it (Cloud and Data Center alike): name, URL, events,
 * the JQL filter of issue events ({@code filters.issue-related-events-section}, empty = every issue), whether the body
 * is left out, whether it is on, and its {@code self} link (empty for one not yet registered). Jira never shows a
 * webhook's secret, so this record has none.
 */
public record AdminWebhook(
        String name, String url, List<String> events, String jql, boolean excludeBody, boolean enabled, String self) {

    public static final String FILTER_KEY = "issue-related-events-section";

    public AdminWebhook {
        events = List.copyOf(events);
        jql = jql == null ? "" : jql;
    }

    /** The id at the end of {@code self}; empty for a webhook not yet registered. */
    public Optional<String> id() {
        if (self == null || self.isBlank()) {
            return Optional.empty();
        }
        String trimmed = self.endsWith("/") ? self.substring(0, self.length() - 1) : self;
        return Optional.of(trimmed.substring(trimmed.lastIndexOf('/') + 1));
    }

    /**
     * The request body Jira takes to register or update it, with {@code secret} when given (write-only: Cloud, and
     * Data Center from Jira 10).
     */
    public ObjectNode toJson(Optional<String> secret) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("name", name);
        n.put("url", url);
        events.forEach(n.putArray("events")::add);
        n.putObject("filters").put(FILTER_KEY, jql);
        n.put("excludeBody", excludeBody);
        n.put("enabled", enabled);
        secret.ifPresent(s -> n.put("secret", s));
        return n;
    }

    static AdminWebhook fromJson(JsonNode n) {
        List<String> events = new ArrayList<>();
        n.path("events").forEach(e -> events.add(e.asText()));
        return new AdminWebhook(
                n.path("name").asText(""),
                n.path("url").asText(""),
                events,
                n.path("filters").path(FILTER_KEY).asText(""),
                n.path("excludeBody").asBoolean(false),
                n.path("enabled").asBoolean(true),
                n.path("self").asText(""));
    }
}
