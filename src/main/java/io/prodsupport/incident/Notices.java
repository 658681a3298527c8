package io.prodsupport.incident;

import io.prodsupport.jira.Issue;
import io.prodsupport.jira.JiraClient;
import io.prodsupport.jira.JiraUser;
import io.prodsupport.notify.IncidentNotice;
import java.util.Optional;

/** What every message about an incident says of it: key, summary, link, project, priority, reporter, owner. */
final class Notices {

    private Notices() {}

    /** @param owner who owns it now (the issue as read may predate staffing's assignment); null for nobody */
    static IncidentNotice of(JiraClient jira, Issue issue, JiraUser owner) {
        return new IncidentNotice(
                issue.key(),
                Optional.ofNullable(issue.fields().summary()).orElse(""),
                jira.serverInfo().browseUrl(issue.key()),
                issue.fields().projectKey(),
                issue.fields().priority(),
                name(issue.fields().reporter()),
                name(owner),
                issue.fields().status() != null ? issue.fields().status().name() : null);
    }

    /** As {@link #of(JiraClient, Issue, JiraUser)}, owned by the issue's assignee as read. */
    static IncidentNotice of(JiraClient jira, Issue issue) {
        return of(jira, issue, issue.fields().assignee());
    }

    /** A person as messages name them: the display name, null for nobody. */
    static String name(JiraUser user) {
        return user == null ? null : user.displayName();
    }
}
