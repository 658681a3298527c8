package io.prodsupport.jirasim;

import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;
import static io.javalin.http.HandlerType.PUT;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** What hangs off an issue: comments, watchers, entity properties, and links between issues. */
final class IssueDetailRoutes {
    private static final String ISSUE = "/rest/api/2/issue/{issueIdOrKey}";
    /** Jira's limit on a comment's text (and any text field): 32,767 characters. */
    static final int MAX_TEXT = 32_767;

    private final SimState state;
    private final JsonShapes shapes;
    private final IssueEditor editor;
    private final JsonNodeFactory json = JsonNodeFactory.instance;

    IssueDetailRoutes(SimState state, JsonShapes shapes, IssueEditor editor) {
        this.state = state;
        this.shapes = shapes;
        this.editor = editor;
    }

    void register(RequestPipeline p, RoutesConfig r) {
        p.route(r, GET, ISSUE + "/comment", this::comments);
        p.route(r, POST, ISSUE + "/comment", this::addComment);
        p.route(r, GET, ISSUE + "/watchers", this::watchers);
        p.route(r, POST, ISSUE + "/watchers", this::addWatcher);
        p.route(r, DELETE, ISSUE + "/watchers", this::removeWatcher);
        p.route(r, GET, ISSUE + "/properties", this::propertyKeys);
        p.route(r, GET, ISSUE + "/properties/{propertyKey}", this::property);
        p.route(r, PUT, ISSUE + "/properties/{propertyKey}", this::setProperty);
        p.route(r, DELETE, ISSUE + "/properties/{propertyKey}", this::deleteProperty);
        p.route(r, POST, "/rest/api/2/issueLink", this::link);
    }

    private IssueRecord issue(SimCall c) {
        return state.issue(c.path("issueIdOrKey"));
    }

    /**
     * One page of comments: {@code startAt}, {@code maxResults} (Cloud pages at 100 by default; Data Center returns all
     * unless asked), {@code orderBy} {@code created} / {@code +created} / {@code -created} (newest first).
     */
    private void comments(SimCall c) {
        synchronized (state) {
            IssueRecord r = issue(c);
            List<SimComment> all = new ArrayList<>(r.comments);
            if ("-created".equals(c.query("orderBy"))) {
                Collections.reverse(all);
            }
            int startAt = intQuery(c, "startAt", 0);
            int max = intQuery(c, "maxResults", state.flavour == Flavour.CLOUD ? 100 : Integer.MAX_VALUE);
            List<SimComment> page =
                    all.subList(Math.min(startAt, all.size()), (int) Math.min(all.size(), (long) startAt + max));
            ObjectNode out = shapes.comments(r, page);
            out.put("startAt", startAt);
            out.put("maxResults", Math.min(max, page.size()));
            c.answer(200, out);
        }
    }

    private static int intQuery(SimCall c, String name, int fallback) {
        String value = c.query(name);
        try {
            return value == null ? fallback : Math.max(0, Integer.parseInt(value));
        } catch (NumberFormatException e) {
            throw JiraError.messages(400, "The value '" + value + "' is not valid for " + name + ".");
        }
    }

    private void addComment(SimCall c) {
        String body = c.json().path("body").asText("");
        synchronized (state) {
            IssueRecord r = issue(c);
            if (body.isBlank()) {
                throw JiraError.field(400, "comment", "Comment body can not be empty!");
            }
            if (body.length() > MAX_TEXT) {
                throw JiraError.field(
                        400,
                        "comment",
                        "The entered text is too long. It exceeds the allowed limit of 32,767 characters.");
            }
            SimComment comment = editor.comment(r, body, c.caller());
            c.answer(201, shapes.comment(String.valueOf(r.id), comment));
        }
    }

    private void watchers(SimCall c) {
        synchronized (state) {
            IssueRecord r = issue(c);
            ObjectNode out = json.objectNode();
            out.put("self", shapes.api("issue/" + r.key + "/watchers"));
            out.put("isWatching", r.watchers.contains(c.caller()));
            out.put("watchCount", r.watchers.size());
            ArrayNode list = out.putArray("watchers");
            r.watchers.forEach(u -> list.add(shapes.user(u)));
            c.answer(200, out);
        }
    }

    /**
     * The body is a bare JSON string: an accountId on Cloud, a username on DC; no body means the caller.
     * Watching is not an issue change in Jira, so no webhook fires.
     */
    private void addWatcher(SimCall c) {
        JsonNode body = c.body();
        synchronized (state) {
            IssueRecord r = issue(c);
            SimUser user;
            if (body == null) {
                user = c.caller();
            } else if (!body.isTextual()) {
                throw JiraError.messages(
                        400, "Cannot deserialize value of type `java.lang.String` from " + body.getNodeType());
            } else {
                user = state.userByRestId(body.asText())
                        .orElseThrow(() -> state.flavour == Flavour.CLOUD
                                ? JiraError.messages(
                                        404, "The user with account ID '" + body.asText() + "' does not exist.")
                                : JiraError.messages(400, "The user \"" + body.asText() + "\" does not exist."));
            }
            if (!user.equals(c.caller()) && !state.isProjectAdmin(c.caller(), r.project)) {
                throw JiraError.messages(403, "You do not have the permission to manage the watcher list.");
            }
            r.watchers.add(user);
            c.noContent();
        }
    }

    private void removeWatcher(SimCall c) {
        String id = state.flavour == Flavour.CLOUD ? c.query("accountId") : c.query("username");
        synchronized (state) {
            IssueRecord r = issue(c);
            SimUser user = id == null
                    ? c.caller()
                    : state.userByRestId(id)
                            .orElseThrow(() -> JiraError.messages(404, "The user '" + id + "' does not exist."));
            if (!user.equals(c.caller()) && !state.isProjectAdmin(c.caller(), r.project)) {
                throw JiraError.messages(403, "You do not have the permission to manage the watcher list.");
            }
            r.watchers.remove(user);
            c.noContent();
        }
    }

    private void propertyKeys(SimCall c) {
        synchronized (state) {
            IssueRecord r = issue(c);
            ObjectNode out = json.objectNode();
            ArrayNode keys = out.putArray("keys");
            r.properties
                    .keySet()
                    .forEach(k -> keys.addObject()
                            .put("self", shapes.api("issue/" + r.id + "/properties/" + k))
                            .put("key", k));
            c.answer(200, out);
        }
    }

    private void property(SimCall c) {
        String key = c.path("propertyKey");
        synchronized (state) {
            JsonNode value = issue(c).properties.get(key);
            if (value == null) {
                throw JiraError.messages(404, "The property with key '" + key + "' does not exist.");
            }
            ObjectNode out = json.objectNode();
            out.put("key", key);
            out.set("value", value);
            c.answer(200, out);
        }
    }

    /** 201 when the property is new, 200 when it replaced a value (Jira's contract). */
    private void setProperty(SimCall c) {
        String key = c.path("propertyKey");
        if (c.body() == null) {
            throw JiraError.messages(400, "The property value must be valid JSON.");
        }
        synchronized (state) {
            JsonNode previous = issue(c).properties.put(key, c.body());
            c.ctx().status(previous == null ? 201 : 200);
        }
    }

    private void deleteProperty(SimCall c) {
        String key = c.path("propertyKey");
        synchronized (state) {
            if (issue(c).properties.remove(key) == null) {
                throw JiraError.messages(404, "The property with key '" + key + "' does not exist.");
            }
            c.noContent();
        }
    }

    private void link(SimCall c) {
        JsonNode b = c.json();
        String typeRef = b.path("type").hasNonNull("id")
                ? b.path("type").get("id").asText()
                : b.path("type").path("name").asText("");
        synchronized (state) {
            SimLinkType type = SimLinkType.find(typeRef)
                    .orElseThrow(
                            () -> JiraError.messages(404, "No issue link type with name '" + typeRef + "' found."));
            IssueRecord inward = state.issue(ref(b.path("inwardIssue")));
            IssueRecord outward = state.issue(ref(b.path("outwardIssue")));
            editor.link(type, inward, outward, c.caller());
            c.ctx().status(201);
        }
    }

    private static String ref(JsonNode issueRef) {
        String ref = issueRef.hasNonNull("key")
                ? issueRef.get("key").asText()
                : issueRef.path("id").asText("");
        if (ref.isEmpty()) {
            throw JiraError.messages(404, "Issue Does Not Exist");
        }
        return ref;
    }
}
