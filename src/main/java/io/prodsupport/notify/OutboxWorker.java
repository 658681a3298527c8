package io.prodsupport.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers what waits in the outbox, channel by channel, on a thread of its own: nothing the incident's event waits
 * for. A channel that fails is paused with a doubling back-off (from {@link #FIRST_BACKOFF}, capped at
 * {@code maxBackoff}), its failed message stays first in line, and the channel's other messages wait behind it, so a
 * dead channel costs one attempt per back-off, not one per message; a success resumes it at once. The other
 * channels are not affected.
 *
 * <p>Each message is sent once per channel: the outbox keeps one row per message and channel, a worker claims a row
 * before sending and marks it delivered after. What remains is the window every webhook has: a channel that took the
 * message but whose answer was lost (a timeout, a crash before the row is marked) gets it again.
 */
public final class OutboxWorker implements AutoCloseable {

    /** The first pause after a failure; it doubles with each failure in a row, up to {@code maxBackoff}. */
    public static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    /** How often the worker looks for due messages when nobody nudges it. */
    public static final Duration POLL_INTERVAL = Duration.ofSeconds(1);

    static final int BATCH = 20;
    static final Duration LEASE = Duration.ofMinutes(5);

    private static final Logger log = LoggerFactory.getLogger(OutboxWorker.class);

    private final OutboxStore outbox;
    private final Map<String, Notifier> channels = new LinkedHashMap<>();
    private final Clock clock;
    private final Duration maxBackoff;
    private final String name = "outbox-" + UUID.randomUUID();
    private final Map<String, Pause> paused = new ConcurrentHashMap<>();
    private volatile Map<String, ChannelBacklog> backlog = Map.of();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "outbox-worker");
        t.setDaemon(true);
        return t;
    });

    public OutboxWorker(OutboxStore outbox, List<Notifier> channels, Clock clock, Duration maxBackoff) {
        this.outbox = outbox;
        channels.forEach(c -> this.channels.put(c.channel(), c));
        this.clock = clock;
        this.maxBackoff = maxBackoff;
    }

    /** Starts delivering; with no channel configured there is nothing to deliver and no thread polls the store. */
    public OutboxWorker start() {
        if (channels.isEmpty()) {
            return this;
        }
        thread.scheduleWithFixedDelay(this::tick, 0, POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Something was queued: look now rather than at the next poll. */
    public void nudge() {
        if (!channels.isEmpty() && !thread.isShutdown()) {
            thread.execute(this::tick);
        }
    }

    private void tick() {
        try {
            deliverDue();
        } catch (RuntimeException e) {
            // the store is down, or a bug: the next poll tries again, the messages wait in the store
            log.warn("outbox: could not deliver (tried again in {}): {}", POLL_INTERVAL, e.getMessage());
        }
    }

    /**
     * One round: for every channel that is not paused, sends what is due, oldest first, until the channel fails.
     *
     * @return the messages delivered
     */
    public synchronized int deliverDue() {
        int delivered = 0;
        for (Notifier channel : channels.values()) {
            Instant now = clock.instant();
            Pause pause = paused.get(channel.channel());
            if (pause != null && now.isBefore(pause.until())) {
                continue;
            }
            List<OutboxEntry> due = outbox.claim(channel.channel(), now, LEASE, name, BATCH);
            for (int i = 0; i < due.size(); i++) {
                OutboxEntry entry = due.get(i);
                Optional<String> failure = send(channel, entry);
                if (failure.isEmpty()) {
                    outbox.delivered(entry, clock.instant());
                    paused.remove(channel.channel());
                    delivered++;
                    continue;
                }
                int failures = pause == null ? 1 : pause.failures() + 1;
                Instant until = clock.instant().plus(backoff(failures));
                pause = new Pause(failures, until);
                paused.put(channel.channel(), pause);
                outbox.failed(entry, failure.get(), until);
                log.warn(
                        "{} did not take {} (attempt {}); the channel is tried again at {}: {}",
                        channel.channel(),
                        entry.message().id(),
                        entry.attempts() + 1,
                        until,
                        failure.get());
                due.subList(i + 1, due.size()).forEach(outbox::release);
                break;
            }
        }
        refreshBacklog();
        return delivered;
    }

    private static Optional<String> send(Notifier channel, OutboxEntry entry) {
        try {
            channel.deliver(entry.message());
            return Optional.empty();
        } catch (NotifyException e) {
            return Optional.of(e.getMessage());
        } catch (RuntimeException e) {
            // a channel's bug: only the class, as a foreign message could quote a webhook URL (a secret)
            return Optional.of(channel.channel() + ": failed (" + e.getClass().getSimpleName() + ")");
        }
    }

    Duration backoff(int failures) {
        Duration wait = FIRST_BACKOFF.multipliedBy(1L << Math.min(failures - 1, 30));
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }

    private void refreshBacklog() {
        Map<String, ChannelBacklog> now = new LinkedHashMap<>();
        channels.keySet().forEach(c -> now.put(c, ChannelBacklog.empty(c)));
        for (ChannelBacklog b : outbox.backlog()) {
            if (now.containsKey(b.channel())) {
                now.put(b.channel(), b);
            }
        }
        backlog = Map.copyOf(now);
    }

    /** What waits per configured channel, as of the last round (refreshed every {@link #POLL_INTERVAL}). */
    public ChannelBacklog backlog(String channel) {
        return backlog.getOrDefault(channel, ChannelBacklog.empty(channel));
    }

    /** The configured channels' names, in configuration order. */
    public List<String> channels() {
        return List.copyOf(channels.keySet());
    }

    /** Until when a failing channel is left alone; empty when it is not failing. */
    public Optional<Instant> pausedUntil(String channel) {
        return Optional.ofNullable(paused.get(channel)).map(Pause::until);
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Pause(int failures, Instant until) {}
}
