package io.prodsupport.jirasim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Builds webhook payloads the way Jira does, at the moment of the change (so a late delivery still carries
 * the state of its time), and hands them to {@link Webhooks} for delivery. Shapes follow the captures in
 * {@code test-data/webhook-payloads/}.
 */
final class WebhookEvents {
    private final SimState state;
    private final Webhooks webhooks;
    private JsonShapes shapes;

    WebhookEvents(SimState state, Webhooks webhooks) {
        this.state = state;
        this.webhooks = webhooks;
    }

    /** Set once the server knows its port (self URLs in payloads need it). */
    void shapes(JsonShapes shapes) {
        this.shapes = shapes;
    }

    void issueEvent(String webhookEvent, String eventType, SimUser actor, IssueRecord r, List<ChangeItem> items) {
        long historyId = state.nextId();
        if (!webhookEvent.equals("jira:issue_created")) {
            // Jira keeps every change after the create in the issue's history, under the id the webhook carries.
            r.history.add(new SimHistory(historyId, actor, state.now(), items));
        }
        if (!webhooks.anyoneListens()) {
            return;
        }
        ObjectNode p = header(webhookEvent);
        p.put("issue_event_type_name", eventType);
        p.set("user", shapes.user(actor));
        p.set("issue", webhookIssue(r));
        ObjectNode changelog = p.putObject("changelog");
        changelog.put("id", String.valueOf(historyId));
        ArrayNode list = changelog.putArray("items");
        items.forEach(i -> list.add(i.toJson()));
        webhooks.fire(webhookEvent, r.key, p);
    }

    /**
     * A comment fires comment_created (Cloud: with a partial issue; DC: comment only) and, as Jira does,
     * jira:issue_updated with issue_event_type_name issue_commented and the comment at top level.
     */
    void commentCreated(SimUser actor, IssueRecord r, SimComment c) {
        if (!webhooks.anyoneListens()) {
            return;
        }
        ObjectNode created = header("comment_created");
        created.set("comment", shapes.comment(String.valueOf(r.id), c));
        if (state.flavour == Flavour.CLOUD) {
            ObjectNode issue = created.putObject("issue");
            issue.put("id", String.valueOf(r.id));
            issue.put("self", shapes.api("issue/" + r.id));
            issue.put("key", r.key);
            ObjectNode f = issue.putObject("fields");
            f.put("summary", r.summary);
            f.set("issuetype", shapes.issueType(r.issueType));
            f.set("project", shapes.projectRef(r.project));
            f.set("assignee", shapes.user(r.assignee));
            f.set("priority", shapes.priority(r.priority));
            f.set("status", shapes.status(r.status));
        }
        webhooks.fire("comment_created", r.key, created);

        ObjectNode updated = header("jira:issue_updated");
        updated.put("issue_event_type_name", "issue_commented");
        updated.set("user", shapes.user(actor));
        updated.set("issue", webhookIssue(r));
        updated.set("comment", shapes.comment(String.valueOf(r.id), c));
        webhooks.fire("jira:issue_updated", r.key, updated);
    }

    private ObjectNode header(String webhookEvent) {
        ObjectNode p = JsonNodeFactory.instance.objectNode();
        p.put("timestamp", state.now().toEpochMilli());
        p.put("webhookEvent", webhookEvent);
        return p;
    }

    private ObjectNode webhookIssue(IssueRecord r) {
        ObjectNode issue = shapes.issue(r, FieldSelection.navigable(), List.of(), null);
        issue.remove("expand");
        return issue;
    }
}
