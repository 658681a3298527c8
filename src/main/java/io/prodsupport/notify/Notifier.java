package io.prodsupport.notify;

/** One channel that people read. */
public interface Notifier {

    /** The channel's stable name ({@code slack}, {@code teams}, {@code email}): what the domain records as told. */
    String channel();

    /**
     * Tells the channel, retrying briefly where that can help.
     *
     * @throws NotifyException when the channel refused the message or could not be reached
     */
    void announce(IncidentNotice notice);

    /**
     * Delivers one message from the outbox, rendered for this channel according to its kind.
     *
     * @throws NotifyException when the channel refused the message or could not be reached
     */
    default void deliver(ChannelMessage message) {
        switch (message.kind()) {
            case NEW_INCIDENT -> announce(message.incident());
        }
    }
}
