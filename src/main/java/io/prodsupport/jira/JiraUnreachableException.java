package io.prodsupport.jira;

import java.util.List;
import java.util.Map;

/** No answer from Jira after the retry budget was spent (connection refused, timeouts, broken streams). */
public final class JiraUnreachableException extends JiraException {

    public JiraUnreachableException(String site, String reason, String method, String path, Throwable cause) {
        super("Jira at " + site + " is unreachable: " + reason, 0, method, path, List.of(), Map.of(), cause);
    }
}
