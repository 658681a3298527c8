package io.prodsupport.jirasim;

import com.fasterxml.jackson.databind.JsonNode;
import io.prodsupport.jirasim.jql.JqlIssue;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An immutable snapshot of an issue, for assertions in tests and for evaluating JQL. Users are given by
 * their Jira id (accountId on Cloud, username on DC) in the accessors JQL uses, and as {@link SimUser} too.
 */
public record SimIssue(
        long id,
        String key,
        String projectKey,
        String projectName,
        String issueType,
        String summary,
        String description,
        String status,
        String statusCategoryKey,
        String resolution,
        Instant resolutionDate,
        List<String> labels,
        List<String> fixVersions,
        SimUser assigneeUser,
        SimUser reporterUser,
        String priority,
        List<SimUser> watchers,
        List<SimComment> comments,
        List<SimAttachment> attachments,
        List<SimLink> links,
        Map<String, JsonNode> properties,
        Instant created,
        Instant updated)
        implements JqlIssue {

    /** accountId on Cloud / username on DC, null when unassigned. */
    public String assignee() {
        return assigneeUser == null ? null : assigneeUser.jiraId();
    }

    public String reporter() {
        return reporterUser == null ? null : reporterUser.jiraId();
    }

    public JsonNode property(String propertyKey) {
        return properties.get(propertyKey);
    }

    static SimIssue of(IssueRecord r, List<SimLink> links) {
        return new SimIssue(
                r.id,
                r.key,
                r.project.key(),
                r.project.name(),
                r.issueType.name(),
                r.summary,
                r.description,
                r.status.name(),
                r.status.categoryKey(),
                r.resolution,
                r.resolutionDate,
                List.copyOf(r.labels),
                r.fixVersions.stream().map(SimVersion::name).toList(),
                r.assignee,
                r.reporter,
                r.priority.name(),
                List.copyOf(r.watchers),
                List.copyOf(r.comments),
                List.copyOf(r.attachments),
                List.copyOf(links),
                Map.copyOf(r.properties),
                r.created,
                r.updated);
    }
}
