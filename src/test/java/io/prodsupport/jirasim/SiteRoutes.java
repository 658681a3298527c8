package io.prodsupport.jirasim;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Site-level and project-level endpoints: serverInfo, myself, projects, versions, link types, permissions, priorities.
 */
final class SiteRoutes {
    /** Permission key -> {id, name, global?} as Jira's permission scheme names them. */
    private static final Map<String, String[]> PERMISSIONS = new LinkedHashMap<>();

    static {
        PERMISSIONS.put("ADMINISTER", new String[] {"0", "Administer Jira", "GLOBAL"});
        PERMISSIONS.put("ADMINISTER_PROJECTS", new String[] {"23", "Administer Projects", "PROJECT"});
        PERMISSIONS.put("BROWSE_PROJECTS", new String[] {"10", "Browse Projects", "PROJECT"});
        PERMISSIONS.put("CREATE_ISSUES", new String[] {"11", "Create Issues", "PROJECT"});
        PERMISSIONS.put("EDIT_ISSUES", new String[] {"12", "Edit Issues", "PROJECT"});
        PERMISSIONS.put("ASSIGN_ISSUES", new String[] {"13", "Assign Issues", "PROJECT"});
        PERMISSIONS.put("RESOLVE_ISSUES", new String[] {"14", "Resolve Issues", "PROJECT"});
        PERMISSIONS.put("ADD_COMMENTS", new String[] {"15", "Add Comments", "PROJECT"});
        PERMISSIONS.put("LINK_ISSUES", new String[] {"21", "Link Issues", "PROJECT"});
        PERMISSIONS.put("MANAGE_WATCHERS", new String[] {"32", "Manage Watchers", "PROJECT"});
        PERMISSIONS.put("TRANSITION_ISSUES", new String[] {"46", "Transition Issues", "PROJECT"});
    }

    private final SimState state;
    private final JsonShapes shapes;
    private final JsonNodeFactory json = JsonNodeFactory.instance;

    SiteRoutes(SimState state, JsonShapes shapes) {
        this.state = state;
        this.shapes = shapes;
    }

    void register(RequestPipeline p, RoutesConfig r) {
        p.route(r, GET, "/rest/api/2/serverInfo", this::serverInfo);
        p.route(r, GET, "/rest/api/2/myself", c -> c.answer(200, shapes.myself(c.caller())));
        p.route(r, GET, "/rest/api/2/user", this::user);
        p.route(r, GET, "/rest/api/2/project/{projectIdOrKey}", c -> c.answer(200, shapes.project(project(c))));
        p.route(
                r,
                GET,
                "/rest/api/2/project/{projectIdOrKey}/versions",
                c -> c.answer(200, shapes.versions(project(c).versions())));
        p.route(r, POST, "/rest/api/2/version", this::createVersion);
        p.route(r, GET, "/rest/api/2/issueLinkType", this::linkTypes);
        p.route(r, GET, "/rest/api/2/mypermissions", this::myPermissions);
        p.route(r, GET, "/rest/api/2/priority", this::priorities);
    }

    private void serverInfo(SimCall c) {
        ObjectNode n = json.objectNode();
        n.put("baseUrl", shapes.baseUrl());
        boolean cloud = state.flavour == Flavour.CLOUD;
        String version = cloud ? "1001.0.0-SNAPSHOT" : state.dataCenterVersion;
        n.put("version", version);
        ArrayNode numbers = n.putArray("versionNumbers");
        for (String part : version.replaceAll("-.*", "").split("\\.")) {
            numbers.add(Integer.parseInt(part));
        }
        n.put("deploymentType", cloud ? "Cloud" : "Server");
        n.put("buildNumber", cloud ? 100290 : 9120015);
        n.put("serverTime", JsonShapes.time(state.now()));
        n.put("scmInfo", "a1b2c3d4e5f6");
        n.put("serverTitle", "Jira");
        c.answer(200, n);
    }

    /**
     * GET /priority: every priority of the site in the order the administrator arranged them (highest first), as a bare
     * array of Priority objects; the same on Cloud (where it is deprecated but answers) and Data Center.
     */
    private void priorities(SimCall c) {
        ArrayNode list = json.arrayNode();
        SimPriority.ALL.forEach(priority -> list.add(shapes.priorityInList(priority)));
        c.answer(200, list);
    }

    private SimProject project(SimCall c) {
        String keyOrId = c.path("projectIdOrKey");
        return state.project(keyOrId)
                .orElseThrow(() -> JiraError.messages(404, "No project could be found with key '" + keyOrId + "'."));
    }

    /**
     * GET /user: Cloud finds people by {@code accountId} only (a {@code username} is refused under GDPR strict mode);
     * Data Center by {@code username} or {@code key}. Nobody found is a 404, as Jira answers it.
     */
    private void user(SimCall c) {
        String id;
        if (state.flavour == Flavour.CLOUD) {
            if (c.query("accountId") == null) {
                throw JiraError.messages(400, "The query parameter 'accountId' is required in GDPR strict mode.");
            }
            id = c.query("accountId");
        } else {
            id = c.query("username") != null ? c.query("username") : c.query("key");
            if (id == null) {
                throw JiraError.messages(400, "The username query parameter was not provided");
            }
        }
        SimUser user = state.userByRestId(id)
                .orElseThrow(() -> JiraError.messages(
                        404, "Specified user does not exist or you do not have required permissions"));
        c.answer(200, shapes.user(user));
    }

    private void createVersion(SimCall c) {
        JsonNode b = c.json();
        synchronized (state) {
            SimProject project;
            if (b.hasNonNull("projectId")) {
                project = state.project(b.get("projectId").asText())
                        .orElseThrow(() -> JiraError.field(
                                404, "projectId", "Project with id " + b.get("projectId") + " not found."));
            } else if (b.hasNonNull("project")) {
                project = state.project(b.get("project").asText())
                        .orElseThrow(() -> JiraError.field(
                                404,
                                "project",
                                "Project with key " + b.get("project").asText() + " not found."));
            } else {
                throw JiraError.field(400, "project", "Project must be specified to create a version.");
            }
            if (!state.isProjectAdmin(c.caller(), project)) {
                throw JiraError.messages(
                        403, "You must have global or project administrator rights in order to modify versions.");
            }
            String name = b.path("name").asText("").trim();
            if (name.isEmpty()) {
                throw JiraError.field(400, "name", "You must specify a valid version name");
            }
            if (project.version(name).isPresent()) {
                throw JiraError.field(400, "name", "A version with this name already exists in this project.");
            }
            SimVersion v = new SimVersion(state.nextId(), name, project.id());
            project.addVersion(v);
            c.answer(201, shapes.version(v));
        }
    }

    private void linkTypes(SimCall c) {
        ObjectNode n = json.objectNode();
        ArrayNode list = n.putArray("issueLinkTypes");
        SimLinkType.DEFAULTS.forEach(t -> list.add(shapes.linkType(t)));
        c.answer(200, n);
    }

    private void myPermissions(SimCall c) {
        String wanted = c.query("permissions");
        if (wanted == null || wanted.isBlank()) {
            throw JiraError.messages(400, "The 'permissions' query parameter is required.");
        }
        SimProject project = null;
        String projectKey = c.query("projectKey") != null ? c.query("projectKey") : c.query("projectId");
        if (projectKey != null) {
            project = state.project(projectKey)
                    .orElseThrow(
                            () -> JiraError.messages(404, "No project could be found with key '" + projectKey + "'."));
        }
        ObjectNode n = json.objectNode();
        ObjectNode perms = n.putObject("permissions");
        for (String key : wanted.split(",")) {
            String k = key.trim();
            String[] meta = PERMISSIONS.get(k);
            if (meta == null) {
                throw JiraError.messages(400, "Permission key '" + k + "' does not exist.");
            }
            ObjectNode p = perms.putObject(k);
            p.put("id", meta[0]);
            p.put("key", k);
            p.put("name", meta[1]);
            p.put("type", meta[2]);
            p.put("description", meta[1]);
            p.put("havePermission", has(c.caller(), k, project));
        }
        c.answer(200, n);
    }

    /** Everyone logged in works on issues; administration and managing others' watching need admin rights. */
    private boolean has(SimUser user, String permission, SimProject project) {
        boolean admin = project == null ? user.siteAdmin() : state.isProjectAdmin(user, project);
        return switch (permission) {
            case "ADMINISTER" -> user.siteAdmin();
            case "ADMINISTER_PROJECTS", "MANAGE_WATCHERS" -> admin;
            default -> true;
        };
    }
}
