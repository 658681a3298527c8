package io.prodsupport.notify;

/**
 * A channel refused a message or could not be reached. The message is one line naming the channel and never carries
 * a webhook URL or a password: the URL of a Slack or Teams webhook is itself the credential.
 */
public final class NotifyException extends RuntimeException {

    private final String channel;

    /** Public so a channel written elsewhere (or a test double of one) can fail the way the announcer expects. */
    public NotifyException(String channel, String reason) {
        super(channel + ": " + reason);
        this.channel = channel;
    }

    public String channel() {
        return channel;
    }
}
