/**
 * {@code prodsupport check}: does the configured Jira site (and the mailbox, when one is configured) have everything the
 * service needs, one line per fact.
 */
package io.prodsupport.check;
