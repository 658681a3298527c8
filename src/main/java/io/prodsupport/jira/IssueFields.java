package io.prodsupport.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The typed part of an issue's {@code fields}. Text fields are REST v2 strings, not Atlassian Document Format. A field
 * the domain needs gets a component here, so no caller reads Jira's JSON.
 */
public record IssueFields(
        String summary,
        String description,
        String issueType,
        String projectKey,
        Status status,
        String resolution,
        List<String> fixVersions,
        List<String> labels,
        JiraUser assignee,
        JiraUser reporter,
        String priority,
        OffsetDateTime created,
        OffsetDateTime updated,
        List<IssueLink> issueLinks,
        List<Comment> comments,
        List<Attachment> attachments,
        OffsetDateTime resolutionDate) {

    public IssueFields {
        fixVersions = List.copyOf(fixVersions);
        labels = List.copyOf(labels);
        issueLinks = List.copyOf(issueLinks);
        comments = List.copyOf(comments);
        attachments = List.copyOf(attachments);
    }

    /** Whether the issue is in a status of the done category; false when the status was not read. */
    /** These fields with another description: what Jira holds after the caller wrote it. */
    public IssueFields withDescription(String text) {
        return new IssueFields(
                summary,
                text,
                issueType,
                projectKey,
                status,
                resolution,
                fixVersions,
                labels,
                assignee,
                reporter,
                priority,
                created,
                updated,
                issueLinks,
                comments,
                attachments,
                resolutionDate);
    }

    public boolean isDone() {
        return status != null && status.isDone();
    }

    static IssueFields fromJson(String issueKey, JsonNode fields) {
        JsonNode f = fields == null ? MissingNode.getInstance() : fields;
        JsonNode status = f.get("status");
        return new IssueFields(
                JsonFields.text(f, "summary"),
                JsonFields.text(f, "description"),
                JsonFields.text(f, "issuetype", "name"),
                JsonFields.text(f, "project", "key"),
                status == null || status.isNull()
                        ? null
                        : new Status(JsonFields.text(status, "name"), JsonFields.text(status, "statusCategory", "key")),
                JsonFields.text(f, "resolution", "name"),
                JsonFields.texts(f, "fixVersions", "name"),
                JsonFields.texts(f, "labels", null),
                JiraUser.fromJson(f.get("assignee")),
                JiraUser.fromJson(f.get("reporter")),
                JsonFields.text(f, "priority", "name"),
                JsonFields.dateTime(f, "created"),
                JsonFields.dateTime(f, "updated"),
                links(issueKey, f),
                comments(f),
                attachments(f),
                JsonFields.dateTime(f, "resolutiondate"));
    }

    private static List<IssueLink> links(String issueKey, JsonNode fields) {
        List<IssueLink> links = new ArrayList<>();
        for (JsonNode link : JsonFields.array(fields, "issuelinks")) {
            String type = JsonFields.text(link, "type", "name");
            String inward = JsonFields.text(link, "inwardIssue", "key");
            String outward = JsonFields.text(link, "outwardIssue", "key");
            links.add(new IssueLink(
                    JsonFields.text(link, "id"),
                    type,
                    inward != null ? inward : issueKey,
                    outward != null ? outward : issueKey));
        }
        return links;
    }

    private static List<Attachment> attachments(JsonNode fields) {
        List<Attachment> attachments = new ArrayList<>();
        for (JsonNode attachment : JsonFields.array(fields, "attachment")) {
            attachments.add(Attachment.fromJson(attachment));
        }
        return attachments;
    }

    private static List<Comment> comments(JsonNode fields) {
        List<Comment> comments = new ArrayList<>();
        for (JsonNode comment : JsonFields.array(fields.get("comment"), "comments")) {
            comments.add(Comment.fromJson(comment));
        }
        return comments;
    }
}
