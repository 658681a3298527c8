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
     * Tells the channel about a change of an incident ({@link ChannelMessage.Kind#PROGRESS}) or reminds it of one
     * ({@link ChannelMessage.Kind#STALE}, {@link ChannelMessage.Kind#PREVENTION_MISSING}) or names its post-mortem
     * task ({@link ChannelMessage.Kind#POSTMORTEM}), in one line under
     * {@link ChannelMessage#title()}, with the first lines of the root cause when it was resolved.
     *
     * @throws NotifyException when the channel refused the message or could not be reached
     */
    void progress(ChannelMessage message);

    /**
     * Tells the channel that the on-duty person changed ({@link ChannelMessage.Kind#HANDOVER}): who is on duty now,
     * until when, and each open incident they inherit with its key, summary, status, priority, owner and link.
     *
     * @throws NotifyException when the channel refused the message or could not be reached
     */
    void handover(ChannelMessage message);

    /**
     * Delivers one message from the outbox, rendered for this channel according to its kind.
     *
     * @throws NotifyException when the channel refused the message or could not be reached
     */
    default void deliver(ChannelMessage message) {
        switch (message.kind()) {
            case NEW_INCIDENT -> announce(message.incident());
            case PROGRESS, STALE, PREVENTION_MISSING, POSTMORTEM -> progress(message);
            case HANDOVER -> handover(message);
        }
    }
}
