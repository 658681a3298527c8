package io.prodsupport.notify;

import java.util.ArrayList;
import java.util.List;

/** A channel that records what it was told, or fails the way it is told to. */
final class RecordingNotifier implements Notifier {

    private final String channel;
    private final RuntimeException failure;
    final List<IncidentNotice> told = new ArrayList<>();

    private RecordingNotifier(String channel, RuntimeException failure) {
        this.channel = channel;
        this.failure = failure;
    }

    static RecordingNotifier working(String channel) {
        return new RecordingNotifier(channel, null);
    }

    static RecordingNotifier failingWith(String channel, RuntimeException failure) {
        return new RecordingNotifier(channel, failure);
    }

    @Override
    public String channel() {
        return channel;
    }

    @Override
    public void announce(IncidentNotice notice) {
        if (failure != null) {
            throw failure;
        }
        told.add(notice);
    }
}
