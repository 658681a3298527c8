package io.prodsupport.webhook;

import static io.prodsupport.webhook.EventJsonReaders.changelog;
import static io.prodsupport.webhook.EventJsonReaders.comment;
import static io.prodsupport.webhook.EventJsonReaders.issue;
import static io.prodsupport.webhook.EventJsonReaders.user;
import static io.prodsupport.webhook.JsonScalars.text;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.prodsupport.webhook.EventJsonReaders.ChangelogPart;
import io.prodsupport.webhook.EventJsonReaders.CommentPart;
import io.prodsupport.webhook.EventJsonReaders.IssuePart;
import io.prodsupport.webhook.JiraEvent.EventUser;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a raw Jira webhook body into a {@link JiraEvent}, for Cloud and Data Center payloads and for the older
 * Server format without {@code issue_event_type_name} or changelog {@code fieldId}.
 *
 * <p>It streams over the body and keeps only the ~20 values the event needs; every other subtree (above all
 * {@code issue.fields}, most of a 5–10 KB payload) is skipped token by token without building a tree. The result is
 * the one reading the whole body as a Jackson tree gave ({@code JiraEventParserEquivalenceTest} holds it to that):
 * the whole root value is still read, so a syntax error anywhere is still "not JSON"; content after the root value is
 * ignored, as {@code ObjectMapper.readTree} ignores it; a duplicated key counts with its last value, as in a tree.
 */
public final class JiraEventParser {

    private static final Pattern ISSUE_ID_IN_COMMENT_URL = Pattern.compile("/rest/api/\\d+/issue/(\\d+)/comment/");

    private final ObjectMapper json;

    public JiraEventParser(ObjectMapper json) {
        this.json = json;
    }

    /** @throws MalformedEventException with a one-line reason when the body is not a Jira webhook event */
    public JiraEvent parse(byte[] body) {
        RootPart root;
        try (JsonParser p = json.createParser(body)) {
            root = readRoot(p);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("body is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MalformedEventException("body could not be read: " + e.getMessage());
        }
        if (root == null) {
            throw new MalformedEventException("body is not a JSON object");
        }
        String webhookEvent = root.webhookEvent()
                .orElseThrow(() -> new MalformedEventException("not a Jira event: no \"webhookEvent\""));
        IssuePart issue = root.issue();
        if (webhookEvent.startsWith("jira:issue_") && issue.key().isEmpty()) {
            throw new MalformedEventException("not a Jira issue event: \"" + webhookEvent + "\" without issue.key");
        }
        Instant timestamp = root.timestamp()
                .orElseThrow(() -> new MalformedEventException("\"timestamp\" is not epoch milliseconds"));
        return new JiraEvent(
                webhookEvent,
                root.issueEventTypeName(),
                timestamp,
                root.user(),
                issue.key(),
                issue.id().or(() -> issueIdFromComment(root.comment().self())),
                issue.projectKey(),
                root.changelog().changes(),
                root.changelog().id(),
                issue.statusCategoryKey(),
                root.comment().author(),
                root.comment().body());
    }

    /** The root object's parts, each from the last occurrence of its key; null when the root is not an object. */
    private static RootPart readRoot(JsonParser p) throws IOException {
        JsonToken first = p.nextToken();
        if (first != JsonToken.START_OBJECT) {
            readWholly(p);
            return null;
        }
        Optional<String> webhookEvent = Optional.empty();
        Optional<String> issueEventTypeName = Optional.empty();
        Optional<Instant> timestamp = Optional.of(Instant.EPOCH);
        Optional<EventUser> user = Optional.empty();
        IssuePart issue = IssuePart.NONE;
        ChangelogPart changelog = ChangelogPart.NONE;
        CommentPart comment = CommentPart.NONE;
        for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
            p.nextToken();
            switch (field) {
                case "webhookEvent" -> webhookEvent = text(p);
                case "issue_event_type_name" -> issueEventTypeName = text(p);
                case "timestamp" -> timestamp = epochMillis(p);
                case "user" -> user = user(p);
                case "issue" -> issue = issue(p);
                case "changelog" -> changelog = changelog(p);
                case "comment" -> comment = comment(p);
                default -> p.skipChildren();
            }
        }
        return new RootPart(webhookEvent, issueEventTypeName, timestamp, user, issue, changelog, comment);
    }

    /** Reads a root value that is not an object to its end, so that a syntax error in it is still reported. */
    private static void readWholly(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_STRING) {
            p.getText(); // a scalar string is only tokenised lazily: decoding it finds an unterminated one
        }
        p.skipChildren();
    }

    /**
     * The timestamp, as a tree's {@code canConvertToLong()} / {@code asLong()} read it: null counts as missing
     * ({@link Instant#EPOCH}); an integer in long range and a floating number in long range (truncated) convert;
     * anything else (a string, a boolean, a container, an integer beyond long) is empty: not epoch milliseconds.
     */
    private static Optional<Instant> epochMillis(JsonParser p) throws IOException {
        return switch (p.currentToken()) {
            case VALUE_NULL -> Optional.of(Instant.EPOCH);
            case VALUE_NUMBER_INT ->
                p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                                && p.getBigIntegerValue().bitLength() > 63
                        ? Optional.empty()
                        : Optional.of(Instant.ofEpochMilli(p.getLongValue()));
            case VALUE_NUMBER_FLOAT -> {
                double millis = p.getDoubleValue();
                yield millis >= Long.MIN_VALUE && millis <= Long.MAX_VALUE
                        ? Optional.of(Instant.ofEpochMilli((long) millis))
                        : Optional.empty();
            }
            default -> {
                p.skipChildren();
                yield Optional.empty();
            }
        };
    }

    private static Optional<String> issueIdFromComment(String commentSelf) {
        Matcher m = ISSUE_ID_IN_COMMENT_URL.matcher(commentSelf);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** @param timestamp empty when the body's timestamp is not epoch milliseconds */
    private record RootPart(
            Optional<String> webhookEvent,
            Optional<String> issueEventTypeName,
            Optional<Instant> timestamp,
            Optional<EventUser> user,
            IssuePart issue,
            ChangelogPart changelog,
            CommentPart comment) {}

    /** The body cannot be a Jira webhook event; the message is one line, safe to answer and log. */
    public static final class MalformedEventException extends RuntimeException {
        public MalformedEventException(String reason) {
            super(reason);
        }
    }
}
