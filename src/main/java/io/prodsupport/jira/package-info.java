/**
 * The Jira REST client: one method per endpoint over one shared OkHttp client, with auth, retries and
 * rate-limit back-off in interceptors. REST v2 on Cloud and Data Center alike.
 */
package io.prodsupport.jira;
