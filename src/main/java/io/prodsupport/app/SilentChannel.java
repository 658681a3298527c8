package io.prodsupport.app;

import io.prodsupport.notify.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Observe mode's outbox: takes every message and queues none (the outcome says it would have). */
final class SilentChannel {

    private static final Logger log = LoggerFactory.getLogger(SilentChannel.class);

    /** Nothing leaves the process in observe mode: the message is logged, not queued. */
    static final Outbox OUTBOX = (message, channels, now, due) ->
            log.info("observe mode: would queue {} for {}", message.id(), String.join(", ", channels));

    private SilentChannel() {}
}
