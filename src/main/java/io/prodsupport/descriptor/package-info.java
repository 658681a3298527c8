/**
 * The Jira-side half of the close gate: the Forge app whose {@code jira:workflowValidator} function applies the close
 * gate generated from the incident module's section data ({@code rules.js}), and the admin webhook registration body.
 * Written by {@code prodsupport descriptor} into {@code plugin-descriptor/}.
 */
package io.prodsupport.descriptor;
