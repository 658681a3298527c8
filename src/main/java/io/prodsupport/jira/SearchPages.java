package io.prodsupport.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The issues of a JQL search, one page in memory at a time: the next page is fetched only when the
 * stream asks for an issue beyond the current one. Cloud pages with {@code nextPageToken} (there is no
 * total); Data Center with {@code startAt} and {@code total}. An empty page ends the search on either,
 * so a misbehaving server cannot make it loop.
 */
final class SearchPages<T> extends Spliterators.AbstractSpliterator<T> {

    private final Function<ObjectNode, JsonNode> fetch;
    private final Function<JsonNode, T> convert;
    /** Jira's {@code expand} ({@code changelog}), or null. */
    private final String expand;

    private final Flavour flavour;
    private final String jql;
    private final List<String> fields;
    private final List<String> properties;
    private final int pageSize;
    private final Deque<T> page = new ArrayDeque<>();
    private String nextPageToken;
    private int startAt;
    private boolean exhausted;

    SearchPages(
            Function<ObjectNode, JsonNode> fetch,
            Flavour flavour,
            String jql,
            Collection<String> fields,
            Collection<String> properties,
            int pageSize,
            String expand,
            Function<JsonNode, T> convert) {
        super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
        this.fetch = fetch;
        this.expand = expand;
        this.convert = convert;
        this.flavour = flavour;
        this.jql = jql;
        this.fields = List.copyOf(fields);
        this.properties = List.copyOf(properties);
        this.pageSize = pageSize;
    }

    @Override
    public boolean tryAdvance(Consumer<? super T> action) {
        while (page.isEmpty() && !exhausted) {
            fetchNextPage();
        }
        T next = page.poll();
        if (next == null) {
            return false;
        }
        action.accept(next);
        return true;
    }

    private void fetchNextPage() {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("jql", jql);
        fields.forEach(body.putArray("fields")::add);
        if (!properties.isEmpty()) {
            properties.forEach(body.putArray("properties")::add);
        }
        body.put("maxResults", pageSize);
        if (flavour == Flavour.CLOUD) {
            if (expand != null) {
                body.put("expand", expand); // a comma list in /search/jql's body
            }
            if (nextPageToken != null) {
                body.put("nextPageToken", nextPageToken);
            }
        } else {
            if (expand != null) {
                body.putArray("expand").add(expand); // an array in /search's body
            }
            body.put("startAt", startAt);
        }
        JsonNode response = fetch.apply(body);
        int received = 0;
        for (JsonNode issue : JsonFields.array(response, "issues")) {
            page.add(convert.apply(issue));
            received++;
        }
        if (flavour == Flavour.CLOUD) {
            nextPageToken = JsonFields.text(response, "nextPageToken");
            exhausted = received == 0 || nextPageToken == null || JsonFields.bool(response, "isLast");
        } else {
            startAt += received;
            JsonNode total = response.get("total");
            exhausted = received == 0 || total != null && startAt >= total.asInt();
        }
    }
}
