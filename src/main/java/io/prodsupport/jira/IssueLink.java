package io.prodsupport.jira;

/**
 * A link between two issues as seen from either end. In an issue's {@code issuelinks} Jira names only
 * the other issue ({@code inwardIssue} or {@code outwardIssue}); the issue being read fills the other end,
 * so both keys are always set and match what {@link JiraClient#linkIssues} was given.
 */
public record IssueLink(String id, String typeName, String inwardKey, String outwardKey) {}
