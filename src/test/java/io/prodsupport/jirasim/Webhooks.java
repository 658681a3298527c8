package io.prodsupport.jirasim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The site's admin webhooks and the knobs tests turn to make delivery as unreliable as real Jira's:
 * duplicates, delays, reordering, drops, and (Cloud only) retries of failed deliveries.
 */
public final class Webhooks {
    /** An admin webhook: where to send and the secret to sign with (null: unsigned). */
    public record Registration(String url, String secret) {}

    /** An event Jira fired, whether or not it was delivered. */
    public record FiredEvent(String event, String issueKey, JsonNode payload) {}

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final List<Registration> registrations = new CopyOnWriteArrayList<>();
    private final List<FiredEvent> fired = new CopyOnWriteArrayList<>();
    private final List<FiredEvent> dropped = new CopyOnWriteArrayList<>();
    private final AtomicInteger dropNext = new AtomicInteger();
    private volatile boolean dropAll;
    private volatile double dropShare;
    private volatile java.util.Random dropRandom;
    private final WebhookDispatcher dispatcher;

    Webhooks(Flavour flavour) {
        this.dispatcher = new WebhookDispatcher(flavour == Flavour.CLOUD);
    }

    public Registration register(String url, String secret) {
        Registration r = new Registration(url, secret);
        registrations.add(r);
        return r;
    }

    public void unregisterAll() {
        registrations.clear();
    }

    /** From now on every event is delivered once more per {@code times}, marked as retries 1..times. */
    public Webhooks duplicate(int times) {
        dispatcher.duplicates = times;
        return this;
    }

    /** From now on every first delivery waits this long (retries and duplicates follow it). */
    public Webhooks delay(Duration delay) {
        dispatcher.delay = delay;
        return this;
    }

    /** While on, events are held for a short window and then delivered in shuffled order. */
    public Webhooks reorder(boolean on) {
        dispatcher.reorder(on);
        return this;
    }

    /** How long {@link #reorder(boolean)} holds a batch (default 200 ms). */
    public Webhooks reorderWindow(Duration window) {
        dispatcher.reorderWindow = window;
        return this;
    }

    /** The next {@code n} events are lost (fired but never delivered). */
    public Webhooks dropNext(int n) {
        dropNext.set(n);
        return this;
    }

    /** While on, every event is lost. */
    public Webhooks drop(boolean on) {
        dropAll = on;
        return this;
    }

    /**
     * From now on each event is lost with probability {@code share} (0 stops it), drawn from {@code seed} so a run
     * repeats: a site whose deliveries are unreliable rather than down (Data Center does not retry).
     */
    public Webhooks dropShare(double share, long seed) {
        dropRandom = new java.util.Random(seed);
        dropShare = share;
        return this;
    }

    private boolean dropByShare() {
        java.util.Random random = dropRandom;
        if (random == null || dropShare <= 0) {
            return false;
        }
        synchronized (random) {
            return random.nextDouble() < dropShare;
        }
    }

    /** Cloud retry policy: how many retries and the first back-off (doubling). Default 3 retries, 100 ms. */
    public Webhooks retries(int maxRetries, Duration firstBackoff) {
        dispatcher.maxRetries = maxRetries;
        dispatcher.backoff = firstBackoff;
        return this;
    }

    /** How long a receiver may take before the attempt counts as timed out (default 5 s). */
    public Webhooks timeout(Duration timeout) {
        dispatcher.timeout(timeout);
        return this;
    }

    /** Every HTTP attempt made so far, in the order they were made. */
    public List<WebhookDelivery> deliveries() {
        return List.copyOf(dispatcher.deliveries);
    }

    /** Every event fired so far (delivered or not), in order. */
    public List<FiredEvent> fired() {
        return List.copyOf(fired);
    }

    /** Events lost on purpose through {@link #dropNext(int)}, {@link #drop(boolean)} or {@link #dropShare}. */
    public List<FiredEvent> dropped() {
        return List.copyOf(dropped);
    }

    /** Waits until nothing is queued, held, or being delivered; AssertionError if that takes longer than {@code max}. */
    public void awaitIdle(Duration max) {
        if (!dispatcher.awaitIdle(max)) {
            throw new AssertionError("webhook deliveries still pending after " + max);
        }
    }

    void fire(String event, String issueKey, JsonNode payload) {
        FiredEvent e = new FiredEvent(event, issueKey, payload);
        fired.add(e);
        if (dropAll || dropNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0 || dropByShare()) {
            dropped.add(e);
            return;
        }
        byte[] body;
        try {
            body = MAPPER.writeValueAsString(payload).getBytes(StandardCharsets.UTF_8);
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
        for (Registration r : registrations) {
            dispatcher.submit(new WebhookDispatcher.Job(
                    r, event, issueKey, UUID.randomUUID().toString(), body, new AtomicInteger()));
        }
    }

    void close() {
        dispatcher.close();
    }
}
