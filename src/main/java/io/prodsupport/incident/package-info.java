/**
 * The domain, free of HTTP and SQL: template, sections parser, close gate, follow-up planner, reconciler.
 *
 * <p>Descriptions are Jira wiki markup strings (REST v2). {@link io.prodsupport.incident.SectionTemplate}
 * wraps a reporter's text into the section template, {@link io.prodsupport.incident.IncidentDescription}
 * parses a description back into sections, and {@link io.prodsupport.incident.SectionText} holds the
 * emptiness rule as plain regular expressions so the same rule can be re-expressed as a Jira expression for
 * the workflow validator.
 *
 * <p>{@link io.prodsupport.incident.FollowUps} turns a resolved incident's prevention actions into backlog tickets,
 * exactly once each: {@link io.prodsupport.incident.FollowUpPlanner} decides and writes the text, the
 * {@link io.prodsupport.incident.FollowUpLedger} (implemented over JDBC in {@code inbox}) records each step, and the
 * origin property on every follow-up lets a retry find what a crashed attempt made.
 */
package io.prodsupport.incident;
