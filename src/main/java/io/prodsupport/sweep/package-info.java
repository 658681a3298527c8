/**
 * The sweep: a timer that finds incidents changed since its last run and queues them for the worker, so a webhook
 * Jira lost (Data Center never retries; Cloud gives up after about 30 minutes) only delays the reconciliation.
 */
package io.prodsupport.sweep;
