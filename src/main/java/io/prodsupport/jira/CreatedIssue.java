package io.prodsupport.jira;

/** The id and key Jira gave a newly created issue. */
public record CreatedIssue(String id, String key) {}
