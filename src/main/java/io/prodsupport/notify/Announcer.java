package io.prodsupport.notify;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells every configured channel about a new incident, one after the other. A channel that fails does not stop the
 * others; the result says which were told and which failed, and a later call with the told ones in
 * {@code alreadyTold} tries only the rest. Recording who was told (exactly once per incident) is the caller's.
 */
public final class Announcer {

    private static final Logger LOG = LoggerFactory.getLogger(Announcer.class);

    private final List<Notifier> notifiers;

    public Announcer(List<Notifier> notifiers) {
        this.notifiers = List.copyOf(notifiers);
    }

    /** The names of the configured channels. */
    public Set<String> channels() {
        Set<String> channels = new LinkedHashSet<>();
        notifiers.forEach(n -> channels.add(n.channel()));
        return channels;
    }

    public AnnounceResult announce(IncidentNotice notice) {
        return announce(notice, Set.of());
    }

    public AnnounceResult announce(IncidentNotice notice, Set<String> alreadyTold) {
        Set<String> told = new LinkedHashSet<>();
        Set<String> skipped = new LinkedHashSet<>();
        Map<String, String> failed = new LinkedHashMap<>();
        for (Notifier notifier : notifiers) {
            String channel = notifier.channel();
            if (alreadyTold.contains(channel)) {
                skipped.add(channel);
                continue;
            }
            try {
                notifier.announce(notice);
                told.add(channel);
            } catch (NotifyException e) {
                failed.put(channel, e.getMessage());
                LOG.warn("{} was not told about {}: {}", channel, notice.key(), e.getMessage());
            } catch (RuntimeException e) {
                // A bug in one channel must not silence the others. Only the exception's class and where it was
                // thrown are kept: a foreign exception's message could quote a webhook URL, which is a secret.
                String where = e.getStackTrace().length > 0 ? " at " + e.getStackTrace()[0] : "";
                failed.put(channel, channel + ": failed (" + e.getClass().getSimpleName() + ")");
                LOG.error(
                        "{} failed unexpectedly announcing {}: {}{}",
                        channel,
                        notice.key(),
                        e.getClass().getName(),
                        where);
            }
        }
        return new AnnounceResult(told, skipped, failed);
    }
}
