package io.prodsupport.jirasim;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** A request Jira would refuse, carrying Jira's error body {@code {"errorMessages":[...],"errors":{...}}}. */
final class JiraError extends RuntimeException {
    final int status;
    final ObjectNode body;

    private JiraError(int status, ObjectNode body, String summary) {
        super(status + " " + summary, null, false, false);
        this.status = status;
        this.body = body;
    }

    static JiraError messages(int status, String... messages) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        var list = body.putArray("errorMessages");
        for (String m : messages) {
            list.add(m);
        }
        body.putObject("errors");
        return new JiraError(status, body, String.join("; ", messages));
    }

    static JiraError field(int status, String field, String message) {
        return fields(status, Map.of(field, message));
    }

    static JiraError fields(int status, Map<String, String> errors) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putArray("errorMessages");
        ObjectNode e = body.putObject("errors");
        errors.forEach(e::put);
        return new JiraError(status, body, errors.toString());
    }

    static JiraError issueNotFound() {
        return messages(404, "Issue does not exist or you do not have permission to see it.");
    }
}
