package io.prodsupport.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One message for people's channels, as it waits in the {@link Outbox}: its id (the same message queued twice for a
 * channel is one message), its kind and what it says.
 *
 * @param id        stable for what the message is about ({@code new-incident:OPS-7}): the outbox keeps one row per id
 *                  and channel, so a retried event never queues it twice
 * @param kind      what the channels render
 * @param incident  the incident the message is about (for progress, as it is now: its owner in {@code onDutyName})
 * @param changes   for {@link Kind#PROGRESS}: what changed, each from its value before the burst to the final one
 * @param rootCause for {@link Kind#PROGRESS} with a resolution: the first lines of the Root Cause(s) section
 * @param foldKey   messages with the same key still waiting are folded into one ({@link #foldedWith}); null: never
 * @param note      for {@link Kind#STALE}, {@link Kind#PREVENTION_MISSING} and {@link Kind#POSTMORTEM}: what it
 *                  says, one line
 * @param handover  for {@link Kind#HANDOVER}, which is about no one incident ({@code incident} is null): who is on
 *                  duty now, until when, and the open incidents they inherit; absent from messages of every other kind
 *                  (and from rows queued before hand-overs existed)
 */
public record ChannelMessage(
        String id,
        Kind kind,
        IncidentNotice incident,
        List<Change> changes,
        List<String> rootCause,
        String foldKey,
        String note,
        Handover handover) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a message is; each channel renders each kind. */
    public enum Kind {
        NEW_INCIDENT,
        PROGRESS,
        /** An open incident nobody updated for a while; its owner was asked on the ticket. */
        STALE,
        /** Resolved a while ago, and its Prevention / Mitigation is still empty. */
        PREVENTION_MISSING,
        /** A post-mortem task was opened for the incident; the note names it and its link. */
        POSTMORTEM,
        /** The on-duty person changed: who is on duty now, until when, the open incidents they inherit. */
        HANDOVER
    }

    /**
     * A hand-over: who is on duty now and until when, and the incidents still open that they inherit.
     *
     * @param onDutyName    the person now on duty, by display name
     * @param until         when their duty ends (ISO-8601 instant); null when the schedule does not say
     * @param inherited     the open incidents, each with key, summary, link, status, priority and owner
     * @param moreIncidents open incidents beyond those listed (a message stays readable); 0 when all are listed
     */
    public record Handover(String onDutyName, String until, List<IncidentNotice> inherited, int moreIncidents) {
        public Handover {
            Objects.requireNonNull(onDutyName, "onDutyName");
            inherited = inherited == null ? List.of() : List.copyOf(inherited);
        }
    }

    /** The fields a progress message reports, by the names {@link Change#field()} uses. */
    public static final String STATUS = "status";

    public static final String PRIORITY = "priority";
    public static final String OWNER = "owner";
    public static final String RESOLUTION = "resolution";

    /**
     * One field's change: {@code from} and {@code to} are display values, {@code null} for none.
     *
     * @param field one of {@link #STATUS}, {@link #PRIORITY}, {@link #OWNER}, {@link #RESOLUTION}
     */
    public record Change(String field, String from, String to) {
        public Change {
            Objects.requireNonNull(field, "field");
        }

        boolean isNoChange() {
            return Objects.equals(from, to);
        }

        /** {@code status In Progress → Done}; {@code owner nobody → Bob}. */
        public String describe() {
            return field + " " + (from == null ? "none" : from) + " → " + (to == null ? "none" : to);
        }
    }

    public ChannelMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.HANDOVER) {
            Objects.requireNonNull(handover, "handover");
        } else {
            Objects.requireNonNull(incident, "incident");
        }
        changes = changes == null ? List.of() : List.copyOf(changes);
        rootCause = rootCause == null ? List.of() : List.copyOf(rootCause);
    }

    /** The announcement of a new incident: one per incident. */
    public static ChannelMessage newIncident(IncidentNotice notice) {
        return new ChannelMessage(
                "new-incident:" + notice.key(), Kind.NEW_INCIDENT, notice, null, null, null, null, null);
    }

    /**
     * A change of an incident's status, priority, owner or resolution; changes still waiting to be sent are folded
     * with it.
     *
     * @param id a stable id for this change of the incident (the same when its event is retried)
     */
    public static ChannelMessage progress(String id, IncidentNotice now, List<Change> changes, List<String> rootCause) {
        return new ChannelMessage(id, Kind.PROGRESS, now, changes, rootCause, "progress:" + now.key(), null, null);
    }

    /**
     * A reminder ({@link Kind#STALE} or {@link Kind#PREVENTION_MISSING}).
     *
     * @param id   stable for the reminder (the same silence, the same incident): queued once
     * @param note what it says, one line
     */
    public static ChannelMessage reminder(String id, Kind kind, IncidentNotice incident, String note) {
        if (kind != Kind.STALE && kind != Kind.PREVENTION_MISSING) {
            throw new IllegalArgumentException(kind + " is not a reminder");
        }
        return new ChannelMessage(id, kind, incident, null, null, null, Objects.requireNonNull(note, "note"), null);
    }

    /**
     * The post-mortem task {@code taskKey} was opened for the incident: one per incident.
     *
     * @param taskUrl the task's browse link
     */
    public static ChannelMessage postMortem(IncidentNotice incident, String taskKey, String taskUrl) {
        return new ChannelMessage(
                "postmortem:" + incident.key(),
                Kind.POSTMORTEM,
                incident,
                null,
                null,
                null,
                "post-mortem task " + taskKey + " opened for the review: " + taskUrl,
                null);
    }

    /**
     * A hand-over to {@code handover.onDutyName()}, once per hand-over.
     *
     * @param id stable for the hand-over ({@code handover:<from-instant>:<person>}): queued once, by any instance
     */
    public static ChannelMessage handover(String id, Handover handover) {
        return new ChannelMessage(id, Kind.HANDOVER, null, null, null, null, null, handover);
    }

    /** The incident key the message is about, for the outbox's records; {@code -} for a hand-over. */
    public String about() {
        return incident != null ? incident.key() : "-";
    }

    /** The heading a channel shows above the line. */
    public String title() {
        return switch (kind) {
            case NEW_INCIDENT -> "New incident";
            case PROGRESS -> resolves() ? "Incident resolved" : "Incident update";
            case STALE -> "Incident needs an update";
            case PREVENTION_MISSING -> "Prevention still missing";
            case POSTMORTEM -> "Post-mortem opened";
            case HANDOVER -> "On-call hand-over";
        };
    }

    /**
     * This waiting message with {@code later} folded in: the incident as {@code later} says, each field from its value
     * here to its value there (the final state, not every step), the later root cause. Empty when every field ended
     * where it began and nothing was resolved: there is nothing left to say.
     */
    public Optional<ChannelMessage> foldedWith(ChannelMessage later) {
        Map<String, Change> merged = new LinkedHashMap<>();
        for (Change c : changes) {
            merged.put(c.field(), c);
        }
        for (Change c : later.changes()) {
            Change before = merged.get(c.field());
            merged.put(c.field(), before == null ? c : new Change(c.field(), before.from(), c.to()));
        }
        List<Change> folded =
                merged.values().stream().filter(c -> !c.isNoChange()).toList();
        if (folded.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(
                new ChannelMessage(id, kind, later.incident(), folded, later.rootCause(), foldKey, null, null));
    }

    /** Whether the incident was resolved by these changes (its resolution went from none to a value). */
    public boolean resolves() {
        return changes.stream().anyMatch(c -> c.field().equals(RESOLUTION) && c.from() == null && c.to() != null);
    }

    /**
     * The message in one line, plain text: {@code OPS-7 Checkout down: resolved (Fixed); status In Progress → Done}.
     */
    public String line() {
        if (handover != null) {
            int open = handover.inherited().size() + handover.moreIncidents();
            return handover.onDutyName() + " is on duty now"
                    + (handover.until() != null ? ", until " + when(handover.until()) : "")
                    + "; " + (open == 0 ? "no open incidents" : open + " open incident" + (open == 1 ? "" : "s"))
                    + " to take over";
        }
        if (note != null) {
            return incident.key() + " " + incident.summary() + ": " + note;
        }
        List<String> parts = new ArrayList<>();
        for (Change c : changes) {
            if (c.field().equals(RESOLUTION)) {
                parts.add(
                        c.to() == null
                                ? "reopened (resolution " + c.from() + " cleared)"
                                : "resolved (" + c.to() + ")");
            } else {
                parts.add(c.describe());
            }
        }
        return incident.key() + " " + incident.summary() + ": " + String.join("; ", parts);
    }

    private static final java.time.format.DateTimeFormatter WHEN = java.time.format.DateTimeFormatter.ofPattern(
                    "EEE yyyy-MM-dd HH:mm 'UTC'", java.util.Locale.ENGLISH)
            .withZone(java.time.ZoneOffset.UTC);

    /** An ISO-8601 instant as messages show it: {@code Mon 2026-11-30 09:00 UTC}; other text as it is. */
    public static String when(String instant) {
        try {
            return WHEN.format(java.time.Instant.parse(instant));
        } catch (java.time.format.DateTimeParseException e) {
            return instant;
        }
    }

    /** The form the outbox stores. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write message " + id + " as JSON", e);
        }
    }

    /**
     * @throws IllegalArgumentException when {@code json} is not a message this release can read
     */
    public static ChannelMessage fromJson(String json) {
        try {
            return JSON.readValue(json, ChannelMessage.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "not a channel message this release can read: " + e.getOriginalMessage());
        }
    }
}
