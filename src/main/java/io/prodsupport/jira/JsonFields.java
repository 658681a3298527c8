package io.prodsupport.jira;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.ArrayList;
import java.util.List;

/** Null-tolerant reads of Jira's JSON: Jira omits fields freely, and an absent field reads as null. */
final class JsonFields {

    /** Jira writes offsets without a colon ({@code +0000}); ISO-8601 with a colon is accepted too. */
    private static final DateTimeFormatter JIRA_DATE_TIME = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .optionalStart()
            .appendOffset("+HH:MM", "Z")
            .optionalEnd()
            .optionalStart()
            .appendOffset("+HHMM", "Z")
            .optionalEnd()
            .toFormatter();

    private JsonFields() {}

    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** {@code node.field.inner} as text, e.g. {@code issuetype.name}. */
    static String text(JsonNode node, String field, String inner) {
        return text(node == null ? null : node.get(field), inner);
    }

    static boolean bool(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.asBoolean(false);
    }

    static OffsetDateTime dateTime(JsonNode node, String field) {
        String text = text(node, field);
        return text == null ? null : OffsetDateTime.parse(text, JIRA_DATE_TIME);
    }

    /** The {@code inner} text of each element of the array at {@code field}; empty when absent. */
    static List<String> texts(JsonNode node, String field, String inner) {
        List<String> out = new ArrayList<>();
        for (JsonNode element : array(node, field)) {
            String text = inner == null ? (element.isNull() ? null : element.asText()) : text(element, inner);
            if (text != null) {
                out.add(text);
            }
        }
        return List.copyOf(out);
    }

    static Iterable<JsonNode> array(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isArray() ? value : List.of();
    }
}
