package io.prodsupport.jirasim;

/**
 * A person or service account on the simulated site. On Cloud people are known by {@code accountId} and
 * authenticate with e-mail + API token; on Data Center by username (name = key) and a personal access token.
 */
public record SimUser(
        String username,
        String displayName,
        String email,
        boolean siteAdmin,
        String accountId,
        String apiToken,
        String personalAccessToken) {

    /** The id Jira uses for this user in REST bodies, webhooks and JQL: accountId on Cloud, username on DC. */
    public String jiraId() {
        return accountId != null ? accountId : username;
    }
}
