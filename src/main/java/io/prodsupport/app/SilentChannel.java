package io.prodsupport.app;

import io.prodsupport.notify.IncidentNotice;
import io.prodsupport.notify.Notifier;

/** Observe mode's stand-in for a channel: takes every message and sends none (the outcome says it would have). */
record SilentChannel(String channel) implements Notifier {

    @Override
    public void announce(IncidentNotice notice) {
        // observe mode: nothing leaves the process
    }
}
