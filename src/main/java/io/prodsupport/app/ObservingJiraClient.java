package io.prodsupport.app;

import io.prodsupport.jira.AdminWebhook;
import io.prodsupport.jira.Attachment;
import io.prodsupport.jira.ChangeHistory;
import io.prodsupport.jira.Comment;
import io.prodsupport.jira.CreatedIssue;
import io.prodsupport.jira.Flavour;
import io.prodsupport.jira.Issue;
import io.prodsupport.jira.IssueEdit;
import io.prodsupport.jira.IssueHistory;
import io.prodsupport.jira.IssueLinkType;
import io.prodsupport.jira.JiraClient;
import io.prodsupport.jira.JiraUser;
import io.prodsupport.jira.NewIssue;
import io.prodsupport.jira.Priority;
import io.prodsupport.jira.Project;
import io.prodsupport.jira.ServerInfo;
import io.prodsupport.jira.Transition;
import io.prodsupport.jira.Version;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Observe mode's Jira: every read goes to Jira, no write does. A write is logged (at DEBUG; what the rules would have
 * done is recorded by the caller from their outcome) and answered as Jira would answer a success, so the rules carry
 * on and say everything they would have done. What a write would have created has no key yet: it is named
 * "(new SUP issue 1)".
 */
final class ObservingJiraClient implements JiraClient {

    private static final Logger log = LoggerFactory.getLogger(ObservingJiraClient.class);

    private final JiraClient jira;
    private final AtomicLong created = new AtomicLong();

    ObservingJiraClient(JiraClient jira) {
        this.jira = jira;
    }

    private static void wouldHave(String what) {
        log.debug("observe mode, not sent to Jira: {}", what);
    }

    @Override
    public ServerInfo serverInfo() {
        return jira.serverInfo();
    }

    @Override
    public Flavour flavour() {
        return jira.flavour();
    }

    @Override
    public JiraUser myself() {
        return jira.myself();
    }

    @Override
    public Optional<JiraUser> user(String userRef) {
        return jira.user(userRef);
    }

    @Override
    public Project project(String projectKey) {
        return jira.project(projectKey);
    }

    @Override
    public List<Version> projectVersions(String projectKey) {
        return jira.projectVersions(projectKey);
    }

    @Override
    public Version createVersion(String projectId, String name) {
        wouldHave("create version \"" + name + "\" in project " + projectId);
        return new Version("(new version)", name, projectId, false, false);
    }

    @Override
    public Set<String> myPermissions(String projectKey, Collection<String> permissionKeys) {
        return jira.myPermissions(projectKey, permissionKeys);
    }

    @Override
    public List<IssueLinkType> issueLinkTypes() {
        return jira.issueLinkTypes();
    }

    @Override
    public List<Priority> priorities() {
        return jira.priorities();
    }

    @Override
    public IssueHistory issueWithHistory(String key, Collection<String> fields) {
        return jira.issueWithHistory(key, fields);
    }

    @Override
    public Issue getIssue(String key, Collection<String> fields, Collection<String> properties) {
        return jira.getIssue(key, fields, properties);
    }

    @Override
    public void editIssue(String key, IssueEdit edit, boolean notifyUsers) {
        wouldHave("edit " + key);
    }

    @Override
    public void addWatcher(String key, String userRef) {
        wouldHave("add watcher " + userRef + " to " + key);
    }

    @Override
    public List<String> watchers(String key) {
        return jira.watchers(key);
    }

    @Override
    public CreatedIssue createIssue(NewIssue issue) {
        String name = "(new " + issue.projectKey() + " issue " + created.incrementAndGet() + ")";
        wouldHave("create " + name + " \"" + issue.summary() + "\"");
        return new CreatedIssue("0", name);
    }

    @Override
    public void linkIssues(String linkTypeName, String inwardKey, String outwardKey) {
        wouldHave("link " + inwardKey + " " + linkTypeName + " " + outwardKey);
    }

    @Override
    public List<Transition> transitions(String key) {
        return jira.transitions(key);
    }

    @Override
    public void transition(String key, String transitionId) {
        wouldHave("transition " + key + " by " + transitionId);
    }

    @Override
    public Comment addComment(String key, String body) {
        wouldHave("comment on " + key);
        return new Comment("0", null, body, null);
    }

    @Override
    public List<Comment> latestComments(String key, int max) {
        return jira.latestComments(key, max);
    }

    @Override
    public Attachment addAttachment(String key, String filename, String mimeType, byte[] content) {
        wouldHave("attach " + filename + " to " + key);
        return new Attachment("0", filename, content.length, mimeType);
    }

    @Override
    public <T> Optional<T> issueProperty(String key, String propertyKey, Class<T> type) {
        return jira.issueProperty(key, propertyKey, type);
    }

    @Override
    public void setIssueProperty(String key, String propertyKey, Object value) {
        wouldHave("set " + propertyKey + " on " + key);
    }

    @Override
    public Stream<Issue> search(String jql, Collection<String> fields, Collection<String> properties) {
        return jira.search(jql, fields, properties);
    }

    @Override
    public List<AdminWebhook> adminWebhooks() {
        return jira.adminWebhooks();
    }

    @Override
    public AdminWebhook createAdminWebhook(AdminWebhook webhook, Optional<String> secret) {
        wouldHave("register admin webhook \"" + webhook.name() + "\" for " + webhook.url());
        return webhook;
    }

    @Override
    public AdminWebhook updateAdminWebhook(String id, AdminWebhook webhook, Optional<String> secret) {
        wouldHave("update admin webhook " + id + " to call " + webhook.url());
        return webhook;
    }

    @Override
    public Stream<IssueHistory> searchWithHistory(String jql, Collection<String> fields) {
        return jira.searchWithHistory(jql, fields);
    }

    @Override
    public List<ChangeHistory> changelog(String key) {
        return jira.changelog(key);
    }
}
