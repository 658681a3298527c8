package io.prodsupport.jirasim.jql;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/** The view of an issue that JQL is evaluated against. The simulator implements it. */
public interface JqlIssue {
    /** "OPS-12". */
    String key();

    /** "OPS". */
    String projectKey();

    /** "Operations": JQL {@code project = "Operations"} matches by name too. */
    String projectName();

    /** "Incident". */
    String issueType();

    /** "In Progress". */
    String status();

    /** "new" | "indeterminate" | "done". */
    String statusCategoryKey();

    /** Null when unresolved. */
    String resolution();

    List<String> labels();

    /** Version names. */
    List<String> fixVersions();

    /** accountId on Cloud / username on DC, null when unassigned. */
    String assignee();

    /** Same rules as {@link #assignee()}. */
    String reporter();

    String summary();

    /** May be null. */
    String description();

    Instant created();

    Instant updated();

    /** May be null. */
    Instant resolutionDate();

    /** Issue entity property value by property key, or null. */
    JsonNode property(String propertyKey);
}
