package io.prodsupport.jira;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One entry of an issue's changelog: when it happened and the fields it changed. Who made it is left out on
 * purpose: nothing here ranks people.
 */
public record ChangeHistory(String id, OffsetDateTime created, List<ChangeHistory.Item> items) {

    /** Oldest first; entries of the same instant in id order (Jira's ids grow). */
    public static final Comparator<ChangeHistory> CHRONOLOGICAL = Comparator.comparing(ChangeHistory::created)
            .thenComparing(
                    h -> h.id() == null ? "" : h.id(),
                    Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder()));

    public ChangeHistory {
        items = List.copyOf(items);
    }

    /**
     * One changed field; match on {@code fieldId} (display names are localised). {@code toText} is Jira's
     * {@code toString}, a name a record cannot use.
     */
    public record Item(String fieldId, String from, String fromString, String to, String toText) {}

    static ChangeHistory fromJson(JsonNode node) {
        List<Item> items = new ArrayList<>();
        for (JsonNode item : JsonFields.array(node, "items")) {
            String fieldId = JsonFields.text(item, "fieldId");
            items.add(new Item(
                    fieldId != null ? fieldId : JsonFields.text(item, "field"),
                    JsonFields.text(item, "from"),
                    JsonFields.text(item, "fromString"),
                    JsonFields.text(item, "to"),
                    JsonFields.text(item, "toString")));
        }
        return new ChangeHistory(JsonFields.text(node, "id"), JsonFields.dateTime(node, "created"), items);
    }

    /** The entries of an array of histories, oldest first whatever order Jira listed them in. */
    static List<ChangeHistory> listFromJson(Iterable<JsonNode> histories) {
        List<ChangeHistory> out = new ArrayList<>();
        histories.forEach(h -> out.add(fromJson(h)));
        out.sort(CHRONOLOGICAL);
        return List.copyOf(out);
    }
}
