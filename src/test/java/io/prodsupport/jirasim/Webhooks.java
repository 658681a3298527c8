package io.prodsupport.jirasim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.prodsupport.jirasim.jql.JqlQuery;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The site's admin webhooks and the knobs tests turn to make delivery as unreliable as real Jira's:
 * duplicates, delays, reordering, drops, and (Cloud only) retries of failed deliveries.
 */
public final class Webhooks {
    /**
     * An admin webhook as Jira keeps it: where to send, the secret to sign with (null: unsigned), which events, the
     * JQL filter of issue events (null: every issue), whether the body is left out, whether it is on.
     */
    public record Registration(
            long id,
            String name,
            String url,
            String secret,
            List<String> events,
            String jql,
            boolean excludeBody,
            boolean enabled,
            String lastUpdatedUser,
            long lastUpdated) {
        public Registration {
            events = List.copyOf(events);
        }

        boolean wants(String event) {
            return enabled && events.contains(event);
        }
    }

    /** Every issue and comment event Jira offers an admin webhook (the ones the simulator fires among them). */
    public static final List<String> ISSUE_EVENTS = List.of(
            "jira:issue_created",
            "jira:issue_updated",
            "jira:issue_deleted",
            "comment_created",
            "comment_updated",
            "comment_deleted");

    /** An event Jira fired, whether or not it was delivered. */
    public record FiredEvent(String event, String issueKey, JsonNode payload) {}

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final List<Registration> registrations = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong(1);
    private final SimState state;
    // appended on every change: a copy-on-write list copied the whole history on each one, quadratic in a site's
    // changes (a backfill of 100,000 tickets fires about 240,000 events); read only by tests, through a copy
    private final List<FiredEvent> fired = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    private final List<FiredEvent> dropped = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    private volatile boolean keepFired = true;
    private final AtomicInteger dropNext = new AtomicInteger();
    private volatile boolean dropAll;
    private volatile double dropShare;
    private volatile java.util.Random dropRandom;
    private final WebhookDispatcher dispatcher;

    Webhooks(SimState state) {
        this.state = state;
        this.dispatcher = new WebhookDispatcher(state.flavour == Flavour.CLOUD);
    }

    /** A test's shortcut for an admin webhook: every issue and comment event, every issue, enabled. */
    public Registration register(String url, String secret) {
        return add("test webhook", url, secret, ISSUE_EVENTS, null, false, true, "admin");
    }

    public void unregisterAll() {
        registrations.clear();
    }

    /** The admin webhooks, in the order they were created. */
    public List<Registration> registrations() {
        return List.copyOf(registrations);
    }

    Registration add(
            String name,
            String url,
            String secret,
            List<String> events,
            String jql,
            boolean excludeBody,
            boolean enabled,
            String user) {
        Registration r = new Registration(
                ids.getAndIncrement(), name, url, secret, events, jql, excludeBody, enabled, user, lastUpdated());
        registrations.add(r);
        return r;
    }

    Optional<Registration> find(long id) {
        return registrations.stream().filter(r -> r.id() == id).findFirst();
    }

    /** Replaces the webhook with this id; the secret is kept when {@code update} carries none. */
    synchronized Optional<Registration> replace(long id, Registration update) {
        for (int i = 0; i < registrations.size(); i++) {
            Registration old = registrations.get(i);
            if (old.id() == id) {
                Registration r = new Registration(
                        id,
                        update.name(),
                        update.url(),
                        update.secret() != null ? update.secret() : old.secret(),
                        update.events(),
                        update.jql(),
                        update.excludeBody(),
                        update.enabled(),
                        update.lastUpdatedUser(),
                        lastUpdated());
                registrations.set(i, r);
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    boolean remove(long id) {
        return registrations.removeIf(r -> r.id() == id);
    }

    /** Whether the issue matches the filter as it is now (the moment of the change). A filter was parsed when set. */
    private boolean matches(String issueKey, String jql) {
        synchronized (state) {
            return state.findIssue(issueKey)
                    .map(r -> JqlQuery.parse(jql).matches(state.snapshot(r), state.now()))
                    .orElse(false);
        }
    }

    private long lastUpdated() {
        return state.now().toEpochMilli();
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
    /**
     * Whether {@link #fired()} keeps every event (the default). A benchmark of a large site turns it off: with no
     * webhook registered either, no payload is built at all, as a Jira site without webhooks builds none.
     */
    public Webhooks keepFired(boolean keep) {
        this.keepFired = keep;
        return this;
    }

    /** Whether a change's payload goes anywhere: to a registered webhook, or to {@link #fired()}. */
    boolean anyoneListens() {
        return keepFired || !registrations.isEmpty();
    }

    public List<FiredEvent> fired() {
        synchronized (fired) {
            return List.copyOf(fired);
        }
    }

    /** Events lost on purpose through {@link #dropNext(int)}, {@link #drop(boolean)} or {@link #dropShare}. */
    public List<FiredEvent> dropped() {
        synchronized (dropped) {
            return List.copyOf(dropped);
        }
    }

    /** Waits until nothing is queued, held, or being delivered; AssertionError if that takes longer than {@code max}. */
    public void awaitIdle(Duration max) {
        if (!dispatcher.awaitIdle(max)) {
            throw new AssertionError("webhook deliveries still pending after " + max);
        }
    }

    void fire(String event, String issueKey, JsonNode payload) {
        FiredEvent e = new FiredEvent(event, issueKey, payload);
        if (keepFired) {
            fired.add(e);
        }
        if (dropAll || dropNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0 || dropByShare()) {
            dropped.add(e);
            return;
        }
        byte[] body = null;
        // as Jira does: a webhook gets the events it subscribed to, for the issues its JQL filter matches at the time
        // of the change, with the body left out when it asked for that
        for (Registration r : registrations) {
            if (!r.wants(event) || (r.jql() != null && !r.jql().isBlank() && !matches(issueKey, r.jql()))) {
                continue;
            }
            if (body == null) {
                // serialised once, and only when some webhook takes it (none is registered in a backfill's site)
                try {
                    body = MAPPER.writeValueAsString(payload).getBytes(StandardCharsets.UTF_8);
                } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
                    throw new IllegalStateException(ex);
                }
            }
            dispatcher.submit(new WebhookDispatcher.Job(
                    r,
                    event,
                    issueKey,
                    UUID.randomUUID().toString(),
                    r.excludeBody() ? new byte[0] : body,
                    new AtomicInteger()));
        }
    }

    void close() {
        dispatcher.close();
    }
}
