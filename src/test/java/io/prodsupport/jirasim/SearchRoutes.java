package io.prodsupport.jirasim;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.prodsupport.jirasim.jql.JqlException;
import io.prodsupport.jirasim.jql.JqlQuery;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * JQL search per flavour. Cloud: {@code /search/jql} (v2 and v3) with nextPageToken paging and no total;
 * the old {@code /search} is gone (410). Data Center: {@code /search} with startAt/total; no {@code /search/jql}
 * (Javalin's 404). The page size is capped at 100 (Jira allows more) so tests reach paging quickly.
 */
final class SearchRoutes {
    static final int MAX_PAGE = 100;
    private static final String REMOVED = "The requested API has been removed. Please migrate to the "
            + "/rest/api/3/search/jql API. A full migration guideline is available at "
            + "https://developer.atlassian.com/changelog/#CHANGE-2046";
    private final SimState state;
    private final JsonShapes shapes;
    private final ChangelogRoutes changelog;
    private final JsonNodeFactory json = JsonNodeFactory.instance;

    SearchRoutes(SimState state, JsonShapes shapes) {
        this.state = state;
        this.shapes = shapes;
        this.changelog = new ChangelogRoutes(state, shapes);
    }

    void register(RequestPipeline p, RoutesConfig r) {
        if (state.flavour == Flavour.CLOUD) {
            for (String version : List.of("2", "3")) {
                p.route(r, GET, "/rest/api/" + version + "/search/jql", c -> cloud(c, false));
                p.route(r, POST, "/rest/api/" + version + "/search/jql", c -> cloud(c, true));
                p.route(r, GET, "/rest/api/" + version + "/search", c -> gone());
                p.route(r, POST, "/rest/api/" + version + "/search", c -> gone());
            }
        } else {
            p.route(r, GET, "/rest/api/2/search", c -> dataCenter(c, false));
            p.route(r, POST, "/rest/api/2/search", c -> dataCenter(c, true));
        }
    }

    private static void gone() {
        throw JiraError.messages(410, REMOVED);
    }

    /**
     * The parameters of both forms: query string for GET, JSON body for POST. {@code properties} names the
     * issue properties to return with each issue, as on GET issue (comma lists allowed in either form).
     */
    private record Params(
            String jql,
            List<String> fields,
            List<String> properties,
            Integer maxResults,
            Integer startAt,
            String nextPageToken,
            boolean changelog) {

        static Params of(SimCall c, boolean post) {
            if (post) {
                JsonNode b = c.json();
                return new Params(
                        b.path("jql").asText(""),
                        strings(b.path("fields")),
                        IssueProperties.requested(strings(b.path("properties"))),
                        b.hasNonNull("maxResults") ? b.get("maxResults").asInt() : null,
                        b.hasNonNull("startAt") ? b.get("startAt").asInt() : null,
                        b.hasNonNull("nextPageToken") ? b.get("nextPageToken").asText() : null,
                        // a comma list in Cloud's /search/jql body, an array in the older /search body
                        ChangelogRoutes.wanted(
                                b.path("expand").isTextual()
                                        ? List.of(b.get("expand").asText())
                                        : strings(b.path("expand"))));
            }
            return new Params(
                    c.query("jql") == null ? "" : c.query("jql"),
                    c.queries("fields"),
                    IssueProperties.requested(c.queries("properties")),
                    integer(c.query("maxResults")),
                    integer(c.query("startAt")),
                    c.query("nextPageToken"),
                    ChangelogRoutes.wanted(c.queries("expand")));
        }

        private static List<String> strings(JsonNode array) {
            List<String> out = new ArrayList<>();
            array.forEach(n -> out.add(n.asText()));
            return out;
        }

        private static Integer integer(String s) {
            try {
                return s == null ? null : Integer.valueOf(s);
            } catch (NumberFormatException e) {
                throw JiraError.messages(400, "'" + s + "' is not a valid number.");
            }
        }
    }

    private void cloud(SimCall c, boolean post) {
        Params p = Params.of(c, post);
        // Cloud's enhanced search refuses queries without a restriction (docs: "requires a bounded query").
        if (p.jql().isBlank() || p.jql().trim().toLowerCase().startsWith("order by")) {
            throw JiraError.messages(
                    400, "Unbounded JQL queries are not allowed here. Please add a search restriction to your query.");
        }
        int max = pageSize(p.maxResults());
        boolean v3 = c.ctx().path().startsWith("/rest/api/3/");
        synchronized (state) {
            JqlQuery query = parse(p.jql());
            Optional<String> project = state.soleProject(query);
            boolean keyed = query.orderedByKeyAscending()
                    && project.isPresent()
                    && max > 0
                    && (p.nextPageToken() == null || p.nextPageToken().equals(keyToken(p.nextPageToken())));
            if (keyed) {
                keyedPage(c, query, project.get(), p, max, v3);
                return;
            }
            int offset = p.nextPageToken() == null ? 0 : decodeToken(p.nextPageToken());
            List<IssueRecord> matches = search(query);
            ObjectNode out = json.objectNode();
            ArrayNode issues = out.putArray("issues");
            FieldSelection fields = FieldSelection.parse(p.fields(), "id");
            int end = Math.min(matches.size(), offset + max);
            for (IssueRecord r : matches.subList(Math.min(offset, end), end)) {
                ObjectNode issue = shapes.issue(r, fields, p.properties(), c.caller());
                if (p.changelog()) {
                    changelog.embed(issue, r, ChangelogRoutes.CLOUD_SEARCH_CAP);
                }
                issues.add(v3 ? asV3(issue) : issue);
            }
            if (end < matches.size()) {
                out.put("nextPageToken", encodeToken(end));
            }
            out.put("isLast", end >= matches.size());
            c.answer(200, out);
        }
    }

    private void dataCenter(SimCall c, boolean post) {
        Params p = Params.of(c, post);
        int startAt = p.startAt() == null ? 0 : Math.max(0, p.startAt());
        int max = pageSize(p.maxResults());
        synchronized (state) {
            List<IssueRecord> matches = search(p.jql());
            ObjectNode out = json.objectNode();
            out.put("expand", "schema,names");
            out.put("startAt", startAt);
            out.put("maxResults", max);
            out.put("total", matches.size());
            ArrayNode issues = out.putArray("issues");
            FieldSelection fields = FieldSelection.parse(p.fields(), "*navigable");
            int end = Math.min(matches.size(), startAt + max);
            for (IssueRecord r : matches.subList(Math.min(startAt, end), end)) {
                ObjectNode issue = shapes.issue(r, fields, p.properties(), c.caller());
                if (p.changelog()) {
                    changelog.embed(issue, r, Integer.MAX_VALUE);
                }
                issues.add(issue);
            }
            c.answer(200, out);
        }
    }

    private static int pageSize(Integer requested) {
        if (requested == null) {
            return 50;
        }
        return Math.max(0, Math.min(MAX_PAGE, requested));
    }

    /**
     * A page of a query ordered by key within one project, as Cloud's cursor pages it: from the key after the previous
     * page's last, walking that project's issues in key order and evaluating only as many as the page needs. Offsets
     * would re-evaluate the whole site for every page (a 100,000-ticket backfill pages 2,000 times).
     */
    private void keyedPage(SimCall c, JqlQuery query, String project, Params p, int max, boolean v3) {
        String after = p.nextPageToken() == null ? null : decodeKeyToken(p.nextPageToken());
        ObjectNode out = json.objectNode();
        ArrayNode issues = out.putArray("issues");
        FieldSelection fields = FieldSelection.parse(p.fields(), "id");
        String last = null;
        boolean more = false;
        for (IssueRecord r : state.inKeyOrder(project, after)) {
            if (!query.matches(state.snapshot(r), state.now())) {
                continue;
            }
            if (issues.size() == max) {
                more = true;
                break;
            }
            ObjectNode issue = shapes.issue(r, fields, p.properties(), c.caller());
            if (p.changelog()) {
                changelog.embed(issue, r, ChangelogRoutes.CLOUD_SEARCH_CAP);
            }
            issues.add(v3 ? asV3(issue) : issue);
            last = r.key;
        }
        if (more) {
            out.put("nextPageToken", encode("k:" + last));
        }
        out.put("isLast", !more);
        c.answer(200, out);
    }

    private static JqlQuery parse(String jql) {
        try {
            return JqlQuery.parse(jql);
        } catch (JqlException e) {
            throw JiraError.messages(400, e.getMessage());
        }
    }

    private List<IssueRecord> search(String jql) {
        return search(parse(jql));
    }

    private List<IssueRecord> search(JqlQuery query) {
        List<SimIssue> snapshots = new ArrayList<>();
        for (IssueRecord r : state.candidates(query)) {
            SimIssue s = state.snapshot(r);
            if (query.matches(s, state.now())) {
                snapshots.add(s);
            }
        }
        snapshots.sort(query.ordering());
        return snapshots.stream().map(s -> state.issues.get(s.key())).toList();
    }

    /** v3 answers rich text as ADF; the simulator's strings become one-paragraph documents. */
    private static ObjectNode asV3(ObjectNode issue) {
        JsonNode fields = issue.path("fields");
        for (String f : List.of("description", "environment")) {
            if (fields.path(f).isTextual()) {
                ((ObjectNode) fields)
                        .set(f, OpenApiConformance.adf(fields.path(f).asText()));
            }
        }
        return issue;
    }

    /** Opaque to clients, like Jira's; it encodes the offset of the next page. */
    private static String encodeToken(int offset) {
        return encode("o:" + offset);
    }

    private static String encode(String cursor) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(cursor.getBytes(StandardCharsets.UTF_8));
    }

    /** The token itself when it is a key cursor, else null. */
    private static String keyToken(String token) {
        try {
            String s = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            return s.startsWith("k:") ? token : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String decodeKeyToken(String token) {
        return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).substring(2);
    }

    private static int decodeToken(String token) {
        try {
            String s = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (!s.startsWith("o:")) {
                throw new IllegalArgumentException(s);
            }
            return Integer.parseInt(s.substring(2));
        } catch (IllegalArgumentException e) {
            throw JiraError.messages(400, "The provided next page token is invalid or expired.");
        }
    }
}
