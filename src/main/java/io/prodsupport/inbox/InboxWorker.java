package io.prodsupport.inbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Takes due events from the {@link Inbox} and runs the {@link EventHandler} on them: several ordering keys in
 * parallel, one event per key at a time (the store's claim enforces that, across processes too). A failure is
 * retried after an exponential, jittered backoff; after {@link WorkerSettings#maxAttempts()} the event becomes a
 * dead letter with the last error. Claims are leases renewed while the handler runs, so a killed process's events
 * are taken over once their leases run out.
 */
public final class InboxWorker implements AutoCloseable {

    /** How long {@link #close()} lets in-flight events finish before interrupting them. */
    public static final Duration DEFAULT_DRAIN = Duration.ofSeconds(10);

    /** The MDC key under which the issue of the event being handled is set, for the log pattern to put first. */
    public static final String ISSUE_MDC_KEY = "issue";

    private static final Logger log = LoggerFactory.getLogger(InboxWorker.class);

    private final Inbox inbox;
    private final EventHandler handler;
    private final WorkerSettings settings;
    private final Clock clock;
    private final Backoff backoff;
    /** Unique per instance: a restarted process must not mistake its predecessor's claims for its own. */
    private final String owner = "worker-" + UUID.randomUUID();

    private final Map<Long, StoredEvent> inFlight = new ConcurrentHashMap<>();
    private final ExecutorService handlers;
    private final Thread poller;
    private final Object wake = new Object();
    private boolean wakeRequested;
    private volatile boolean running;
    private volatile boolean interrupting;
    private boolean started;
    private boolean closed;
    private Instant nextRenewal = Instant.MIN;
    private Instant nextPrune = Instant.MIN;
    private boolean storeDown;

    private final MeterRegistry registry;
    private final Counter done;
    private final Counter retried;
    private final Counter deadLettered;
    private final Counter released;
    private final Counter lostClaims;
    private final Counter pruned;

    public InboxWorker(
            Inbox inbox, EventHandler handler, WorkerSettings settings, Clock clock, MeterRegistry registry) {
        this.inbox = inbox;
        this.handler = handler;
        this.settings = settings;
        this.clock = clock;
        this.registry = registry;
        this.backoff = new Backoff(
                settings.initialBackoff(),
                settings.maxBackoff(),
                () -> ThreadLocalRandom.current().nextDouble());
        AtomicInteger threads = new AtomicInteger();
        this.handlers = Executors.newFixedThreadPool(
                settings.concurrency(), r -> daemon(r, "inbox-worker-" + threads.incrementAndGet()));
        this.poller = daemon(this::pollLoop, "inbox-poller");
        this.done = outcome("done");
        this.retried = outcome("retried");
        this.deadLettered = outcome("dead_lettered");
        this.released = outcome("released");
        this.lostClaims = outcome("claim_lost");
        this.pruned = Counter.builder("prodsupport.inbox.pruned")
                .description("Done events deleted after store.dedupeRetention")
                .register(registry);
        Gauge.builder("prodsupport.inbox.depth", inbox, InboxWorker::depthOrNaN)
                .strongReference(true)
                .description("Events accepted and not yet done (pending, waiting for a retry, or in progress)")
                .register(registry);
        Gauge.builder("prodsupport.inbox.in.flight", inFlight, Map::size)
                .strongReference(true)
                .description("Events this worker is handling right now")
                .register(registry);
    }

    /** The name this worker's claims carry in the store. */
    public String owner() {
        return owner;
    }

    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("already started");
        }
        started = true;
        running = true;
        poller.start();
        log.info(
                "inbox worker {} started: {} at a time, {} attempts, lease {}",
                owner,
                settings.concurrency(),
                settings.maxAttempts(),
                settings.lease());
    }

    /** Stops claiming and waits up to {@link #DEFAULT_DRAIN} for the events in flight. */
    @Override
    public void close() {
        close(DEFAULT_DRAIN);
    }

    /**
     * Stops claiming, lets the events in flight finish within {@code drain}, then interrupts the rest; an interrupted
     * event is given back to the store without counting the attempt, so the next worker takes it at once.
     */
    public void close(Duration drain) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        running = false;
        wakePoller();
        try {
            if (poller.isAlive()) {
                poller.join(drain.toMillis() + settings.pollInterval().toMillis());
            }
            handlers.shutdown();
            if (!handlers.awaitTermination(drain.toMillis(), TimeUnit.MILLISECONDS)) {
                interrupting = true;
                handlers.shutdownNow();
                if (!handlers.awaitTermination(Math.min(drain.toMillis(), 5_000), TimeUnit.MILLISECONDS)) {
                    log.warn(
                            "{} events still running after close; their leases will expire in {}",
                            inFlight.size(),
                            settings.lease());
                }
            }
        } catch (InterruptedException e) {
            handlers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        log.info("inbox worker {} stopped", owner);
    }

    /** Whether the worker has stopped claiming for good (closing or closed): for tests that race a close. */
    synchronized boolean stoppedClaiming() {
        return closed && !poller.isAlive();
    }

    private void pollLoop() {
        while (running) {
            boolean mayHaveMore = false;
            try {
                renewLeasesIfDue();
                int free = settings.concurrency() - inFlight.size();
                if (free > 0) {
                    List<StoredEvent> claimed = inbox.claim(owner, clock.instant(), settings.lease(), free);
                    for (StoredEvent event : claimed) {
                        inFlight.put(event.id(), event);
                        handlers.execute(() -> process(event));
                    }
                    mayHaveMore = claimed.size() == free;
                }
                mayHaveMore |= pruneIfDue();
                if (storeDown) {
                    storeDown = false;
                    log.info("store reachable again; the inbox worker resumes");
                }
            } catch (StoreUnavailableException e) {
                if (!storeDown) {
                    storeDown = true;
                    log.error(
                            "inbox worker cannot reach the store, retrying every {}: {}",
                            settings.pollInterval(),
                            e.getMessage());
                }
            } catch (RuntimeException e) {
                log.error("inbox worker poll failed", e);
            }
            if (!mayHaveMore) {
                awaitWake();
            }
        }
    }

    /**
     * One small batch of done events past their retention, every {@link WorkerSettings#PRUNE_EVERY}; while batches come
     * back full, the next one follows at the next turn of the loop, between claims. True when more may be left.
     */
    private boolean pruneIfDue() {
        Instant now = clock.instant();
        if (now.isBefore(nextPrune)) {
            return false;
        }
        int deleted = inbox.pruneDone(now.minus(settings.retention()), WorkerSettings.PRUNE_BATCH);
        pruned.increment(deleted);
        boolean more = deleted == WorkerSettings.PRUNE_BATCH;
        nextPrune = more ? now : now.plus(WorkerSettings.PRUNE_EVERY);
        if (deleted > 0 && !more) {
            log.debug("pruned done events older than {}", settings.retention());
        }
        return more;
    }

    private void renewLeasesIfDue() {
        Instant now = clock.instant();
        if (now.isBefore(nextRenewal) || inFlight.isEmpty()) {
            return;
        }
        // a third of the lease: two renewals may fail (a store blip) before another worker could take over
        nextRenewal = now.plus(settings.lease().dividedBy(3));
        inbox.renewLeases(owner, List.copyOf(inFlight.keySet()), now.plus(settings.lease()));
    }

    private void process(StoredEvent event) {
        long start = System.nanoTime();
        String result = "failed";
        // every line logged while this event is handled starts with its issue (the ordering key: the issue's key)
        MDC.put(ISSUE_MDC_KEY, event.orderingKey());
        try {
            handler.handle(event);
            result = "succeeded";
            record(completeWhenTheStoreAnswers(event), done, event);
            Timer.builder("prodsupport.inbox.latency")
                    .description("From receipt to done")
                    .register(registry)
                    .record(Duration.between(event.receivedAt(), clock.instant()));
        } catch (StoreUnavailableException e) {
            log.warn(
                    "event {} handled but the store is down; it will run again after its lease: {}",
                    event.deliveryId(),
                    e.getMessage());
        } catch (Throwable t) {
            if (t instanceof VirtualMachineError && !(t instanceof StackOverflowError)) {
                throw (VirtualMachineError) t;
            }
            failed(event, t);
        } finally {
            Timer.builder("prodsupport.inbox.processing")
                    .description("Time the handler took per attempt")
                    .tag("result", result)
                    .register(registry)
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            inFlight.remove(event.id());
            MDC.remove(ISSUE_MDC_KEY);
            wakePoller();
        }
    }

    /**
     * Records the handled event as done. While the store cannot take it (a full disk, a database restarting), the
     * claim stays in flight, so the poller keeps its lease alive once the store answers, and the completion is tried
     * again every poll interval: the event is then not handled a second time after its lease ran out. Gives up only
     * when the worker closes (the lease then hands it to the next worker).
     */
    private boolean completeWhenTheStoreAnswers(StoredEvent event) {
        boolean warned = false;
        while (true) {
            try {
                boolean held = inbox.complete(event, owner, clock.instant());
                if (warned) {
                    log.info("event {}: the store took its result after all", event.deliveryId());
                }
                return held;
            } catch (StoreUnavailableException e) {
                if (!running) {
                    throw e;
                }
                if (!warned) {
                    warned = true;
                    log.warn(
                            "event {} handled but the store cannot record it; trying again every {}: {}",
                            event.deliveryId(),
                            settings.pollInterval(),
                            e.getMessage());
                }
                try {
                    Thread.sleep(Math.max(1, settings.pollInterval().toMillis()));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private void failed(StoredEvent event, Throwable t) {
        String error = oneLine(t);
        Instant now = clock.instant();
        try {
            if (interrupting) {
                record(inbox.release(event, owner, now), released, event);
            } else if (event.attempt() >= settings.maxAttempts()) {
                if (record(inbox.deadLetter(event, owner, now, error), deadLettered, event)) {
                    log.error(
                            "event {} ({} on {}) failed {} times and is now a dead letter",
                            event.deliveryId(),
                            event.webhookEvent(),
                            event.orderingKey(),
                            event.attempt(),
                            t);
                }
            } else {
                Duration wait = backoff.after(event.attempt());
                if (record(inbox.retryLater(event, owner, now.plus(wait), error), retried, event)) {
                    log.warn(
                            "event {} ({} on {}) attempt {} of {} failed, retrying in {}: {}",
                            event.deliveryId(),
                            event.webhookEvent(),
                            event.orderingKey(),
                            event.attempt(),
                            settings.maxAttempts(),
                            wait,
                            error);
                }
            }
        } catch (StoreUnavailableException e) {
            log.warn(
                    "event {} failed and the store is down; it will run again after its lease: {}",
                    event.deliveryId(),
                    e.getMessage());
        }
    }

    private boolean record(boolean held, Counter outcome, StoredEvent event) {
        if (held) {
            outcome.increment();
        } else {
            lostClaims.increment();
            log.warn(
                    "event {}: claim lost (lease expired and another worker took it); its result was discarded",
                    event.deliveryId());
        }
        return held;
    }

    private static String oneLine(Throwable t) {
        String text =
                t.getMessage() == null ? t.getClass().getName() : t.getClass().getName() + ": " + t.getMessage();
        return text.replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }

    private void awaitWake() {
        synchronized (wake) {
            if (!wakeRequested && running) {
                try {
                    wake.wait(Math.max(1, settings.pollInterval().toMillis()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
            wakeRequested = false;
        }
    }

    /** A new event is in the store: claim now rather than at the next poll. */
    public void nudge() {
        wakePoller();
    }

    private void wakePoller() {
        synchronized (wake) {
            wakeRequested = true;
            wake.notifyAll();
        }
    }

    private Counter outcome(String outcome) {
        return Counter.builder("prodsupport.inbox.processed")
                .tag("outcome", outcome)
                .description("Attempts finished, by what became of the event")
                .register(registry);
    }

    private static double depthOrNaN(Inbox inbox) {
        try {
            return inbox.depth();
        } catch (StoreUnavailableException e) {
            return Double.NaN;
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
