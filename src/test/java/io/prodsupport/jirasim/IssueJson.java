package io.prodsupport.jirasim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.List;

/** An issue as REST v2 and webhooks render it, field by field; the parts come from {@link JsonShapes}. */
final class IssueJson {
    private final SimState state;
    private final JsonShapes shapes;
    private final JsonNodeFactory json = JsonNodeFactory.instance;

    IssueJson(SimState state, JsonShapes shapes) {
        this.state = state;
        this.shapes = shapes;
    }

    ObjectNode watches(IssueRecord r, SimUser viewer) {
        ObjectNode n = json.objectNode();
        n.put("self", shapes.api("issue/" + r.key + "/watchers"));
        n.put("watchCount", r.watchers.size());
        n.put("isWatching", viewer != null && r.watchers.contains(viewer));
        return n;
    }

    /** The issue with the fields {@code wanted} selects ({@link FieldSelection}); properties by key. */
    ObjectNode issue(IssueRecord r, FieldSelection wanted, Collection<String> propertyKeys, SimUser viewer) {
        ObjectNode n = json.objectNode();
        n.put("expand", "renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations");
        n.put("id", String.valueOf(r.id));
        n.put("self", shapes.api("issue/" + r.id));
        n.put("key", r.key);
        ObjectNode f = n.putObject("fields");
        for (String field : FieldSelection.ORDER) {
            if (wanted.includes(field)) {
                f.set(field, field(r, field, viewer));
            }
        }
        if (propertyKeys != null && !propertyKeys.isEmpty()) {
            ObjectNode props = n.putObject("properties");
            for (String key : propertyKeys) {
                if (r.properties.containsKey(key)) {
                    props.set(key, r.properties.get(key));
                }
            }
        }
        return n;
    }

    private JsonNode field(IssueRecord r, String field, SimUser viewer) {
        return switch (field) {
            case "issuetype" -> shapes.issueType(r.issueType);
            case "project" -> shapes.projectRef(r.project);
            case "fixVersions" -> shapes.versions(r.fixVersions);
            case "versions", "components", "subtasks" -> json.arrayNode();
            case "resolution" -> shapes.resolution(r.resolution);
            case "resolutiondate" -> text(JsonShapes.time(r.resolutionDate));
            case "watches" -> watches(r, viewer);
            case "created" -> text(JsonShapes.time(r.created));
            case "updated" -> text(JsonShapes.time(r.updated));
            case "statuscategorychangedate" -> text(JsonShapes.time(r.updated));
            case "priority" -> shapes.priority(r.priority);
            case "labels" -> strings(r.labels);
            case "issuelinks" -> links(r);
            case "assignee" -> shapes.user(r.assignee);
            case "reporter" -> shapes.user(r.reporter);
            case "creator" -> shapes.user(r.creator);
            case "status" -> shapes.status(r.status);
            case "description" -> text(r.description);
            case "environment" -> text(r.environment);
            case "summary" -> text(r.summary);
            case "duedate" -> json.nullNode();
            case "comment" -> shapes.comments(r);
            case "attachment" -> shapes.attachments(r);
            default -> throw new IllegalArgumentException(field);
        };
    }

    private ArrayNode links(IssueRecord r) {
        ArrayNode a = json.arrayNode();
        state.linksOf(r.key).forEach(l -> a.add(shapes.link(l, r.key)));
        return a;
    }

    private ArrayNode strings(List<String> values) {
        ArrayNode a = json.arrayNode();
        values.forEach(a::add);
        return a;
    }

    private JsonNode text(String s) {
        return s == null ? json.nullNode() : json.textNode(s);
    }
}
