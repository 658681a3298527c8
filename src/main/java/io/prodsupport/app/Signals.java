package io.prodsupport.app;

import io.prodsupport.inbox.StoredEvent;
import io.prodsupport.incident.IncidentSignal;
import io.prodsupport.sweep.Sweep;
import io.prodsupport.webhook.JiraEvent;
import io.prodsupport.webhook.JiraEventParser;
import java.util.Optional;

/** What a stored event says happened, as the domain's {@link IncidentSignal}: the thin adapter between the two. */
final class Signals {

    private final JiraEventParser parser;

    Signals(JiraEventParser parser) {
        this.parser = parser;
    }

    /** What the stored event says happened; empty for events about no issue, or about a deleted one. */
    Optional<IncidentSignal> of(StoredEvent stored) {
        if (Sweep.EVENT.equals(stored.webhookEvent())) {
            return Optional.of(IncidentSignal.swept(stored.orderingKey(), stored.deliveryId()));
        }
        JiraEvent event = parser.parse(stored.body());
        Optional<String> issue = event.issueKey().or(event::issueId);
        if (issue.isEmpty() || event.isIssueDeleted()) {
            return Optional.empty();
        }
        String key = issue.get();
        String source = stored.deliveryId();
        Optional<String> actor = event.causedBy().map(JiraEvent.EventUser::ref);
        if (event.isIssueCreated()) {
            return Optional.of(IncidentSignal.created(key, source, actor));
        }
        if (event.movedToDone()) {
            JiraEvent.Change status = event.change("status").orElseThrow();
            return Optional.of(
                    IncidentSignal.closed(key, source, event.changelogId().orElse(source), status.fromText(), actor));
        }
        if (isCommentEcho(event)) {
            return Optional.empty();
        }
        if (event.isCommentCreated()) {
            return Optional.of(IncidentSignal.commented(
                    key, source, actor, event.commentBody().orElse("")));
        }
        return Optional.of(IncidentSignal.updated(key, source, actor));
    }

    /**
     * Jira sends a comment twice to a webhook that listens for issue updates and comments: as {@code comment_created},
     * and as {@code jira:issue_updated} of type {@code issue_commented} with no changed field. Only the first carries
     * the comment for sure (Atlassian is removing comment data from {@code jira:issue_*} events), so the echo is
     * dropped and a comment costs one read, not two.
     */
    private static boolean isCommentEcho(JiraEvent event) {
        return event.isIssueUpdated()
                && event.changes().isEmpty()
                && event.issueEventTypeName()
                        .filter(type -> type.startsWith("issue_comment"))
                        .isPresent();
    }
}
