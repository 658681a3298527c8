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
 * @param note      for {@link Kind#STALE} and {@link Kind#PREVENTION_MISSING}: what the reminder says, one line
 */
public record ChannelMessage(
        String id,
        Kind kind,
        IncidentNotice incident,
        List<Change> changes,
        List<String> rootCause,
        String foldKey,
        String note) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a message is; each channel renders each kind. */
    public enum Kind {
        NEW_INCIDENT,
        PROGRESS,
        /** An open incident nobody updated for a while; its owner was asked on the ticket. */
        STALE,
        /** Resolved a while ago, and its Prevention / Mitigation is still empty. */
        PREVENTION_MISSING
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
        Objects.requireNonNull(incident, "incident");
        changes = changes == null ? List.of() : List.copyOf(changes);
        rootCause = rootCause == null ? List.of() : List.copyOf(rootCause);
    }

    /** The announcement of a new incident: one per incident. */
    public static ChannelMessage newIncident(IncidentNotice notice) {
        return new ChannelMessage("new-incident:" + notice.key(), Kind.NEW_INCIDENT, notice, null, null, null, null);
    }

    /**
     * A change of an incident's status, priority, owner or resolution; changes still waiting to be sent are folded
     * with it.
     *
     * @param id a stable id for this change of the incident (the same when its event is retried)
     */
    public static ChannelMessage progress(String id, IncidentNotice now, List<Change> changes, List<String> rootCause) {
        return new ChannelMessage(id, Kind.PROGRESS, now, changes, rootCause, "progress:" + now.key(), null);
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
        return new ChannelMessage(id, kind, incident, null, null, null, Objects.requireNonNull(note, "note"));
    }

    /** The heading a channel shows above the line. */
    public String title() {
        return switch (kind) {
            case NEW_INCIDENT -> "New incident";
            case PROGRESS -> resolves() ? "Incident resolved" : "Incident update";
            case STALE -> "Incident needs an update";
            case PREVENTION_MISSING -> "Prevention still missing";
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
        return Optional.of(new ChannelMessage(id, kind, later.incident(), folded, later.rootCause(), foldKey, null));
    }

    /** Whether the incident was resolved by these changes (its resolution went from none to a value). */
    public boolean resolves() {
        return changes.stream().anyMatch(c -> c.field().equals(RESOLUTION) && c.from() == null && c.to() != null);
    }

    /**
     * The message in one line, plain text: {@code OPS-7 Checkout down: resolved (Fixed); status In Progress → Done}.
     */
    public String line() {
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
