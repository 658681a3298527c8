package io.prodsupport.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.prodsupport.webhook.JiraEvent.Change;
import io.prodsupport.webhook.JiraEvent.EventUser;
import io.prodsupport.webhook.JiraEventParser.MalformedEventException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tree-based {@code JiraEventParser} as it was before issue 13 made it stream (commit 4f85b1c), kept unchanged
 * as the reference the streaming parser is held to ({@code JiraEventParserEquivalenceTest}) and as the baseline of
 * {@code EventParseBenchmark}. Not used by the service.
 */
public final class TreeJiraEventParserReference {

    /** Display names of the system fields old Server payloads name only by display name. */
    private static final Map<String, String> FIELD_IDS_BY_NAME = Map.of(
            "status", "status",
            "resolution", "resolution",
            "description", "description",
            "summary", "summary",
            "fix version", "fixVersions",
            "assignee", "assignee",
            "labels", "labels",
            "priority", "priority",
            "link", "issuelinks");

    private static final Pattern ISSUE_ID_IN_COMMENT_URL = Pattern.compile("/rest/api/\\d+/issue/(\\d+)/comment/");

    private final ObjectMapper json;

    public TreeJiraEventParserReference(ObjectMapper json) {
        this.json = json;
    }

    /** @throws MalformedEventException with a one-line reason when the body is not a Jira webhook event */
    public JiraEvent parse(byte[] body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("body is not JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new MalformedEventException("body could not be read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new MalformedEventException("body is not a JSON object");
        }
        String webhookEvent = text(root, "webhookEvent")
                .orElseThrow(() -> new MalformedEventException("not a Jira event: no \"webhookEvent\""));
        JsonNode issue = root.path("issue");
        Optional<String> issueKey = text(issue, "key");
        if (webhookEvent.startsWith("jira:issue_") && issueKey.isEmpty()) {
            throw new MalformedEventException("not a Jira issue event: \"" + webhookEvent + "\" without issue.key");
        }
        Optional<String> issueId = text(issue, "id").or(() -> issueIdFromComment(root.path("comment")));
        return new JiraEvent(
                webhookEvent,
                text(root, "issue_event_type_name"),
                timestamp(root),
                user(root.path("user")),
                issueKey,
                issueId,
                text(issue.path("fields").path("project"), "key"),
                changes(root.path("changelog").path("items")),
                text(root.path("changelog"), "id"),
                text(issue.path("fields").path("status").path("statusCategory"), "key"),
                user(root.path("comment").path("author")),
                root.path("comment").path("body").isTextual()
                        ? Optional.of(root.path("comment").path("body").asText())
                        : Optional.empty());
    }

    private static Instant timestamp(JsonNode root) {
        JsonNode ts = root.path("timestamp");
        if (ts.isMissingNode() || ts.isNull()) {
            return Instant.EPOCH;
        }
        if (!ts.canConvertToLong()) {
            throw new MalformedEventException("\"timestamp\" is not epoch milliseconds");
        }
        return Instant.ofEpochMilli(ts.asLong());
    }

    private static Optional<EventUser> user(JsonNode user) {
        if (!user.isObject()) {
            return Optional.empty();
        }
        return Optional.of(new EventUser(
                text(user, "accountId"), text(user, "name"), text(user, "key"), text(user, "displayName")));
    }

    private static Optional<String> issueIdFromComment(JsonNode comment) {
        Matcher m = ISSUE_ID_IN_COMMENT_URL.matcher(comment.path("self").asText(""));
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static List<Change> changes(JsonNode items) {
        List<Change> changes = new ArrayList<>();
        if (!items.isArray()) {
            return changes;
        }
        for (JsonNode item : items) {
            String field = item.path("field").asText("");
            String fieldId = text(item, "fieldId")
                    .orElseGet(() -> FIELD_IDS_BY_NAME.getOrDefault(field.toLowerCase(Locale.ROOT), field));
            changes.add(new Change(
                    fieldId,
                    field,
                    nullable(item, "from"),
                    nullable(item, "fromString"),
                    nullable(item, "to"),
                    nullable(item, "toString")));
        }
        return changes;
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() && !value.asText().isEmpty()
                ? Optional.of(value.asText())
                : Optional.empty();
    }

    private static String nullable(JsonNode node, String field) {
        return text(node, field).orElse(null);
    }
}
