package io.prodsupport.incident;

import java.util.Objects;

/**
 * Which resolved incidents get a post-mortem task and where it goes (config section {@code postmortem}).
 *
 * @param minPriority the lowest priority that gets one, by name; the order is Jira's own priority list
 * @param project     where the task is made ({@code postmortem.project}, default {@code followUps.project})
 * @param issueType   its type ({@code postmortem.issueType}, default Task)
 * @param linkType    how it is linked to the incident: the follow-ups' link type ({@code followUps.linkType})
 */
public record PostMortemSettings(String minPriority, String project, String issueType, String linkType) {

    public PostMortemSettings {
        Objects.requireNonNull(minPriority, "minPriority");
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(issueType, "issueType");
        Objects.requireNonNull(linkType, "linkType");
    }
}
