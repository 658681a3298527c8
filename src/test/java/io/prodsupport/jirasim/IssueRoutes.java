package io.prodsupport.jirasim;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;
import static io.javalin.http.HandlerType.PUT;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Issue create, read, edit and transitions. */
final class IssueRoutes {
    /** Fields a create reads itself rather than through the field writer. */
    private static final Set<String> CREATE_ONLY = Set.of("project", "issuetype", "summary");

    private final SimState state;
    private final JsonShapes shapes;
    private final IssueEditor editor;
    private final IssueFieldWriter writer;
    private final LinksOnCreate linksOnCreate;
    private final ChangelogRoutes changelog;
    private final JsonNodeFactory json = JsonNodeFactory.instance;

    IssueRoutes(
            SimState state,
            JsonShapes shapes,
            IssueEditor editor,
            IssueFieldWriter writer,
            LinksOnCreate linksOnCreate) {
        this.state = state;
        this.shapes = shapes;
        this.editor = editor;
        this.writer = writer;
        this.linksOnCreate = linksOnCreate;
        this.changelog = new ChangelogRoutes(state, shapes);
    }

    void register(RequestPipeline p, RoutesConfig r) {
        p.route(r, GET, "/rest/api/2/issue/{issueIdOrKey}", this::get);
        p.route(r, PUT, "/rest/api/2/issue/{issueIdOrKey}", this::edit);
        p.route(r, POST, "/rest/api/2/issue", this::create);
        p.route(r, GET, "/rest/api/2/issue/{issueIdOrKey}/transitions", this::transitions);
        p.route(r, POST, "/rest/api/2/issue/{issueIdOrKey}/transitions", this::transition);
    }

    private void get(SimCall c) {
        synchronized (state) {
            IssueRecord r = state.issue(c.path("issueIdOrKey"));
            FieldSelection fields = FieldSelection.parse(c.queries("fields"), "*all");
            List<String> props = IssueProperties.requested(c.queries("properties"));
            ObjectNode issue = shapes.issue(r, fields, props, c.caller());
            if (ChangelogRoutes.wanted(c.queries("expand"))) {
                changelog.embed(issue, r, ChangelogRoutes.CLOUD_ISSUE_CAP);
            }
            c.answer(200, issue);
        }
    }

    /**
     * Fields are set and {@code update} operations applied through the same writer as an edit; links in
     * {@code update.issuelinks} are made once the issue exists (see {@link LinksOnCreate}). Everything is
     * checked before the issue exists, so a refused create creates nothing.
     */
    private void create(SimCall c) {
        JsonNode fields = c.json().path("fields");
        JsonNode update = c.json().path("update");
        synchronized (state) {
            SimProject project = (fields.path("project").hasNonNull("id")
                            ? state.project(fields.path("project").get("id").asText())
                            : state.project(fields.path("project").path("key").asText("")))
                    .orElseThrow(() -> JiraError.field(400, "project", "Specify a valid project ID or key"));
            JsonNode typeRef = fields.path("issuetype");
            SimProject.IssueType type = SimProject.issueType(
                            typeRef.hasNonNull("id")
                                    ? typeRef.get("id").asText()
                                    : typeRef.path("name").asText(""))
                    .orElseThrow(() -> JiraError.field(400, "issuetype", "Specify an issue type"));
            if (fields.path("summary").asText("").isBlank()) {
                throw JiraError.field(400, "summary", "You must specify a summary of the issue.");
            }
            refuseFieldsInBoth(fields, update);
            Map<String, JsonNode> properties = IssueProperties.toWrite(c.json().path("properties"));
            List<LinksOnCreate.Pending> links = linksOnCreate.read(project, fields, update);
            IssueRecord r = editor.create(
                    project,
                    type,
                    fields.get("summary").asText(),
                    null,
                    c.caller(),
                    c.caller(),
                    properties,
                    (issue, items) -> {
                        fields.fields().forEachRemaining(e -> {
                            if (!CREATE_ONLY.contains(e.getKey())) {
                                writer.apply(issue, e.getKey(), "set", e.getValue(), items);
                            }
                        });
                        // Links are made once the issue exists (LinksOnCreate).
                        applyOperations(issue, update, Set.of(LinksOnCreate.FIELD), items);
                    });
            linksOnCreate.make(r, links, c.caller());
            ObjectNode out = json.objectNode();
            out.put("id", String.valueOf(r.id));
            out.put("key", r.key);
            out.put("self", shapes.api("issue/" + r.id));
            c.answer(201, out);
        }
    }

    private void edit(SimCall c) {
        JsonNode fields = c.json().path("fields");
        JsonNode update = c.json().path("update");
        synchronized (state) {
            IssueRecord r = state.issue(c.path("issueIdOrKey"));
            if ("false".equalsIgnoreCase(c.query("notifyUsers")) && !state.isProjectAdmin(c.caller(), r.project)) {
                throw JiraError.messages(
                        403,
                        "To discard the user notification either admin or project admin permissions are required.");
            }
            refuseFieldsInBoth(fields, update);
            // Jira validates the whole edit before applying any of it; the dry run on a copy does the same here.
            // Properties are checked first and set with the fields or not at all.
            Map<String, JsonNode> properties = IssueProperties.toWrite(c.json().path("properties"));
            applyAll(copyOf(r), fields, update, new ArrayList<>());
            List<ChangeItem> items = new ArrayList<>();
            applyAll(r, fields, update, items);
            editor.setProperties(r, properties);
            editor.commitEdit(r, items, c.caller());
            c.noContent();
        }
    }

    private static void refuseFieldsInBoth(JsonNode fields, JsonNode update) {
        fields.fieldNames().forEachRemaining(f -> {
            if (update.has(f)) {
                throw JiraError.field(400, f, "Field '" + f + "' cannot be set in both 'fields' and 'update'.");
            }
        });
    }

    private void applyAll(IssueRecord r, JsonNode fields, JsonNode update, List<ChangeItem> items) {
        fields.fields().forEachRemaining(e -> writer.apply(r, e.getKey(), "set", e.getValue(), items));
        applyOperations(r, update, Set.of(), items);
    }

    /** The {@code update} operations, field by field, except those of the fields in {@code skip}. */
    private void applyOperations(IssueRecord r, JsonNode update, Set<String> skip, List<ChangeItem> items) {
        update.fields().forEachRemaining(e -> {
            if (skip.contains(e.getKey())) {
                return;
            }
            for (JsonNode op : e.getValue()) {
                op.fields().forEachRemaining(o -> writer.apply(r, e.getKey(), o.getKey(), o.getValue(), items));
            }
        });
    }

    private static IssueRecord copyOf(IssueRecord r) {
        IssueRecord c = new IssueRecord(r.id, r.key, r.project, r.issueType, r.creator, r.created);
        c.summary = r.summary;
        c.description = r.description;
        c.environment = r.environment;
        c.assignee = r.assignee;
        c.reporter = r.reporter;
        c.priority = r.priority;
        c.labels.addAll(r.labels);
        c.fixVersions.addAll(r.fixVersions);
        return c;
    }

    private void transitions(SimCall c) {
        synchronized (state) {
            IssueRecord r = state.issue(c.path("issueIdOrKey"));
            ObjectNode out = json.objectNode();
            out.put("expand", "transitions");
            ArrayNode list = out.putArray("transitions");
            for (SimTransition t : state.workflow.availableFrom(r.status)) {
                ObjectNode n = list.addObject();
                n.put("id", t.id());
                n.put("name", t.name());
                n.set("to", shapes.status(t.to()));
                n.put("hasScreen", !t.requiredFields().isEmpty());
                n.put("isGlobal", false);
                n.put("isInitial", false);
                n.put("isAvailable", true);
                n.put("isConditional", false);
                n.put("isLooped", false);
            }
            c.answer(200, out);
        }
    }

    private void transition(SimCall c) {
        String id = c.json().path("transition").path("id").asText("");
        synchronized (state) {
            IssueRecord r = state.issue(c.path("issueIdOrKey"));
            SimTransition t = state.workflow
                    .byId(r.status, id)
                    .orElseThrow(
                            () -> JiraError.messages(400, "Transition id '" + id + "' is not valid for this issue."));
            for (String required : t.requiredFields()) {
                if (!c.json().path("fields").has(required)) {
                    throw JiraError.field(400, required, "Field '" + required + "' is required.");
                }
            }
            editor.transition(r, t, c.caller());
            c.noContent();
        }
    }
}
