package io.prodsupport.jirasim.jql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A plain JqlIssue for tests, with defaults so each test states only what it is about. */
record TestIssue(
        String key,
        String projectName,
        String issueType,
        String status,
        String statusCategoryKey,
        String resolution,
        List<String> labels,
        List<String> fixVersions,
        String assignee,
        String reporter,
        String summary,
        String description,
        Instant created,
        Instant updated,
        Instant resolutionDate,
        Map<String, JsonNode> properties)
        implements JqlIssue {

    static final ObjectMapper JSON = new ObjectMapper();

    static TestIssue issue(String key) {
        return new TestIssue(
                key,
                key.startsWith("OPS") ? "Operations" : "Support",
                "Incident",
                "Open",
                "new",
                null,
                List.of(),
                List.of(),
                null,
                "rita",
                "Checkout fails",
                null,
                Instant.parse("2026-03-01T10:00:00Z"),
                Instant.parse("2026-03-01T10:00:00Z"),
                null,
                Map.of());
    }

    @Override
    public String projectKey() {
        return key.substring(0, key.indexOf('-'));
    }

    @Override
    public JsonNode property(String propertyKey) {
        return properties.get(propertyKey);
    }

    TestIssue type(String v) {
        return new TestIssue(
                key,
                projectName,
                v,
                status,
                statusCategoryKey,
                resolution,
                labels,
                fixVersions,
                assignee,
                reporter,
                summary,
                description,
                created,
                updated,
                resolutionDate,
                properties);
    }

    TestIssue status(String v, String category) {
        return new TestIssue(
                key,
                projectName,
                issueType,
                v,
                category,
                resolution,
                labels,
                fixVersions,
                assignee,
                reporter,
                summary,
                description,
                created,
                updated,
                resolutionDate,
                properties);
    }

    TestIssue resolved(String v, Instant at) {
        return new TestIssue(
                key,
                projectName,
                issueType,
                "Done",
                "done",
                v,
                labels,
                fixVersions,
                assignee,
                reporter,
                summary,
                description,
                created,
                updated,
                at,
                properties);
    }

    TestIssue labels(String... v) {
        return new TestIssue(
                key,
                projectName,
                issueType,
                status,
                statusCategoryKey,
                resolution,
                List.of(v),
                fixVersions,
                assignee,
                reporter,
                summary,
                description,
                created,
                updated,
                resolutionDate,
                properties);
    }

    TestIssue fixVersions(String... v) {
        return new TestIssue(
                key,
                projectName,
                issueType,
                status,
                statusCategoryKey,
                resolution,
                labels,
                List.of(v),
                assignee,
                reporter,
                summary,
                description,
                created,
                updated,
                resolutionDate,
                properties);
    }

    TestIssue people(String assignee, String reporter) {
        return new TestIssue(
                key,
                projectName,
                issueType,
                status,
                statusCategoryKey,
                resolution,
                labels,
                fixVersions,
                assignee,
                reporter,
                summary,
                description,
                created,
                updated,
                resolutionDate,
                properties);
    }

    TestIssue text(String summary, String description) {
        return new TestIssue(
                key,
                projectName,
                issueType,
                status,
                statusCategoryKey,
                resolution,
                labels,
                fixVersions,
                assignee,
                reporter,
                summary,
                description,
                created,
                updated,
                resolutionDate,
                properties);
    }

    TestIssue dates(String created, String updated) {
        return new TestIssue(
                key,
                projectName,
                issueType,
                status,
                statusCategoryKey,
                resolution,
                labels,
                fixVersions,
                assignee,
                reporter,
                summary,
                description,
                Instant.parse(created),
                Instant.parse(updated),
                resolutionDate,
                properties);
    }

    TestIssue property(String propertyKey, String json) {
        try {
            return new TestIssue(
                    key,
                    projectName,
                    issueType,
                    status,
                    statusCategoryKey,
                    resolution,
                    labels,
                    fixVersions,
                    assignee,
                    reporter,
                    summary,
                    description,
                    created,
                    updated,
                    resolutionDate,
                    Map.of(propertyKey, JSON.readTree(json)));
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }
}
