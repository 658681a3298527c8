/**
 * A stateful Jira simulator on real HTTP, the stand-in for Jira Cloud and Data Center in every test and in
 * {@code scripts/demo}. It keeps projects, versions, issues, a workflow with status categories, comments,
 * watchers, links and properties; answers REST v2 with Jira's paths, shapes, status codes and error bodies;
 * checks every request against Atlassian's OpenAPI spec; sends real (signed, retried, duplicated, reordered
 * or dropped on demand) webhooks; and injects rate limits, server errors, latency and dropped connections.
 * Entry points: {@link io.prodsupport.jirasim.JiraSimulator}, {@link io.prodsupport.jirasim.JiraSimulatorExtension},
 * {@link io.prodsupport.jirasim.JiraSimulatorMain}. JQL lives in the sub-package {@code jql}.
 */
package io.prodsupport.jirasim;
