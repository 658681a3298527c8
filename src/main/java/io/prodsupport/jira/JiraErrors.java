package io.prodsupport.jira;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns Jira's error answers and I/O failures into one-line {@link JiraException}s. */
final class JiraErrors {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JiraErrors() {}

    /**
     * @param subject what the path names, e.g. "issue OPS-7", so a 404 reads "issue OPS-7 not found"; null
     *     when a 404 means something else
     * @param location the {@code Location} header of a redirect, or null
     */
    static JiraException fromResponse(
            int status, String method, String path, String subject, String body, String location) {
        List<String> errorMessages = new ArrayList<>();
        Map<String, String> errors = new LinkedHashMap<>();
        parseBody(body, errorMessages, errors);
        String message;
        if (status >= 300 && status < 400) {
            message = "Jira redirected " + method + " " + path + " (" + status + ") to " + location
                    + ": check jira.baseUrl (http instead of https, or a missing context path such as /jira)";
        } else if (status == 401) {
            message = "Jira rejected the credentials (401) for " + method + " " + path;
        } else if (status == 404 && subject != null) {
            message = subject + " not found";
        } else {
            String details = details(errorMessages, errors);
            message = method + " " + path + " failed with " + status + (details.isEmpty() ? "" : ": " + details);
        }
        return new JiraException(message, status, method, path, errorMessages, errors);
    }

    /** Jira's error body is {@code {"errorMessages":[...],"errors":{"field":"message"}}}; anything else is ignored. */
    static void parseBody(String body, List<String> errorMessages, Map<String, String> errors) {
        if (body == null || body.isBlank()) {
            return;
        }
        JsonNode json;
        try {
            json = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            return; // an HTML error page from a proxy: the status says enough
        }
        errorMessages.addAll(JsonFields.texts(json, "errorMessages", null));
        JsonNode fieldErrors = json.get("errors");
        if (fieldErrors != null && fieldErrors.isObject()) {
            fieldErrors
                    .fields()
                    .forEachRemaining(e -> errors.put(e.getKey(), e.getValue().asText()));
        }
    }

    private static String details(List<String> errorMessages, Map<String, String> errors) {
        List<String> parts = new ArrayList<>(errorMessages);
        errors.forEach((field, text) -> parts.add(field + ": " + text));
        return String.join("; ", parts);
    }

    /** A short reason for an I/O failure, for "Jira at ... is unreachable: <reason>". */
    static String describe(IOException e) {
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        if (e instanceof UnknownHostException) {
            return "unknown host";
        }
        if (e instanceof NoRouteToHostException) {
            return "no route to host";
        }
        if (e instanceof SocketTimeoutException) {
            return "timed out";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
