package io.prodsupport.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * {@link JiraClient} over one OkHttp client. Auth, same-host enforcement, retries, the shared rate-limit
 * gate and logging are interceptors; redirects are not followed (a 3xx is reported as a wrong base URL).
 * Thread-safe; share one instance per Jira site.
 *
 * <p>Built on the instance's shared OkHttp client, it configures a copy of it ({@link OkHttpClient#newBuilder()}:
 * same connection pool and threads) and leaves releasing them to the owner of the shared client. Built without one,
 * it makes its own and releases it on {@link #close()}.
 */
public final class HttpJiraClient implements JiraClient, AutoCloseable {

    static final int PAGE_SIZE = 100;

    private final OkHttpClient okHttp;
    /** Whether {@link #okHttp}'s pool and threads are this client's own to release on {@link #close()}. */
    private final boolean ownsOkHttp;

    private final JiraHttp http;
    private volatile ServerInfo serverInfo;
    private final JiraHealth health;
    private final JiraCallMetrics metrics = new JiraCallMetrics();
    private final RetryStats retryStats = new RetryStats();

    /** With an OkHttp client of its own, released by {@link #close()}: for tools and tests. */
    public HttpJiraClient(JiraConnection connection) {
        this(connection, Clock.systemUTC(), Sleeper.SYSTEM, RandomGenerator.getDefault());
    }

    /**
     * On the instance's shared client: Jira's interceptors and timeouts go on a copy, so the shared client (and
     * whatever else is built on it) never carries Jira's credentials. {@link #close()} leaves the shared connection
     * pool and threads to the shared client's owner.
     */
    public HttpJiraClient(JiraConnection connection, OkHttpClient shared) {
        this(connection, shared, false, Clock.systemUTC(), Sleeper.SYSTEM, RandomGenerator.getDefault());
    }

    /** With the time seams exposed, for tests that must not wait on the wall clock; with an OkHttp client of its own. */
    public HttpJiraClient(JiraConnection connection, Clock clock, Sleeper sleeper, RandomGenerator random) {
        this(connection, new OkHttpClient(), true, clock, sleeper, random);
    }

    private HttpJiraClient(
            JiraConnection connection,
            OkHttpClient shared,
            boolean ownsShared,
            Clock clock,
            Sleeper sleeper,
            RandomGenerator random) {
        HttpUrl base = HttpUrl.get(connection.baseUrl().toString());
        this.health = new JiraHealth(clock);
        this.ownsOkHttp = ownsShared;
        this.okHttp = shared.newBuilder()
                .followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(false) // RetryInterceptor alone decides; OkHttp would silently resend POSTs
                .connectTimeout(connection.callTimeout())
                .readTimeout(connection.callTimeout())
                .writeTimeout(connection.callTimeout())
                .addInterceptor(new SameHostInterceptor(base))
                .addInterceptor(new RetryInterceptor(connection.retryBudget(), clock, sleeper, random, retryStats))
                .addInterceptor(new RateLimitGate(clock, sleeper, retryStats))
                .addInterceptor(new AuthInterceptor(connection.credentials()))
                // application interceptors inside the retry loop: they see every attempt, and also the attempts
                // that never reach the wire (connection refused), which network interceptors would miss
                .addInterceptor(health)
                .addInterceptor(metrics)
                .addNetworkInterceptor(new RequestLogInterceptor())
                .build();
        this.http = new JiraHttp(okHttp, new ObjectMapper(), base);
    }

    /** Counts this client's calls (by endpoint and status) and rate-limit waits in {@code registry} from now on. */
    public void recordMetricsIn(MeterRegistry registry) {
        metrics.bindTo(registry);
    }

    /** What retries and rate-limit pauses have cost this client so far: for {@code /metrics}. */
    public RetryStats retryStats() {
        return retryStats;
    }

    /** How Jira has been answering this client's requests: for the readiness endpoint. */
    public JiraHealth.Snapshot health() {
        return health.snapshot();
    }

    /** @see <a href="https://developer.atlassian.com/cloud/jira/platform/rest/v2/api-group-server-info/#api-rest-api-2-serverinfo-get">Get Jira instance info</a> */
    @Override
    public ServerInfo serverInfo() {
        ServerInfo cached = serverInfo;
        if (cached == null) {
            cached = ServerInfo.fromJson(http.get(http.api("serverInfo").build(), null));
            serverInfo = cached;
        }
        return cached;
    }

    @Override
    public Flavour flavour() {
        return serverInfo().flavour();
    }

    /** @see <a href="https://developer.atlassian.com/cloud/jira/platform/rest/v2/api-group-myself/#api-rest-api-2-myself-get">Get current user</a> */
    @Override
    public JiraUser myself() {
        return JiraUser.fromJson(http.get(http.api("myself").build(), null));
    }

    /**
     * Jira answers 404 when nobody has that reference; that reads as empty.
     *
     * @see <a href="https://developer.atlassian.com/cloud/jira/platform/rest/v2/api-group-users/#api-rest-api-2-user-get">Get user</a>
     */
    @Override
    public Optional<JiraUser> user(String userRef) {
        HttpUrl url = http.api("user")
                .addQueryParameter(flavour() == Flavour.CLOUD ? "accountId" : "username", userRef)
                .build();
        return http.getIfPresent(url).map(JiraUser::fromJson);
    }

    /** @see <a href="https://developer.atlassian.com/cloud/jira/platform/rest/v2/api-group-projects/#api-rest-api-2-project-projectidorkey-get">Get project</a> */
    @Override
    public Project project(String projectKey) {
        return Project.fromJson(http.get(http.api("project", projectKey).build(), "project " + projectKey));
    }

    /** @see <a href="https://developer.atlassian.com/cloud/jira/platform/rest/v2/api-group-project-versions/#api-rest-api-2-project-projectidorkey-versions-get">Get project versions</a> */
    @Override
    public List<Version> projectVersions(String projectKey) {
        JsonNode versions = http.get(http.api("project", projectKey, "versions").build(), "project " + projectKey);
        return each(versions, Version::fromJson);
    }

    /** @see <a href="https://developer.atlassian.com/cloud/jira/platform/rest/v2/api-group-project-versions/#api-rest-api-2-version-post">Create version</a> */
    @Override
    public Version createVersion(String projectId, String name) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("name", name);
        if (projectId.chars().allMatch(Character::isDigit)) {
            body.put("projectId", Long.parseLong(projectId)); // the schema says int64
        } else {
            body.put("projectId", projectId);
        }
        return Version.fromJson(http.send("POST", http.api("version").build(), body, Replay.UNSAFE, null));
    }

    /** @see <a href="https://developer.atlassian.com/cloud/jira/platform/rest/v2/api-group-permissions/#api-rest-api-2-mypermissions-get">Get my permissions</a> */
    @Override
    public Set<String> myPermissions(String projectKey, Collection<String> permissionKeys) {
        HttpUrl url = http.api("mypermissions")
                .addQueryParameter("projectKey", projectKey)
                .addQueryParameter("permissions", String.join(",", permissionKeys))
                .build();
        JsonNode permissions = http.get(url, "project " + projectKey).path("permissions");
        Set<String> granted = new LinkedHashSet<>();
        for (String key : permissionKeys) {
            if (permissions.path(key).path("havePermission").asBoolean(false)) {
                granted.add(key);
            }
        }
        return Set.copyOf(granted);
    }

    /** @see <a href="https://developer.atlassian.com/cloud/jira/platform/rest/v2/api-group-issue-link-types/#api-rest-api-2-issuelinktype-get">Get issue link types</a> */
    @Override
    public List<IssueLinkType> issueLinkTypes() {
        return each(http.get(http.api("issueLinkType").build(), null).path("issueLinkTypes"), IssueLinkType::fromJson);
    }

    /**
     * @see <a href="https://developer.atlassian.com/cloud/jira/platform/rest/v2/api-group-issue-priorities/#api-rest-api-2-priority-get">Get priorities (Cloud)</a>
     * @see <a href="https://docs.atlassian.com/software/jira/docs/api/REST/latest/#api/2/priority-getPriorities">Get priorities (Data Center)</a>
     */
    @Override
    public List<Priority> priorities() {
        return each(http.get(http.api("priority").build(), "priorities"), Priority::fromJson);
    }

    /** @see <a href="https://developer.atlassian.com/cloud/jira/platform/rest/v2/api-group-issues/#api-rest-api-2-issue-issueidorkey-get">Get issue</a> */
    @Override
    public IssueHistory issueWithHistory(String key, Collection<String> fields) {
        HttpUrl url = http.api("issue", key)
                .addQueryParameter("fields", String.join(",", fields))
                .addQueryParameter("expand", "changelog")
                .build();
        JsonNode node = http.get(url, "issue " + key);
        Issue issue = Issue.fromJson(node);
        JsonNode changelog = node.path("changelog");
        List<ChangeHistory> histories = ChangeHistory.listFromJson(JsonFields.array(changelog, "histories"));
        if (flavour() == Flavour.CLOUD && changelog.path("total").asInt(histories.size()) > histories.size()) {
            histories = changelog(key);
        }
        return new IssueHistory(issue, histories);
    }

    /** @see <a href="https://developer.atlassian.com/cloud/jira/platform/rest/v2/api-group-issues/#api-rest-api-2-issue-issueidorkey-get">Get issue</a> */
    @Override
    public Issue getIssue(String key, Collection<String> fields, Collection<String> properties) {
        HttpUrl.Builder url = http.api("issue", key).addQueryParameter("fields", String.join(",", fields));
        if (!properties.isEmpty()) {
            url.addQueryParameter("properties", String.join(",", properties));
        }
        return Issue.fromJson(http.get(url.build(), "issue " + key));
    }

    /** @see <a href="https://developer.atlassian.com/cloud/jira/platform/rest/v2/api-group-issues/#api-rest-api-2-issue-issueidorkey-put">Edit issue</a> */
    @Override
    public void editIssue(String key, IssueEdit edit, boolean notifyUsers) {
        HttpUrl url = http.api("issue", key)
                .addQueryParameter("notifyUsers", Boolean.toString(notifyUsers))
                .build();
        http.send("PUT", url, edit.toRequestBody(), Replay.SAFE, "issue " + key);
    }

    /** @see <a href="https://developer.atlassian.com/cloud/jira/platform/rest/v2/api-group-issue-watchers/#api-rest-api-2-issue-issueidorkey-watchers-post">Add watcher</a> */
    @Override
    public void addWatcher(String key, String userRef) {
        // Watching twice leaves one watcher, so a repeat is harmless.
        http.send(
                "POST",
                http.api("issue", key, "watchers").build(),
                JsonNodeFactory.instance.textNode(userRef),
                Replay.SAFE,
                "issue " + key);
    }

    /** @see <a href="https://developer.atlassian.com/cloud/jira/platform/rest/v2/api-group-issue-watchers/#api-rest-api-2-issue-issueidorkey-watchers-get">Get issue watchers</a> */
    @Override
    public List<String> watchers(String key) {
        Flavour flavour = flavour();
        JsonNode watchers = http.get(http.api("issue", key, "watchers").build(), "issue " + key)
                .path("watchers");
        return each(watchers, user -> JiraUser.fromJson(user).ref(flavour));
    }

    /** @see <a href="https://developer.atlassian.com/cloud/jira/platform/rest/v2/api-group-issues/#api-rest-api-2-issue-post">Create issue</a> */
    @Override
    public CreatedIssue createIssue(NewIssue issue) {
        JsonNode created = http.send("POST", http.api("issue").build(), issue.toRequestBody(), Replay.UNSAFE, null);
        return new CreatedIssue(JsonFields.text(created, "id"), JsonFields.text(created, "key"));
    }

    /** @see <a href="https://developer.atlassian.com/cloud/jira/platform/rest/v2/api-group-issue-links/#api-rest-api-2-issuelink-post">Create issue link</a> */
    @Override
    public void linkIssues(String linkTypeName, String inwardKey, String outwardKey) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putObject("type").put("name", linkTypeName);
        body.putObject("inwardIssue").put("key", inwardKey);
        body.putObject("outwardIssue").put("key", outwardKey);
        http.send("POST", http.api("issueLink").build(), body, Replay.UNSAFE, null);
    }

    /** @see <a href="https://developer.atlassian.com/cloud/jira/platform/rest/v2/api-group-issues/#api-rest-api-2-issue-issueidorkey-transitions-get">Get transitions</a> */
    @Override
    public List<Transition> transitions(String key) {
        JsonNode transitions = http.get(http.api("issue", key, "transitions").build(), "issue " + key);
        return each(transitions.path("transitions"), Transition::fromJson);
    }

    /** @see <a href="https://developer.atlassian.com/cloud/jira/platform/rest/v2/api-group-issues/#api-rest-api-2-issue-issueidorkey-transitions-post">Transition issue</a> */
    @Override
    public void transition(String key, String transitionId) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putObject("transition").put("id", transitionId);
        http.send("POST", http.api("issue", key, "transitions").build(), body, Replay.UNSAFE, "issue " + key);
    }

    /** @see <a href="https://developer.atlassian.com/cloud/jira/platform/rest/v2/api-group-issue-comments/#api-rest-api-2-issue-issueidorkey-comment-post">Add comment</a> */
    @Override
    public Comment addComment(String key, String body) {
        ObjectNode request = JsonNodeFactory.instance.objectNode().put("body", body);
        return Comment.fromJson(
                http.send("POST", http.api("issue", key, "comment").build(), request, Replay.UNSAFE, "issue " + key));
    }

    /** @see <a href="https://developer.atlassian.com/cloud/jira/platform/rest/v2/api-group-issue-comments/#api-rest-api-2-issue-issueidorkey-comment-get">Get comments</a> */
    @Override
    public List<Comment> latestComments(String key, int max) {
        HttpUrl url = http.api("issue", key, "comment")
                .addQueryParameter("orderBy", "-created")
                .addQueryParameter("maxResults", Integer.toString(max))
                .build();
        return each(http.get(url, "issue " + key).path("comments"), Comment::fromJson);
    }

    /**
     * Jira answers with the list of files attached by the call; one file is sent, so it is the first.
     *
     * @see <a href="https://developer.atlassian.com/cloud/jira/platform/rest/v2/api-group-issue-attachments/#api-rest-api-2-issue-issueidorkey-attachments-post">Add attachment</a>
     */
    @Override
    public Attachment addAttachment(String key, String filename, String mimeType, byte[] content) {
        JsonNode attached = http.upload(
                http.api("issue", key, "attachments").build(),
                "file",
                filename,
                mimeType,
                content,
                Replay.UNSAFE,
                "issue " + key);
        return Attachment.fromJson(attached.path(0));
    }

    /**
     * Jira answers 404 both for a missing property and a missing issue; both read as empty.
     *
     * @see <a href="https://developer.atlassian.com/cloud/jira/platform/rest/v2/api-group-issue-properties/#api-rest-api-2-issue-issueidorkey-properties-propertykey-get">Get issue property</a>
     */
    @Override
    public <T> Optional<T> issueProperty(String key, String propertyKey, Class<T> type) {
        return http.getIfPresent(
                        http.api("issue", key, "properties", propertyKey).build())
                .flatMap(property -> PropertyValues.fromJson(property.get("value"), type));
    }

    /** @see <a href="https://developer.atlassian.com/cloud/jira/platform/rest/v2/api-group-issue-properties/#api-rest-api-2-issue-issueidorkey-properties-propertykey-put">Set issue property</a> */
    @Override
    public void setIssueProperty(String key, String propertyKey, Object value) {
        http.send(
                "PUT",
                http.api("issue", key, "properties", propertyKey).build(),
                PropertyValues.toJson(value),
                Replay.SAFE,
                "issue " + key);
    }

    /**
     * @see <a href="https://developer.atlassian.com/cloud/jira/platform/rest/v2/api-group-issue-search/#api-rest-api-2-search-jql-post">Search for issues using JQL enhanced search (Cloud)</a>
     * @see <a href="https://developer.atlassian.com/server/jira/platform/rest/v10000/api-group-search/#api-api-2-search-post">Search for issues using JQL (Data Center)</a>
     */
    @Override
    public Stream<Issue> search(String jql, Collection<String> fields, Collection<String> properties) {
        Flavour flavour = flavour();
        HttpUrl url = flavour == Flavour.CLOUD
                ? http.api("search", "jql").build()
                : http.api("search").build();
        Function<ObjectNode, JsonNode> fetch = body -> http.send("POST", url, body, Replay.SAFE, null);
        return StreamSupport.stream(
                new SearchPages<>(fetch, flavour, jql, fields, properties, PAGE_SIZE, null, Issue::fromJson), false);
    }

    /**
     * The search with {@code expand=changelog}. Cloud's enhanced search embeds at most the 40 most recent histories
     * of an issue (JRACLOUD-96459); when its {@code total} says there are more, the whole history is read from the
     * changelog endpoint instead. Data Center embeds the whole history.
     *
     * @see <a href="https://developer.atlassian.com/cloud/jira/platform/rest/v2/api-group-issue-search/#api-rest-api-2-search-jql-post">Search for issues using JQL enhanced search (Cloud)</a>
     */
    @Override
    public Stream<IssueHistory> searchWithHistory(String jql, Collection<String> fields) {
        Flavour flavour = flavour();
        HttpUrl url = flavour == Flavour.CLOUD
                ? http.api("search", "jql").build()
                : http.api("search").build();
        Function<ObjectNode, JsonNode> fetch = body -> http.send("POST", url, body, Replay.SAFE, null);
        Function<JsonNode, IssueHistory> convert = node -> {
            Issue issue = Issue.fromJson(node);
            JsonNode changelog = node.path("changelog");
            List<ChangeHistory> histories = ChangeHistory.listFromJson(JsonFields.array(changelog, "histories"));
            int total = changelog.path("total").asInt(histories.size());
            if (flavour == Flavour.CLOUD && total > histories.size()) {
                histories = changelog(issue.key());
            }
            return new IssueHistory(issue, histories);
        };
        return StreamSupport.stream(
                new SearchPages<>(fetch, flavour, jql, fields, List.of(), PAGE_SIZE, "changelog", convert), false);
    }

    /**
     * Pages through the whole history, {@value #PAGE_SIZE} entries a call (the endpoint's largest page). Cloud only:
     * Data Center answers 404.
     *
     * @see <a href="https://developer.atlassian.com/cloud/jira/platform/rest/v2/api-group-issues/#api-rest-api-2-issue-issueidorkey-changelog-get">Get changelogs</a>
     */
    @Override
    public List<ChangeHistory> changelog(String key) {
        List<JsonNode> values = new ArrayList<>();
        int startAt = 0;
        while (true) {
            HttpUrl url = http.api("issue", key, "changelog")
                    .addQueryParameter("startAt", Integer.toString(startAt))
                    .addQueryParameter("maxResults", Integer.toString(PAGE_SIZE))
                    .build();
            JsonNode page = http.get(url, "issue " + key);
            int received = 0;
            for (JsonNode history : JsonFields.array(page, "values")) {
                values.add(history);
                received++;
            }
            startAt += received;
            // an empty page ends it too, so a misbehaving server cannot make it loop
            if (received == 0
                    || JsonFields.bool(page, "isLast")
                    || startAt >= page.path("total").asInt(0)) {
                return ChangeHistory.listFromJson(values);
            }
        }
    }

    /**
     * Releases pooled connections and the dispatcher's threads when the OkHttp client is this client's own; a shared
     * one is released by its owner, once, when everything built on it is done.
     */
    /** @see <a href="https://developer.atlassian.com/cloud/jira/platform/webhooks/#registering-a-webhook-via-the-jira-rest-api">Registering a webhook via the Jira REST API</a> */
    @Override
    public List<AdminWebhook> adminWebhooks() {
        JsonNode list = http.get(http.adminWebhooks().build(), "admin webhooks");
        return each(list, AdminWebhook::fromJson);
    }

    @Override
    public AdminWebhook createAdminWebhook(AdminWebhook webhook, Optional<String> secret) {
        return AdminWebhook.fromJson(http.send(
                "POST", http.adminWebhooks().build(), webhook.toJson(secret), Replay.UNSAFE, "admin webhooks"));
    }

    @Override
    public AdminWebhook updateAdminWebhook(String id, AdminWebhook webhook, Optional<String> secret) {
        return AdminWebhook.fromJson(http.send(
                "PUT", http.adminWebhooks(id).build(), webhook.toJson(secret), Replay.SAFE, "admin webhook " + id));
    }

    @Override
    public void close() {
        if (ownsOkHttp) {
            okHttp.dispatcher().executorService().shutdown();
            okHttp.connectionPool().evictAll();
        }
    }

    private static <T> List<T> each(JsonNode array, Function<JsonNode, T> convert) {
        List<T> out = new ArrayList<>();
        array.forEach(element -> out.add(convert.apply(element)));
        return List.copyOf(out);
    }
}
