package io.prodsupport.backfill;

import io.prodsupport.jira.JiraClient;
import java.util.List;
import java.util.Set;

/**
 * Whether the service's account may edit without e-mailing watchers ({@code notifyUsers=false}). Jira allows that
 * only to Jira administrators and the project's administrators, and otherwise refuses the edit with 403. Asking
 * {@code mypermissions} once per project finds out before the first edit, without touching a ticket.
 */
public final class NotificationCheck {

    static final List<String> PERMISSIONS = List.of("ADMINISTER", "ADMINISTER_PROJECTS");

    private NotificationCheck() {}

    /** The projects among {@code projectKeys} where notifications cannot be turned off; empty when all is well. */
    public static List<String> projectsThatWouldNotify(JiraClient jira, List<String> projectKeys) {
        return projectKeys.stream()
                .filter(project -> {
                    Set<String> granted = jira.myPermissions(project, PERMISSIONS);
                    return granted.isEmpty();
                })
                .toList();
    }
}
