/**
 * The domain, free of HTTP, SQL and JSON libraries: what an event means for an incident, and the rules that follow.
 *
 * <p>{@link io.prodsupport.incident.IncidentWorkflow} is where every event arrives, as an
 * {@link io.prodsupport.incident.IncidentSignal} from a webhook, the sweep or the backfill. It reads the issue once and
 * runs the rules in the order of an incident's life: the shape ({@link io.prodsupport.incident.IncidentReconciler}:
 * fix version, template), staffing once ({@link io.prodsupport.incident.Staffing}), the announcement, the close gate
 * ({@link io.prodsupport.incident.CloseGate}) and the follow-ups.
 *
 * <p>Descriptions are Jira wiki markup strings (REST v2). {@link io.prodsupport.incident.SectionTemplate}
 * wraps a reporter's text into the section template, {@link io.prodsupport.incident.IncidentDescription}
 * parses a description back into sections, and {@link io.prodsupport.incident.SectionText} holds the
 * emptiness rule as plain regular expressions so the same rule can be re-expressed as a Jira expression for
 * the workflow validator.
 *
 * <p>{@link io.prodsupport.incident.FollowUps} turns a resolved incident's prevention actions into backlog tickets,
 * exactly once each: {@link io.prodsupport.incident.FollowUpPlanner} decides and writes the text, the
 * {@link io.prodsupport.incident.FollowUpLedger} (implemented over JDBC in {@code store}) records each step, and the
 * origin property on every follow-up lets a retry find what a crashed attempt made.
 * {@link io.prodsupport.incident.PostMortems} makes the post-mortem task of an incident resolved at or above the
 * configured priority by the same machinery (a ledger row under a reserved action id), its description written by
 * {@link io.prodsupport.incident.PostMortemText} from {@link io.prodsupport.incident.IncidentChronology}: the
 * incident's life as its changelog and comments tell it, also what the analytics count.
 */
package io.prodsupport.incident;
