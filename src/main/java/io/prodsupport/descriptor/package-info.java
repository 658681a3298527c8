/**
 * The Jira-side half of the close gate: the Forge {@code jira:workflowValidator} manifest whose Jira expression
 * is generated from the incident module's section data, and the admin webhook registration body. Written by
 * {@code prodsupport descriptor} into {@code plugin-descriptor/}.
 */
package io.prodsupport.descriptor;
