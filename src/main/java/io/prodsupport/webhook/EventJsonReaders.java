package io.prodsupport.webhook;

import static io.prodsupport.webhook.JsonScalars.isObject;
import static io.prodsupport.webhook.JsonScalars.skipped;
import static io.prodsupport.webhook.JsonScalars.text;
import static io.prodsupport.webhook.JsonScalars.textOrEmpty;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.prodsupport.webhook.JiraEvent.Change;
import io.prodsupport.webhook.JiraEvent.EventUser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One small reader per object of a Jira webhook that {@link JiraEventParser} needs (issue, its fields, a user, the
 * changelog and its items, the comment), over Jackson's streaming parser. Each is called with the parser on the
 * value's first token and leaves it on the value's last token, having skipped whatever it does not need; a value
 * of the wrong kind (a scalar where an object is expected) reads as absent. A key that occurs twice counts with
 * its last value, as in a Jackson tree.
 */
final class EventJsonReaders {

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

    private EventJsonReaders() {}

    /** @param key the issue key; {@code id}, {@code projectKey}, {@code statusCategoryKey} likewise from the issue */
    record IssuePart(
            Optional<String> key,
            Optional<String> id,
            Optional<String> projectKey,
            Optional<String> statusCategoryKey) {
        static final IssuePart NONE =
                new IssuePart(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    record ChangelogPart(Optional<String> id, List<Change> changes) {
        static final ChangelogPart NONE = new ChangelogPart(Optional.empty(), List.of());
    }

    /** @param self the comment's URL text, "" when it has none */
    record CommentPart(String self, Optional<EventUser> author, Optional<String> body) {
        static final CommentPart NONE = new CommentPart("", Optional.empty(), Optional.empty());
    }

    static IssuePart issue(JsonParser p) throws IOException {
        if (!isObject(p)) {
            return IssuePart.NONE;
        }
        Optional<String> key = Optional.empty();
        Optional<String> id = Optional.empty();
        IssuePart fields = IssuePart.NONE;
        for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
            p.nextToken();
            switch (field) {
                case "key" -> key = text(p);
                case "id" -> id = text(p);
                case "fields" -> fields = fields(p);
                default -> p.skipChildren();
            }
        }
        return new IssuePart(key, id, fields.projectKey(), fields.statusCategoryKey());
    }

    /** {@code issue.fields}: only {@code project.key} and {@code status.statusCategory.key}. */
    private static IssuePart fields(JsonParser p) throws IOException {
        if (!isObject(p)) {
            return IssuePart.NONE;
        }
        Optional<String> projectKey = Optional.empty();
        Optional<String> statusCategoryKey = Optional.empty();
        for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
            p.nextToken();
            switch (field) {
                case "project" -> projectKey = keyOf(p);
                case "status" -> statusCategoryKey = statusCategoryKey(p);
                default -> p.skipChildren();
            }
        }
        return new IssuePart(Optional.empty(), Optional.empty(), projectKey, statusCategoryKey);
    }

    private static Optional<String> statusCategoryKey(JsonParser p) throws IOException {
        return field(p, "statusCategory", EventJsonReaders::keyOf);
    }

    /** The {@code key} of an object such as a project or a status category. */
    private static Optional<String> keyOf(JsonParser p) throws IOException {
        return field(p, "key", JsonScalars::text);
    }

    /** Reads one value under the parser, which is on that value's first token. */
    @FunctionalInterface
    private interface ValueReader {
        Optional<String> read(JsonParser p) throws IOException;
    }

    /**
     * The one field of an object that matters, read by {@code reader} (its last occurrence counts); every other field
     * is skipped. Empty when the value is not an object or has no such field.
     */
    private static Optional<String> field(JsonParser p, String name, ValueReader reader) throws IOException {
        if (!isObject(p)) {
            return Optional.empty();
        }
        Optional<String> value = Optional.empty();
        for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
            p.nextToken();
            if (field.equals(name)) {
                value = reader.read(p);
            } else {
                p.skipChildren();
            }
        }
        return value;
    }

    static Optional<EventUser> user(JsonParser p) throws IOException {
        if (!isObject(p)) {
            return Optional.empty();
        }
        Optional<String> accountId = Optional.empty();
        Optional<String> name = Optional.empty();
        Optional<String> key = Optional.empty();
        Optional<String> displayName = Optional.empty();
        for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
            p.nextToken();
            switch (field) {
                case "accountId" -> accountId = text(p);
                case "name" -> name = text(p);
                case "key" -> key = text(p);
                case "displayName" -> displayName = text(p);
                default -> p.skipChildren();
            }
        }
        return Optional.of(new EventUser(accountId, name, key, displayName));
    }

    static ChangelogPart changelog(JsonParser p) throws IOException {
        if (!isObject(p)) {
            return ChangelogPart.NONE;
        }
        Optional<String> id = Optional.empty();
        List<Change> changes = List.of();
        for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
            p.nextToken();
            switch (field) {
                case "id" -> id = text(p);
                case "items" -> changes = changes(p);
                default -> p.skipChildren();
            }
        }
        return new ChangelogPart(id, changes);
    }

    /** {@code changelog.items}, only when an array; an item that is not an object is a change of field "". */
    private static List<Change> changes(JsonParser p) throws IOException {
        List<Change> changes = new ArrayList<>();
        if (p.currentToken() != JsonToken.START_ARRAY) {
            p.skipChildren();
            return changes;
        }
        while (p.nextToken() != JsonToken.END_ARRAY) {
            changes.add(change(p));
        }
        return changes;
    }

    private static Change change(JsonParser p) throws IOException {
        String name = "";
        Optional<String> fieldId = Optional.empty();
        String from = null;
        String fromText = null;
        String to = null;
        String toText = null;
        if (isObject(p)) {
            for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
                p.nextToken();
                switch (field) {
                    case "field" -> name = textOrEmpty(p);
                    case "fieldId" -> fieldId = text(p);
                    case "from" -> from = text(p).orElse(null);
                    case "fromString" -> fromText = text(p).orElse(null);
                    case "to" -> to = text(p).orElse(null);
                    case "toString" -> toText = text(p).orElse(null);
                    default -> p.skipChildren();
                }
            }
        }
        String displayName = name;
        String id = fieldId.orElseGet(
                () -> FIELD_IDS_BY_NAME.getOrDefault(displayName.toLowerCase(Locale.ROOT), displayName));
        return new Change(id, name, from, fromText, to, toText);
    }

    static CommentPart comment(JsonParser p) throws IOException {
        if (!isObject(p)) {
            return CommentPart.NONE;
        }
        String self = "";
        Optional<EventUser> author = Optional.empty();
        Optional<String> body = Optional.empty();
        for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
            p.nextToken();
            switch (field) {
                case "self" -> self = textOrEmpty(p);
                case "author" -> author = user(p);
                case "body" ->
                    body = p.currentToken() == JsonToken.VALUE_STRING ? Optional.of(p.getText()) : skipped(p);
                default -> p.skipChildren();
            }
        }
        return new CommentPart(self, author, body);
    }
}
