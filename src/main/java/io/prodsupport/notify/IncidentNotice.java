package io.prodsupport.notify;

import java.util.Objects;

/**
 * A new incident, as the channels are told about it. All text here comes from Jira and so from people: each channel
 * escapes it for its own format.
 *
 * @param priority     the priority's name; {@code null} when the issue has none
 * @param reporterName the reporter's display name; {@code null} when Jira does not say
 * @param onDutyName   the on-duty person's display name; {@code null} when nobody is on duty
 * @param status       the status's name; {@code null} when not read (notices queued before it was recorded)
 */
public record IncidentNotice(
        String key,
        String summary,
        String url,
        String projectKey,
        String priority,
        String reporterName,
        String onDutyName,
        String status) {

    /** A notice without its status (what the outbox held before the status was recorded; tests). */
    public IncidentNotice(
            String key,
            String summary,
            String url,
            String projectKey,
            String priority,
            String reporterName,
            String onDutyName) {
        this(key, summary, url, projectKey, priority, reporterName, onDutyName, null);
    }

    public IncidentNotice {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(url, "url");
    }
}
