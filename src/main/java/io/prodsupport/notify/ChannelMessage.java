package io.prodsupport.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Objects;

/**
 * One message for people's channels, as it waits in the {@link Outbox}: its id (the same message queued twice for a
 * channel is one message), its kind and what it says.
 *
 * @param id       stable for what the message is about ({@code new-incident:OPS-7}): the outbox keeps one row per id
 *                 and channel, so a retried event never queues it twice
 * @param kind     what the channels render
 * @param incident the incident the message is about
 */
public record ChannelMessage(String id, Kind kind, IncidentNotice incident) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a message is; each channel renders each kind. */
    public enum Kind {
        NEW_INCIDENT
    }

    public ChannelMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(incident, "incident");
    }

    /** The announcement of a new incident: one per incident. */
    public static ChannelMessage newIncident(IncidentNotice notice) {
        return new ChannelMessage("new-incident:" + notice.key(), Kind.NEW_INCIDENT, notice);
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
