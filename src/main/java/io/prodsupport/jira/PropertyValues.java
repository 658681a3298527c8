package io.prodsupport.jira;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.Optional;

/**
 * Entity property values to and from the records callers keep in them. Callers hand in and get back their own records
 * (or strings, lists, maps); only this package knows they travel as JSON. Reading is lenient: fields a record does not
 * name are ignored (a newer version may add some), and a value of another shape reads as absent.
 */
final class PropertyValues {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private PropertyValues() {}

    static JsonNode toJson(Object value) {
        return value instanceof JsonNode node ? node : MAPPER.valueToTree(value);
    }

    static <T> Optional<T> fromJson(JsonNode value, Class<T> type) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(MAPPER.treeToValue(value, type));
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            return Optional.empty(); // not ours: a person's or another app's value under the same key
        }
    }
}
