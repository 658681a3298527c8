package io.prodsupport.jirasim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Renders the simulator's state as Jira REST v2 JSON, per flavour: Cloud users carry accountId and
 * accountType, DC users name and key. One place, so REST answers and webhook payloads agree.
 */
final class JsonShapes {
    /** Jira's wire format for timestamps: "2019-02-15T19:01:52.971+0000". */
    static final DateTimeFormatter JIRA_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);

    /** The fields {@code *navigable} selects: all the simulator knows except comment, as in Jira. */
    static final Set<String> NAVIGABLE = Set.of(
            "issuetype",
            "project",
            "fixVersions",
            "resolution",
            "resolutiondate",
            "watches",
            "created",
            "priority",
            "labels",
            "versions",
            "issuelinks",
            "assignee",
            "updated",
            "status",
            "components",
            "description",
            "summary",
            "creator",
            "subtasks",
            "reporter",
            "environment",
            "duedate",
            "statuscategorychangedate");

    private final SimState state;
    /** Known only once the server has its port; routes are registered before that. */
    private volatile String baseUrl = "http://127.0.0.1";

    private final JsonNodeFactory json = JsonNodeFactory.instance;
    private final IssueJson issues;

    JsonShapes(SimState state) {
        this.state = state;
        this.issues = new IssueJson(state, this);
    }

    void baseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    String baseUrl() {
        return baseUrl;
    }

    String api(String path) {
        return baseUrl + "/rest/api/2/" + path;
    }

    static String time(Instant instant) {
        return instant == null ? null : JIRA_TIME.format(instant);
    }

    JsonNode user(SimUser u) {
        if (u == null) {
            return json.nullNode();
        }
        ObjectNode n = json.objectNode();
        if (state.flavour == Flavour.CLOUD) {
            n.put("self", api("user?accountId=" + u.accountId()));
            n.put("accountId", u.accountId());
        } else {
            n.put("self", api("user?username=" + u.username()));
            n.put("name", u.username());
            n.put("key", u.username());
            n.put("emailAddress", u.email());
        }
        ObjectNode avatars = n.putObject("avatarUrls");
        for (String size : List.of("48x48", "24x24", "16x16", "32x32")) {
            avatars.put(size, baseUrl + "/secure/useravatar?size=" + size + "&ownerId=" + u.username());
        }
        n.put("displayName", u.displayName());
        n.put("active", true);
        n.put("timeZone", "Etc/UTC");
        if (state.flavour == Flavour.CLOUD) {
            n.put("accountType", "atlassian");
        }
        return n;
    }

    /** GET /myself: the user plus what only the owner sees. */
    JsonNode myself(SimUser u) {
        ObjectNode n = (ObjectNode) user(u);
        n.put("emailAddress", u.email());
        n.put("locale", "en_US");
        n.putObject("groups").put("size", u.siteAdmin() ? 2 : 1).putArray("items");
        return n;
    }

    ObjectNode version(SimVersion v) {
        ObjectNode n = json.objectNode();
        n.put("self", api("version/" + v.id()));
        n.put("id", String.valueOf(v.id()));
        n.put("name", v.name());
        n.put("archived", false);
        n.put("released", false);
        n.put("projectId", v.projectId());
        return n;
    }

    ObjectNode issueType(SimProject.IssueType t) {
        ObjectNode n = json.objectNode();
        n.put("self", api("issuetype/" + t.id()));
        n.put("id", t.id());
        n.put("description", t.description());
        n.put("iconUrl", baseUrl + "/images/icons/issuetypes/" + t.name().toLowerCase() + ".svg");
        n.put("name", t.name());
        n.put("subtask", false);
        n.put("avatarId", 10300);
        if (state.flavour == Flavour.CLOUD) {
            n.put("hierarchyLevel", 0);
        }
        return n;
    }

    ObjectNode projectRef(SimProject p) {
        ObjectNode n = json.objectNode();
        n.put("self", api("project/" + p.id()));
        n.put("id", String.valueOf(p.id()));
        n.put("key", p.key());
        n.put("name", p.name());
        n.put("projectTypeKey", "software");
        n.putObject("avatarUrls").put("48x48", baseUrl + "/secure/projectavatar?pid=" + p.id());
        return n;
    }

    ObjectNode project(SimProject p) {
        ObjectNode n = projectRef(p);
        n.put("expand", "description,lead,issueTypes,url,projectKeys,permissions,insight");
        n.put("description", "");
        n.set("lead", user(p.lead()));
        n.putArray("components");
        ArrayNode types = n.putArray("issueTypes");
        p.issueTypes().forEach(t -> types.add(issueType(t)));
        n.put("assigneeType", "UNASSIGNED");
        ArrayNode versions = n.putArray("versions");
        p.versions().forEach(v -> versions.add(version(v)));
        n.putObject("roles");
        n.put("simplified", false);
        n.put("style", "classic");
        n.put("isPrivate", false);
        n.putObject("properties");
        return n;
    }

    ObjectNode status(SimStatus s) {
        ObjectNode n = json.objectNode();
        n.put("self", api("status/" + s.id()));
        n.put("description", "");
        n.put("iconUrl", baseUrl + "/images/icons/statuses/generic.png");
        n.put("name", s.name());
        n.put("id", s.id());
        ObjectNode c = n.putObject("statusCategory");
        c.put("self", api("statuscategory/" + s.categoryId()));
        c.put("id", Integer.parseInt(s.categoryId()));
        c.put("key", s.categoryKey());
        c.put("colorName", s.categoryColor());
        c.put("name", s.categoryName());
        return n;
    }

    ObjectNode priority(SimPriority p) {
        ObjectNode n = json.objectNode();
        n.put("self", api("priority/" + p.id()));
        n.put("iconUrl", baseUrl + "/images/icons/priorities/" + p.name().toLowerCase() + ".svg");
        n.put("name", p.name());
        n.put("id", p.id());
        return n;
    }

    /** A priority as the list endpoint gives it: the issue field's shape plus its description and colour. */
    ObjectNode priorityInList(SimPriority p) {
        ObjectNode n = priority(p);
        n.put("description", p.description());
        n.put("statusColor", p.statusColor());
        return n;
    }

    JsonNode resolution(String name) {
        if (name == null) {
            return json.nullNode();
        }
        ObjectNode n = json.objectNode();
        n.put("self", api("resolution/10000"));
        n.put("id", "10000");
        n.put("description", "Work has been completed on this issue.");
        n.put("name", name);
        return n;
    }

    ObjectNode comment(String issueId, SimComment c) {
        ObjectNode n = json.objectNode();
        n.put("self", api("issue/" + issueId + "/comment/" + c.id()));
        n.put("id", String.valueOf(c.id()));
        n.set("author", user(c.author()));
        n.put("body", c.body());
        n.set("updateAuthor", user(c.author()));
        n.put("created", time(c.created()));
        n.put("updated", time(c.created()));
        if (state.flavour == Flavour.CLOUD) {
            n.put("jsdPublic", true);
        }
        return n;
    }

    ObjectNode attachment(SimAttachment a) {
        ObjectNode n = json.objectNode();
        n.put("self", api("attachment/" + a.id()));
        n.put("id", String.valueOf(a.id()));
        n.put("filename", a.filename());
        n.set("author", user(a.author()));
        n.put("created", time(a.created()));
        n.put("size", a.size());
        n.put("mimeType", a.mimeType());
        n.put("content", baseUrl() + "/secure/attachment/" + a.id() + "/" + a.filename());
        return n;
    }

    ArrayNode attachments(IssueRecord r) {
        ArrayNode list = json.arrayNode();
        r.attachments.forEach(a -> list.add(attachment(a)));
        return list;
    }

    ObjectNode comments(IssueRecord r) {
        return comments(r, r.comments);
    }

    /** A page of the issue's comments; {@code total} counts them all. */
    ObjectNode comments(IssueRecord r, List<SimComment> page) {
        ObjectNode n = json.objectNode();
        ArrayNode list = n.putArray("comments");
        page.forEach(c -> list.add(comment(String.valueOf(r.id), c)));
        n.put("self", api("issue/" + r.id + "/comment"));
        n.put("maxResults", r.comments.size());
        n.put("total", r.comments.size());
        n.put("startAt", 0);
        return n;
    }

    ObjectNode linkType(SimLinkType t) {
        ObjectNode n = json.objectNode();
        n.put("id", t.id());
        n.put("name", t.name());
        n.put("inward", t.inward());
        n.put("outward", t.outward());
        n.put("self", api("issueLinkType/" + t.id()));
        return n;
    }

    /** A link as seen from {@code fromKey}: the other issue appears as inwardIssue or outwardIssue. */
    ObjectNode link(SimLink l, String fromKey) {
        ObjectNode n = json.objectNode();
        n.put("id", String.valueOf(l.id()));
        n.put("self", api("issueLink/" + l.id()));
        n.set("type", linkType(l.type()));
        boolean weAreInward = l.inwardKey().equals(fromKey);
        String otherKey = weAreInward ? l.outwardKey() : l.inwardKey();
        n.set(weAreInward ? "outwardIssue" : "inwardIssue", issueRef(state.issue(otherKey)));
        return n;
    }

    ObjectNode issueRef(IssueRecord r) {
        ObjectNode n = json.objectNode();
        n.put("id", String.valueOf(r.id));
        n.put("key", r.key);
        n.put("self", api("issue/" + r.id));
        ObjectNode f = n.putObject("fields");
        f.put("summary", r.summary);
        f.set("status", status(r.status));
        f.set("priority", priority(r.priority));
        f.set("issuetype", issueType(r.issueType));
        return n;
    }

    /** The issue with the fields {@code wanted} selects; properties by key (see {@link IssueJson}). */
    ObjectNode issue(IssueRecord r, FieldSelection wanted, Collection<String> propertyKeys, SimUser viewer) {
        return issues.issue(r, wanted, propertyKeys, viewer);
    }

    ArrayNode versions(List<SimVersion> versions) {
        ArrayNode a = json.arrayNode();
        versions.forEach(v -> a.add(version(v)));
        return a;
    }
}
