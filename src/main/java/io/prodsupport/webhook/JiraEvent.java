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
 * @param changelogId        Jira's id of this change, the same on every redelivery of it
 * @param statusCategoryKey  the issue's status category ({@code new}, {@code indeterminate}, {@code done}) when
 *                           the event was produced, from the issue snapshot in the payload
 * @param commentAuthor      the comment's author in {@code comment_*} events, which carry no top-level user
 * @param commentBody        the comment's text (wiki markup) in {@code comment_*} events
 */
public record JiraEvent(
        String webhookEvent,
        Optional<String> issueEventTypeName,
        Instant timestamp,
        Optional<EventUser> actor,
        Optional<String> issueKey,
        Optional<String> issueId,
        Optional<String> projectKey,
        List<Change> changes,
        Optional<String> changelogId,
        Optional<String> statusCategoryKey,
        Optional<EventUser> commentAuthor,
        Optional<String> commentBody) {

    public JiraEvent {
        changes = List.copyOf(changes);
    }

    /** Who caused the event: the acting user, or for comment events the comment's author. */
    public Optional<EventUser> causedBy() {
        return actor.or(() -> commentAuthor);
    }

    /**
     * What the worker serialises on: the issue key, or {@code id:<issueId>} for payloads that name the issue only by
     * id (Data Center {@code comment_created}); empty when the event is about no issue at all.
     */
    public Optional<String> orderingKey() {
        return issueKey.or(() -> issueId.map(id -> "id:" + id));
    }

    public boolean isIssueCreated() {
        return "jira:issue_created".equals(webhookEvent);
    }

    public boolean isCommentCreated() {
        return "comment_created".equals(webhookEvent);
    }

    public boolean isIssueDeleted() {
        return "jira:issue_deleted".equals(webhookEvent);
    }

    public boolean isIssueUpdated() {
        return "jira:issue_updated".equals(webhookEvent);
    }

    /** An update whose status change put the issue into a done status (by the payload's issue snapshot). */
    public boolean movedToDone() {
        return isIssueUpdated()
                && change("status").isPresent()
                && statusCategoryKey.filter("done"::equals).isPresent();
    }

    /** The change of one field, matched on its field id (older Server payloads lack the id; see {@link Change}). */
    public Optional<Change> change(String fieldId) {
        return changes.stream().filter(c -> c.fieldId().equals(fieldId)).findFirst();
    }

    /**
     * A person on either flavour: Cloud identifies people by {@code accountId} only; Data Center by
     * {@code name} (the username) and {@code key}.
     */
    public record EventUser(
            Optional<String> accountId, Optional<String> name, Optional<String> key, Optional<String> displayName) {

        /** The identifier Jira's REST API takes for this person: accountId on Cloud, username on Data Center. */
        public String ref() {
            return accountId.or(() -> name).or(() -> key).orElse("");
        }

        public boolean sameAs(EventUser other) {
            return accountId.isPresent()
                    ? accountId.equals(other.accountId)
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
    public record Change(String fieldId, String field, String from, String fromText, String to, String toText) {}
}
