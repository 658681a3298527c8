package io.prodsupport.jirasim;

import static io.javalin.http.HandlerType.GET;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An issue's changelog: embedded by {@code expand=changelog} on GET issue and on search, and Cloud's paged
 * {@code GET /rest/api/3|2/issue/{issueIdOrKey}/changelog} (Data Center has no such endpoint: Javalin's 404).
 *
 * <p>How much the embedded form holds differs by where it is asked for:
 * <ul>
 *   <li>Cloud's enhanced search ({@code /search/jql}) returns at most {@value #CLOUD_SEARCH_CAP} histories per issue
 *       (JRACLOUD-96459: "it's no longer possible to retrieve more than 40 changelog/history data for a Work Item";
 *       the workaround Atlassian gives is the per-issue changelog endpoint).</li>
 *   <li>Cloud's GET issue returns at most {@value #CLOUD_ISSUE_CAP} (JRACLOUD-67458; the same cap as the changelog
 *       endpoint's page, whose {@code maxResults} defaults to 100 in the OpenAPI spec).</li>
 *   <li>Data Center returns the whole history on both.</li>
 * </ul>
 * The spec describes the expanded changelog as "a list of recent updates to an issue, sorted by date, starting
 * from the most recent", so a capped one keeps the most recent histories, newest first; {@code total} counts them
 * all, which is how a client sees that some are missing. The changelog endpoint pages "starting from the oldest".
 */
final class ChangelogRoutes {
    static final int CLOUD_SEARCH_CAP = 40;
    static final int CLOUD_ISSUE_CAP = 100;
    /** The endpoint's default and largest page. */
    static final int PAGE = 100;

    private final SimState state;
    private final JsonShapes shapes;
    private final JsonNodeFactory json = JsonNodeFactory.instance;

    ChangelogRoutes(SimState state, JsonShapes shapes) {
        this.state = state;
        this.shapes = shapes;
    }

    void register(RequestPipeline p, RoutesConfig r) {
        if (state.flavour == Flavour.CLOUD) {
            for (String version : List.of("2", "3")) {
                p.route(r, GET, "/rest/api/" + version + "/issue/{issueIdOrKey}/changelog", this::page);
            }
        }
    }

    /** Whether an {@code expand} parameter (comma lists, possibly repeated) asks for the changelog. */
    static boolean wanted(List<String> expand) {
        return expand.stream()
                .flatMap(e -> List.of(e.split(",")).stream())
                .anyMatch(e -> e.trim().equals("changelog"));
    }

    /** Adds {@code changelog: {startAt, maxResults, total, histories}} to an issue; {@code cloudCap} on Cloud. */
    void embed(ObjectNode issue, IssueRecord r, int cloudCap) {
        List<SimHistory> all = r.history;
        List<SimHistory> shown;
        if (state.flavour == Flavour.CLOUD) {
            shown = new ArrayList<>(all.subList(Math.max(0, all.size() - cloudCap), all.size()));
            Collections.reverse(shown);
        } else {
            shown = all;
        }
        ObjectNode changelog = issue.putObject("changelog");
        changelog.put("startAt", 0);
        changelog.put("maxResults", shown.size());
        changelog.put("total", all.size());
        ArrayNode histories = changelog.putArray("histories");
        shown.forEach(h -> histories.add(history(h)));
    }

    private void page(SimCall c) {
        int startAt = nonNegative(c.query("startAt"), 0);
        int max = Math.min(PAGE, nonNegative(c.query("maxResults"), PAGE));
        synchronized (state) {
            IssueRecord r = state.issue(c.path("issueIdOrKey"));
            List<SimHistory> all = r.history;
            int from = Math.min(startAt, all.size());
            int end = Math.min(all.size(), from + max);
            String base = c.ctx().path();
            ObjectNode out = json.objectNode();
            out.put("self", shapes.baseUrl() + base + "?startAt=" + startAt + "&maxResults=" + max);
            if (end < all.size()) {
                out.put("nextPage", shapes.baseUrl() + base + "?startAt=" + end + "&maxResults=" + max);
            }
            out.put("maxResults", max);
            out.put("startAt", startAt);
            out.put("total", all.size());
            out.put("isLast", end >= all.size());
            ArrayNode values = out.putArray("values");
            all.subList(from, end).forEach(h -> values.add(history(h)));
            c.answer(200, out);
        }
    }

    private ObjectNode history(SimHistory h) {
        ObjectNode n = json.objectNode();
        n.put("id", String.valueOf(h.id()));
        n.set("author", shapes.user(h.author()));
        n.put("created", JsonShapes.time(h.created()));
        ArrayNode items = n.putArray("items");
        h.items().forEach(i -> items.add(i.toJson()));
        return n;
    }

    private static int nonNegative(String value, int otherwise) {
        if (value == null) {
            return otherwise;
        }
        try {
            return Math.max(0, Integer.parseInt(value));
        } catch (NumberFormatException e) {
            throw JiraError.messages(400, "'" + value + "' is not a valid number.");
        }
    }
}
