/**
 * The domain, free of HTTP and SQL: template, sections parser, close gate, follow-up planner, reconciler.
 *
 * <p>Descriptions are Jira wiki markup strings (REST v2). {@link io.prodsupport.incident.SectionTemplate}
 * wraps a reporter's text into the section template, {@link io.prodsupport.incident.IncidentDescription}
 * parses a description back into sections, and {@link io.prodsupport.incident.SectionText} holds the
 * emptiness rule as plain regular expressions so the same rule can be re-expressed as a Jira expression for
 * the workflow validator.
 */
package io.prodsupport.incident;
