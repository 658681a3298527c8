package io.prodsupport.jira;

import java.util.List;
import java.util.Map;

/**
 * Jira answered with an error, or could not be asked. The message is one line a person can act on; it
 * never contains credentials.
 */
public class JiraException extends RuntimeException {

    private final int status;
    private final String method;
    private final String path;
    private final List<String> errorMessages;
    private final Map<String, String> errors;

    public JiraException(
            String message,
            int status,
            String method,
            String path,
            List<String> errorMessages,
            Map<String, String> errors) {
        this(message, status, method, path, errorMessages, errors, null);
    }

    protected JiraException(
            String message,
            int status,
            String method,
            String path,
            List<String> errorMessages,
            Map<String, String> errors,
            Throwable cause) {
        super(message, cause);
        this.status = status;
        this.method = method;
        this.path = path;
        this.errorMessages = List.copyOf(errorMessages);
        this.errors = Map.copyOf(errors);
    }

    /** The HTTP status; 0 when no response was received. */
    public int status() {
        return status;
    }

    public String method() {
        return method;
    }

    /** The request path, without the query. */
    public String path() {
        return path;
    }

    /** Jira's {@code errorMessages}: problems not tied to one field. */
    public List<String> errorMessages() {
        return errorMessages;
    }

    /** Jira's {@code errors}: field id to message. */
    public Map<String, String> errors() {
        return errors;
    }

    /** Jira refused the request because of this field (400 with the field in {@code errors}). */
    public boolean refusedField(String fieldId) {
        return status == 400 && errors.containsKey(fieldId);
    }
}
