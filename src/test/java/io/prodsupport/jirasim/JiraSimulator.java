package io.prodsupport.jirasim;

import io.javalin.Javalin;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Jira site on real HTTP (127.0.0.1, random port) for tests and the demo. Seeding methods act as a person
 * in Jira's UI would: every change fires the webhook Jira fires. See the package documentation.
 */
public final class JiraSimulator implements AutoCloseable {
    private final SimState state;
    private final Webhooks webhooks;
    private final Faults faults = new Faults();
    private final CallCounter calls = new CallCounter();
    private final SpecViolations violations = new SpecViolations();
    private final IssueEditor editor;
    private final JsonShapes shapes;
    private final Javalin app;

    /** Starts a simulator. Defaults: Cloud, requests validated against the OpenAPI spec, system UTC clock. */
    public static final class Builder {
        private Flavour flavour = Flavour.CLOUD;
        private boolean validateRequests = true;
        private Clock clock = Clock.systemUTC();
        private int port;
        private String dataCenterVersion = "9.12.15";

        private Builder() {}

        /** The version a Data Center site reports (default 9.12.15); 10 and later take a secret for admin webhooks. */
        public Builder dataCenterVersion(String version) {
            this.dataCenterVersion = version;
            return this;
        }

        public Builder flavour(Flavour flavour) {
            this.flavour = flavour;
            return this;
        }

        public Builder validateRequests(boolean validate) {
            this.validateRequests = validate;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** 0 (default) picks a free port. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public JiraSimulator start() {
            return new JiraSimulator(this);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    private JiraSimulator(Builder b) {
        state = new SimState(b.flavour, b.clock);
        state.dataCenterVersion = b.dataCenterVersion;
        webhooks = new Webhooks(state);
        shapes = new JsonShapes(state);
        WebhookEvents events = new WebhookEvents(state, webhooks);
        events.shapes(shapes);
        editor = new IssueEditor(state, events);
        IssueFieldWriter writer = new IssueFieldWriter(state, editor);
        if (b.validateRequests) {
            OpenApiConformance.preload();
        }
        RequestPipeline pipeline =
                new RequestPipeline(state, calls, new FaultInjector(faults), violations, b.validateRequests);
        app = Javalin.create(cfg -> {
                    cfg.jetty.host = "127.0.0.1";
                    cfg.startup.showJavalinBanner = false;
                    // Javalin's own 1 MB cap would answer 413 before the route; attachments have the site's limit
                    cfg.http.maxRequestSize = 64L * 1024 * 1024;
                    new SiteRoutes(state, shapes).register(pipeline, cfg.routes);
                    new IssueRoutes(state, shapes, editor, writer, new LinksOnCreate(state, editor))
                            .register(pipeline, cfg.routes);
                    new IssueDetailRoutes(state, shapes, editor).register(pipeline, cfg.routes);
                    new SearchRoutes(state, shapes).register(pipeline, cfg.routes);
                    new ChangelogRoutes(state, shapes).register(pipeline, cfg.routes);
                    new AttachmentRoutes(state, shapes, editor).register(pipeline, cfg.routes);
                    new AdminWebhookRoutes(state, shapes, webhooks).register(pipeline, cfg.routes);
                })
                .start(b.port);
        shapes.baseUrl("http://127.0.0.1:" + app.port());
    }

    public String baseUrl() {
        return shapes.baseUrl();
    }

    public Flavour flavour() {
        return state.flavour;
    }

    public SimUser addUser(String username, String displayName, String email, boolean siteAdmin) {
        return state.addUser(username, displayName, email, siteAdmin);
    }

    public SimUser user(String usernameOrAccountId) {
        return state.findUser(usernameOrAccountId)
                .orElseThrow(() -> new IllegalArgumentException("no user " + usernameOrAccountId));
    }

    /** A project with the four issue types and the site workflow; {@code lead} is its administrator. */
    public SimProject addProject(String key, String name, SimUser lead) {
        synchronized (state) {
            if (state.projects.containsKey(key)) {
                throw new IllegalArgumentException("project exists: " + key);
            }
            SimProject p = new SimProject(state.nextId(), key, name, lead);
            state.projects.put(key, p);
            return p;
        }
    }

    /** A project added before, by key or id; its setters configure it as an administrator would. */
    public SimProject project(String key) {
        return state.project(key).orElseThrow(() -> new IllegalArgumentException("no project " + key));
    }

    /** Adds a version as an administrator would in the UI (no webhook: version events are not issue events). */
    public SimVersion addVersion(String projectKey, String name) {
        synchronized (state) {
            SimProject p = project(projectKey);
            SimVersion v = new SimVersion(state.nextId(), name, p.id());
            p.addVersion(v);
            return v;
        }
    }

    public String createIssue(
            String projectKey, String issueType, String summary, String description, SimUser reporter) {
        synchronized (state) {
            SimProject p = project(projectKey);
            SimProject.IssueType type = SimProject.issueType(issueType)
                    .orElseThrow(() -> new IllegalArgumentException("no issue type " + issueType));
            return editor.create(p, type, summary, description, reporter, reporter, Map.of(), (r, items) -> {}).key;
        }
    }

    public void editDescription(String key, String description, SimUser actor) {
        synchronized (state) {
            IssueRecord r = state.issue(key);
            List<ChangeItem> items = new ArrayList<>();
            editor.setDescription(r, description, items);
            editor.commitEdit(r, items, actor);
        }
    }

    /** A person's edit of the priority (a name of the site's scheme: Highest … Lowest). */
    public void setPriority(String key, String priorityName, SimUser actor) {
        synchronized (state) {
            IssueRecord r = state.issue(key);
            List<ChangeItem> items = new ArrayList<>();
            editor.setPriority(
                    r,
                    SimPriority.find(priorityName)
                            .orElseThrow(() -> new IllegalArgumentException("no priority " + priorityName)),
                    items);
            editor.commitEdit(r, items, actor);
        }
    }

    /** A person's edit of the owner. */
    public void assign(String key, SimUser assignee, SimUser actor) {
        synchronized (state) {
            IssueRecord r = state.issue(key);
            List<ChangeItem> items = new ArrayList<>();
            editor.setAssignee(r, assignee, items);
            editor.commitEdit(r, items, actor);
        }
    }

    /** Moves the issue along the workflow as a person would (screens are filled in by that person). */
    public void transition(String key, String toStatusName, SimUser actor) {
        synchronized (state) {
            IssueRecord r = state.issue(key);
            SimTransition t = state.workflow
                    .toStatus(r.status, toStatusName)
                    .orElseThrow(() -> new IllegalStateException(
                            "no transition from " + r.status.name() + " to " + toStatusName + " on " + key));
            editor.transition(r, t, actor);
        }
    }

    public void addComment(String key, String body, SimUser actor) {
        synchronized (state) {
            editor.comment(state.issue(key), body, actor);
        }
    }

    /** The largest file the site accepts as an attachment (Jira's admin setting); larger ones get 413. */
    public void maxAttachmentSize(long bytes) {
        state.maxAttachmentSize = bytes;
    }

    /** The person stops watching the issue, as the eye icon in the issue view does; Jira fires no webhook for it. */
    public void stopWatching(String key, SimUser person) {
        synchronized (state) {
            state.issue(key).watchers.remove(person);
        }
    }

    public SimIssue issue(String key) {
        synchronized (state) {
            return state.snapshot(state.issue(key));
        }
    }

    public List<SimIssue> issues() {
        synchronized (state) {
            return state.issues.values().stream().map(state::snapshot).toList();
        }
    }

    public List<String> versionNames(String projectKey) {
        return project(projectKey).versions().stream().map(SimVersion::name).toList();
    }

    public SimWorkflow workflow() {
        return state.workflow;
    }

    public Webhooks webhooks() {
        return webhooks;
    }

    public Faults faults() {
        return faults;
    }

    public CallCounter calls() {
        return calls;
    }

    public List<String> specViolations() {
        return violations.all();
    }

    public void clearSpecViolations() {
        violations.clear();
    }

    public void assertNoSpecViolations() {
        List<String> found = violations.all();
        if (!found.isEmpty()) {
            throw new AssertionError(
                    "requests not conforming to Jira's OpenAPI spec:\n  " + String.join("\n  ", found));
        }
    }

    @Override
    public void close() {
        app.stop();
        webhooks.close();
    }
}
