package io.prodsupport.webhook;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.NumberOutput;
import java.io.IOException;
import java.util.Optional;

/**
 * A value under a streaming parser read as a Jackson tree node of it would read ({@code asText()},
 * {@code isValueNode()}), for {@link EventJsonReaders}: each is called on the value's first token and leaves the
 * parser on its last, skipping a container it does not read.
 */
final class JsonScalars {

    private JsonScalars() {}

    /**
     * A scalar's text when it is not null and not empty, as the tree's {@code value.isValueNode() && !isNull() &&
     * !asText().isEmpty()}: numbers give the text of their value ({@code 10001}), booleans {@code true}/{@code false};
     * an object or array counts as absent.
     */
    static Optional<String> text(JsonParser p) throws IOException {
        String text = scalarText(p);
        return text == null || text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    /** A value's text as a tree's {@code asText("")}: a scalar's text, "" for null, an object or an array. */
    static String textOrEmpty(JsonParser p) throws IOException {
        String text = scalarText(p);
        return text == null ? "" : text;
    }

    /** The text a tree node of this scalar gives, null for JSON null; an object or array is skipped: null. */
    static String scalarText(JsonParser p) throws IOException {
        return switch (p.currentToken()) {
            case VALUE_STRING -> p.getText();
            case VALUE_TRUE -> "true";
            case VALUE_FALSE -> "false";
            // a tree holds the number, not its spelling: -0 reads "0", 1.50 reads "1.5"
            case VALUE_NUMBER_INT -> p.getNumberValue().toString();
            case VALUE_NUMBER_FLOAT -> NumberOutput.toString(p.getDoubleValue());
            default -> {
                p.skipChildren();
                yield null;
            }
        };
    }

    /** True on an object's start; anything else is skipped to its end. */
    static boolean isObject(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.START_OBJECT) {
            return true;
        }
        p.skipChildren();
        return false;
    }

    static <T> Optional<T> skipped(JsonParser p) throws IOException {
        p.skipChildren();
        return Optional.empty();
    }
}
