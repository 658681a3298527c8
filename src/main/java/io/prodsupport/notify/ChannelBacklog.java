package io.prodsupport.notify;

import java.time.Instant;
import java.util.Optional;

/**
 * What waits for one channel.
 *
 * @param pending        messages not yet delivered
 * @param failed         of those, the ones at least one attempt failed for
 * @param oldestQueuedAt when the oldest undelivered message was queued; empty when none waits
 * @param lastError      the latest failure of an undelivered message, one line free of secrets; empty when none
 */
public record ChannelBacklog(
        String channel, long pending, long failed, Optional<Instant> oldestQueuedAt, Optional<String> lastError) {

    public static ChannelBacklog empty(String channel) {
        return new ChannelBacklog(channel, 0, 0, Optional.empty(), Optional.empty());
    }
}
