package io.prodsupport.testing;

/** The smallest valid config (Cloud credentials from the environment, one incident project), for tests to extend. */
public final class MinimalConfig {

    /** Needs {@code JIRA_API_TOKEN} and {@code HOOK_SECRET} in the loader's environment. */
    public static final String YAML = """
            jira:
              baseUrl: https://acme.atlassian.net
              email: bot@acme.test
              apiToken: ${JIRA_API_TOKEN}
            webhook:
              secrets: ["${HOOK_SECRET}"]
            incidents:
              projects: [OPS]
            """;

    private MinimalConfig() {}
}
