package io.prodsupport.webhook;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One Jira webhook delivery, reduced to what prodsupport acts on. Webhooks are hints: the worker re-reads the
 * issue from Jira before doing anything, so this keeps only which issue, who acted and what changed.
 *
 * @param webhookEvent       {@code jira:issue_created}, {@code jira:issue_updated}, {@code comment_created}, …
 * @param issueEventTypeName {@code issue_created}, {@code issue_generic}, …; absent in older Server payloads
 * @param timestamp          when Jira produced the event
 * @param actor              who caused it; absent in {@code comment_created} (the comment author acts there)
 * @param issueKey           absent in Data Center {@code comment_created}, which carries no issue object
 * @param issueId            from the issue object, or from the comment's {@code self} URL when there is none
 * @param projectKey         absent together with the issue object
 * @param changes            changelog items, in delivery order
 */
public record JiraEvent(
        String webhookEvent,
        Optional<String> issueEventTypeName,
        Instant timestamp,
        Optional<EventUser> actor,
        Optional<String> issueKey,
        Optional<String> issueId,
        Optional<String> projectKey,
        List<Change> changes) {

    public JiraEvent {
        changes = List.copyOf(changes);
    }

    public boolean isIssueCreated() {
        return "jira:issue_created".equals(webhookEvent);
    }

    public boolean isIssueUpdated() {
        return "jira:issue_updated".equals(webhookEvent);
    }

    /** The change of one field, matched on its field id (older Server payloads lack the id; see {@link Change}). */
    public Optional<Change> change(String fieldId) {
        return changes.stream().filter(c -> c.fieldId().equals(fieldId)).findFirst();
    }

    /**
     * A person on either flavour: Cloud identifies people by {@code accountId} only; Data Center by
     * {@code name} (the username) and {@code key}.
     */
    public record EventUser(Optional<String> accountId, Optional<String> name, Optional<String> key,
                            Optional<String> displayName) {

        /** The identifier Jira's REST API takes for this person: accountId on Cloud, username on Data Center. */
        public String ref() {
            return accountId.or(() -> name).or(() -> key).orElse("");
        }

        public boolean sameAs(EventUser other) {
            return accountId.isPresent() ? accountId.equals(other.accountId)
                    : name.isPresent() ? name.equals(other.name) : key.isPresent() && key.equals(other.key);
        }
    }

    /**
     * One changelog item.
     *
     * @param fieldId    Jira's field id ({@code status}, {@code fixVersions}, {@code customfield_10001}); derived from the
     *                   display name for old Server payloads that carry no {@code fieldId}
     * @param field      the display name, as Jira sent it
     */
    public record Change(String fieldId, String field, String from, String fromText, String to, String toText) {
    }
}
