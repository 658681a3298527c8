package io.prodsupport.jira;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The entity properties that came with an issue ({@code GET issue?properties=…}, or a search asking for them), read
 * into the caller's records on demand. A property that was not asked for reads as absent, like one that is not set.
 */
public final class IssueProperties {

    private static final IssueProperties NONE = new IssueProperties(Map.of());

    private final Map<String, JsonNode> values;

    private IssueProperties(Map<String, JsonNode> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public static IssueProperties none() {
        return NONE;
    }

    /** Properties with these values (records, strings, lists, maps), as a test or a caller that just wrote them sees them. */
    public static IssueProperties of(Map<String, ?> values) {
        Map<String, JsonNode> json = new LinkedHashMap<>();
        values.forEach((key, value) -> json.put(key, PropertyValues.toJson(value)));
        return new IssueProperties(json);
    }

    static IssueProperties fromJson(JsonNode properties) {
        if (properties == null || !properties.isObject() || properties.isEmpty()) {
            return NONE;
        }
        Map<String, JsonNode> values = new LinkedHashMap<>();
        properties.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue()));
        return new IssueProperties(values);
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    /** The value as {@code type}; empty when it is absent or of another shape. */
    public <T> Optional<T> get(String key, Class<T> type) {
        return PropertyValues.fromJson(values.get(key), type);
    }

    /** These properties with {@code key} set to {@code value}: what Jira holds after a write this caller just made. */
    public IssueProperties with(String key, Object value) {
        Map<String, JsonNode> next = new LinkedHashMap<>(values);
        next.put(key, PropertyValues.toJson(value));
        return new IssueProperties(next);
    }

    public Set<String> keys() {
        return values.keySet();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IssueProperties p && values.equals(p.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
