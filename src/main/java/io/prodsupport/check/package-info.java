/** {@code prodsupport check}: does the configured Jira site have everything the service needs, one line per fact. */
package io.prodsupport.check;
