package io.prodsupport.jira;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The Jira operations the domain uses, REST v2 on Cloud and Data Center alike. Records in, records out;
 * no HTTP types. Every method throws {@link JiraException} when Jira says no and
 * {@link JiraUnreachableException} when it cannot be reached within the retry budget.
 */
public interface JiraClient {

    /** {@code GET /rest/api/2/serverInfo}; cached after the first successful call. */
    ServerInfo serverInfo();

    /** Cloud or Data Center, from {@link #serverInfo()}. */
    Flavour flavour();

    /** {@code GET /rest/api/2/myself}: the account the service acts as. */
    JiraUser myself();

    /**
     * {@code GET /rest/api/2/user}: the person a configured reference names (accountId on Cloud, username on Data
     * Center); empty when Jira knows nobody by it.
     */
    Optional<JiraUser> user(String userRef);

    /** {@code GET /rest/api/2/project/{key}}. */
    Project project(String projectKey);

    /** {@code GET /rest/api/2/project/{key}/versions}. */
    List<Version> projectVersions(String projectKey);

    /** {@code POST /rest/api/2/version}. Not retried after a possible partial failure; see {@link RetryInterceptor}. */
    Version createVersion(String projectId, String name);

    /** {@code GET /rest/api/2/mypermissions}: which of {@code permissionKeys} the service holds in the project. */
    Set<String> myPermissions(String projectKey, Collection<String> permissionKeys);

    /** {@code GET /rest/api/2/issueLinkType}. */
    List<IssueLinkType> issueLinkTypes();

    /**
     * {@code GET /rest/api/2/priority}: every issue priority of the site, in Jira's order (highest first, as the
     * administrator arranged them). Deprecated on Cloud in favour of the paged {@code /priority/search}, but present
     * there and the only list Data Center has.
     */
    List<Priority> priorities();

    /**
     * {@code GET /rest/api/2/issue/{key}?fields=...&expand=changelog}: the issue with its whole changelog, oldest entry
     * first (on Cloud, whose GET issue embeds at most 100 entries, the changelog endpoint when there are more). A plain
     * GET, so unlike a search it sees the issue's latest changes at once.
     */
    IssueHistory issueWithHistory(String key, Collection<String> fields);

    /** {@code GET /rest/api/2/issue/{key}?fields=...}. */
    default Issue getIssue(String key, Collection<String> fields) {
        return getIssue(key, fields, List.of());
    }

    /**
     * {@code GET /rest/api/2/issue/{key}?fields=...&properties=...}: the issue with these entity properties, in one
     * call.
     */
    Issue getIssue(String key, Collection<String> fields, Collection<String> properties);

    /** {@code PUT /rest/api/2/issue/{key}?notifyUsers=...} with {@code update} operations. */
    void editIssue(String key, IssueEdit edit, boolean notifyUsers);

    /** {@code POST /rest/api/2/issue/{key}/watchers}; {@code userRef} is an accountId on Cloud, a username on DC. */
    void addWatcher(String key, String userRef);

    /** {@code GET /rest/api/2/issue/{key}/watchers}: accountIds on Cloud, usernames on DC. */
    List<String> watchers(String key);

    /** {@code POST /rest/api/2/issue}, with issue properties set in the same call. */
    CreatedIssue createIssue(NewIssue issue);

    /** {@code POST /rest/api/2/issueLink}. */
    void linkIssues(String linkTypeName, String inwardKey, String outwardKey);

    /** {@code GET /rest/api/2/issue/{key}/transitions}: the transitions available now. */
    List<Transition> transitions(String key);

    /** {@code POST /rest/api/2/issue/{key}/transitions}. */
    void transition(String key, String transitionId);

    /** {@code POST /rest/api/2/issue/{key}/comment}; the body is wiki markup. */
    Comment addComment(String key, String body);

    /**
     * {@code GET /rest/api/2/issue/{key}/comment?orderBy=-created}: the issue's newest comments, newest first, at most
     * {@code max} of them (one page; Jira Cloud pages at 100).
     */
    List<Comment> latestComments(String key, int max);

    /**
     * {@code POST /rest/api/2/issue/{key}/attachments}: one file, as multipart form data. Not retried after a possible
     * partial failure (a repeat attaches the file twice); see {@link RetryInterceptor}.
     */
    Attachment addAttachment(String key, String filename, String mimeType, byte[] content);

    /**
     * {@code GET /rest/api/2/issue/{key}/properties/{propertyKey}} read as {@code type} (a record, usually); empty
     * when Jira answers 404 or the value is of another shape.
     */
    <T> Optional<T> issueProperty(String key, String propertyKey, Class<T> type);

    /** {@code PUT /rest/api/2/issue/{key}/properties/{propertyKey}}; {@code value} is a record, string, list or map. */
    void setIssueProperty(String key, String propertyKey, Object value);

    /**
     * The issues matching {@code jql}, fetched page by page as the stream is consumed. Cloud uses
     * {@code POST /rest/api/2/search/jql} with {@code nextPageToken}; Data Center {@code POST /rest/api/2/search}
     * with {@code startAt}.
     */
    default Stream<Issue> search(String jql, Collection<String> fields) {
        return search(jql, fields, List.of());
    }

    /** As {@link #search(String, Collection)}, each issue with these entity properties. */
    Stream<Issue> search(String jql, Collection<String> fields, Collection<String> properties);

    /** {@code GET /rest/webhooks/1.0/webhook}: every admin webhook; Jira administrators only (403 otherwise). */
    List<AdminWebhook> adminWebhooks();

    /** {@code POST /rest/webhooks/1.0/webhook}; {@code secret} only where Jira takes one. Not retried (a repeat registers twice). */
    AdminWebhook createAdminWebhook(AdminWebhook webhook, Optional<String> secret);

    /** {@code PUT /rest/webhooks/1.0/webhook/{id}}: replaces it; without {@code secret} Jira keeps the one it has. */
    AdminWebhook updateAdminWebhook(String id, AdminWebhook webhook, Optional<String> secret);

    /**
     * As {@link #search(String, Collection)}, each issue with its whole changelog ({@code expand=changelog}; on Cloud
     * the changelog endpoint for an issue whose history is longer than the search embeds).
     */
    Stream<IssueHistory> searchWithHistory(String jql, Collection<String> fields);

    /** {@code GET /rest/api/2/issue/{key}/changelog}, every page, oldest first. Cloud only (Data Center: 404). */
    List<ChangeHistory> changelog(String key);
}
