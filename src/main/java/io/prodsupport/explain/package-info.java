/**
 * What prodsupport did to one incident and why: the activity the service records as it handles events (and, in
 * observe mode, what it would have done), put together with what Jira and the stores hold, for
 * {@code prodsupport explain KEY}.
 */
package io.prodsupport.explain;
