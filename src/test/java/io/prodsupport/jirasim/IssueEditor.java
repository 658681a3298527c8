package io.prodsupport.jirasim;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * Every change to an issue goes through here, from REST and from seeding alike, so each one records its
 * changelog items and fires the webhook Jira would fire for it. Callers hold the {@link SimState} lock.
 */
final class IssueEditor {
    private final SimState state;
    private final WebhookEvents events;

    IssueEditor(SimState state, WebhookEvents events) {
        this.state = state;
        this.events = events;
    }

    /** A new issue; properties are stored before anyone can see the issue, as Jira's create does. */
    IssueRecord create(
            SimProject project,
            SimProject.IssueType type,
            String summary,
            String description,
            SimUser reporter,
            SimUser actor,
            Map<String, JsonNode> properties,
            BiConsumer<IssueRecord, List<ChangeItem>> moreFields) {
        synchronized (state) {
            // A dry run on a scratch record first: a refused field must not burn an issue number or id.
            moreFields.accept(new IssueRecord(0, "SCRATCH-0", project, type, actor, state.now()), new ArrayList<>());
            IssueRecord r = new IssueRecord(state.nextId(), project.nextIssueKey(), project, type, actor, state.now());
            r.summary = summary;
            r.description = description;
            r.reporter = reporter;
            List<ChangeItem> items = new ArrayList<>();
            moreFields.accept(r, items);
            r.properties.putAll(properties);
            state.addIssue(r);
            if (description != null) {
                items.add(0, ChangeItem.text("description", null, description));
            }
            if (reporter != null) {
                items.add(
                        new ChangeItem("reporter", "reporter", null, null, reporter.jiraId(), reporter.displayName()));
            }
            events.issueEvent("jira:issue_created", "issue_created", actor, r, items);
            return r;
        }
    }

    void setSummary(IssueRecord r, String value, List<ChangeItem> items) {
        if (!Objects.equals(r.summary, value)) {
            items.add(ChangeItem.text("summary", r.summary, value));
            r.summary = value;
        }
    }

    void setDescription(IssueRecord r, String value, List<ChangeItem> items) {
        if (!Objects.equals(r.description, value)) {
            items.add(ChangeItem.text("description", r.description, value));
            r.description = value;
        }
    }

    void setEnvironment(IssueRecord r, String value, List<ChangeItem> items) {
        if (!Objects.equals(r.environment, value)) {
            items.add(ChangeItem.text("environment", r.environment, value));
            r.environment = value;
        }
    }

    /** Labels change as one item with space-separated before/after strings, as in Jira's history. */
    void setLabels(IssueRecord r, List<String> labels, List<ChangeItem> items) {
        List<String> distinct = labels.stream().distinct().toList();
        if (!distinct.equals(r.labels)) {
            items.add(new ChangeItem(
                    "labels", "labels", null, String.join(" ", r.labels), null, String.join(" ", distinct)));
            List<String> before = List.copyOf(r.labels);
            r.labels.clear();
            r.labels.addAll(distinct);
            state.relabelled(r, before);
        }
    }

    /** One item per version added or removed: Jira's "Fix Version" history has no set semantics. */
    void setFixVersions(IssueRecord r, List<SimVersion> versions, List<ChangeItem> items) {
        for (SimVersion old : List.copyOf(r.fixVersions)) {
            if (!versions.contains(old)) {
                r.fixVersions.remove(old);
                items.add(
                        new ChangeItem("Fix Version", "fixVersions", String.valueOf(old.id()), old.name(), null, null));
            }
        }
        for (SimVersion v : versions) {
            if (!r.fixVersions.contains(v)) {
                r.fixVersions.add(v);
                items.add(new ChangeItem("Fix Version", "fixVersions", null, null, String.valueOf(v.id()), v.name()));
            }
        }
    }

    void setAssignee(IssueRecord r, SimUser user, List<ChangeItem> items) {
        if (!Objects.equals(r.assignee, user)) {
            items.add(new ChangeItem(
                    "assignee",
                    "assignee",
                    r.assignee == null ? null : r.assignee.jiraId(),
                    r.assignee == null ? null : r.assignee.displayName(),
                    user == null ? null : user.jiraId(),
                    user == null ? null : user.displayName()));
            r.assignee = user;
        }
    }

    void setPriority(IssueRecord r, SimPriority p, List<ChangeItem> items) {
        if (!r.priority.equals(p)) {
            items.add(new ChangeItem("priority", "priority", r.priority.id(), r.priority.name(), p.id(), p.name()));
            r.priority = p;
        }
    }

    /**
     * Entity properties set as part of an edit. Jira keeps entity properties out of the issue's history, so
     * they add no changelog item: an edit that sets only properties fires no jira:issue_updated (see
     * {@link #commitEdit}) and leaves {@code updated} alone.
     */
    void setProperties(IssueRecord r, Map<String, JsonNode> properties) {
        r.properties.putAll(properties);
    }

    /** Fires one jira:issue_updated for all items of one edit; nothing changed, nothing fired (as in Jira). */
    void commitEdit(IssueRecord r, List<ChangeItem> items, SimUser actor) {
        if (items.isEmpty()) {
            return;
        }
        r.updated = state.now();
        boolean onlyAssignee = items.stream().allMatch(i -> i.fieldId().equals("assignee"));
        events.issueEvent("jira:issue_updated", onlyAssignee ? "issue_assigned" : "issue_updated", actor, r, items);
    }

    void transition(IssueRecord r, SimTransition t, SimUser actor) {
        List<ChangeItem> items = new ArrayList<>();
        SimStatus from = r.status;
        boolean wasDone = from.categoryKey().equals("done");
        boolean nowDone = t.to().categoryKey().equals("done");
        if (nowDone && !wasDone) {
            items.add(new ChangeItem("resolution", "resolution", null, null, "10000", "Done"));
            r.resolution = "Done";
            r.resolutionDate = state.now();
        } else if (wasDone && !nowDone) {
            items.add(new ChangeItem("resolution", "resolution", "10000", r.resolution, null, null));
            r.resolution = null;
            r.resolutionDate = null;
        }
        items.add(new ChangeItem("status", "status", from.id(), from.name(), t.to().id(), t.to().name()));
        r.status = t.to();
        r.updated = state.now();
        events.issueEvent("jira:issue_updated", transitionEventType(t, nowDone && !wasDone), actor, r, items);
    }

    /**
     * Cloud sites (as captured) report workflow transitions as issue_generic; Data Center maps the classic
     * workflow's transitions to their system events.
     */
    private String transitionEventType(SimTransition t, boolean resolves) {
        if (state.flavour == Flavour.CLOUD) {
            return "issue_generic";
        }
        if (resolves) {
            return "issue_resolved";
        }
        return switch (t.name()) {
            case "Start Progress" -> "issue_work_started";
            case "Stop Progress" -> "issue_work_stopped";
            case "Reopen" -> "issue_reopened";
            default -> "issue_generic";
        };
    }

    SimComment comment(IssueRecord r, String body, SimUser actor) {
        SimComment c = new SimComment(state.nextId(), actor, body, state.now());
        r.comments.add(c);
        r.updated = c.created();
        events.commentCreated(actor, r, c);
        return c;
    }

    /** A file attached: an "Attachment" item in the history and an issue_updated webhook, as Jira does. */
    SimAttachment attach(IssueRecord r, String filename, String mimeType, byte[] content, SimUser actor) {
        SimAttachment a = new SimAttachment(state.nextId(), filename, mimeType, content, actor, state.now());
        r.attachments.add(a);
        commitEdit(
                r,
                List.of(new ChangeItem("Attachment", "attachment", null, null, String.valueOf(a.id()), filename)),
                actor);
        return a;
    }

    /** Both issues record a "Link" change and fire issue_updated, each naming the other side. */
    SimLink link(SimLinkType type, IssueRecord inward, IssueRecord outward, SimUser actor) {
        SimLink link = new SimLink(state.nextId(), type, inward.key, outward.key);
        state.addLink(link);
        inward.updated = state.now();
        outward.updated = inward.updated;
        events.issueEvent(
                "jira:issue_updated",
                "issue_updated",
                actor,
                inward,
                List.of(new ChangeItem(
                        "Link",
                        "issuelinks",
                        null,
                        null,
                        outward.key,
                        "This issue " + type.outward() + " " + outward.key)));
        events.issueEvent(
                "jira:issue_updated",
                "issue_updated",
                actor,
                outward,
                List.of(new ChangeItem(
                        "Link",
                        "issuelinks",
                        null,
                        null,
                        inward.key,
                        "This issue " + type.inward() + " " + inward.key)));
        return link;
    }
}
