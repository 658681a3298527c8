package io.prodsupport.app;

import io.prodsupport.explain.ActivityLog;
import io.prodsupport.inbox.Inbox;
import io.prodsupport.inbox.InboxWorker;
import io.prodsupport.incident.FollowUpLedger;
import io.prodsupport.incident.Handovers;
import io.prodsupport.incident.Reminders;
import io.prodsupport.mail.MailLedger;
import io.prodsupport.mail.MailWatcher;
import io.prodsupport.notify.OutboxStore;
import io.prodsupport.notify.OutboxWorker;
import io.prodsupport.sweep.Sweep;
import io.prodsupport.webhook.ServiceHttpServer;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running instance of {@code prodsupport serve}: the HTTP intake, the sweep, the mailbox watcher (when {@code mail}
 * is configured), the worker and the stores and the HTTP client they share. Closes in the order that loses nothing:
 * stop taking deliveries and mail, let in-flight events finish, then close the store and release the HTTP client's
 * connections and threads.
 */
public final class ProdsupportService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProdsupportService.class);

    private final ServiceHttpServer server;
    private final InboxWorker worker;
    private final Optional<Sweep> sweep;
    private final Optional<MailWatcher> mail;
    private final Inbox inbox;
    private final FollowUpLedger ledger;
    private final Optional<MailLedger> mailLedger;
    private final OkHttpClient http;
    private final ActivityLog activity;
    private Optional<OutboxWorker> messages = Optional.empty();
    private Optional<OutboxStore> outbox = Optional.empty();
    private Optional<Reminders> reminders = Optional.empty();
    private Duration checkEvery = Duration.ofMinutes(1);
    private final ScheduledExecutorService pruner = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "activity-pruner");
        t.setDaemon(true);
        return t;
    });

    ProdsupportService(
            ServiceHttpServer server,
            InboxWorker worker,
            Optional<Sweep> sweep,
            Optional<MailWatcher> mail,
            Inbox inbox,
            FollowUpLedger ledger,
            Optional<MailLedger> mailLedger,
            ActivityLog activity,
            OkHttpClient http) {
        this.activity = activity;
        this.server = server;
        this.worker = worker;
        this.sweep = sweep;
        this.mail = mail;
        this.inbox = inbox;
        this.ledger = ledger;
        this.mailLedger = mailLedger;
        this.http = http;
    }

    /**
     * The outbox and the worker that delivers it: started and closed with the service. Delivered messages are pruned
     * daily once older than {@code keepDelivered} (the store's deduplication window: a redelivered event within it
     * still finds its message and queues none).
     */
    ProdsupportService delivering(OutboxWorker messages, OutboxStore outbox, Duration keepDelivered) {
        this.messages = Optional.of(messages);
        this.outbox = Optional.of(outbox);
        this.keepDelivered = keepDelivered;
        return this;
    }

    private Duration keepDelivered = Duration.ofDays(7);

    /**
     * The reminders, looked for every {@code checkEvery} on the pruner's thread; of several instances on one store,
     * one looks each time ({@code turns}).
     */
    ProdsupportService reminding(Optional<Reminders> reminders, Duration checkEvery, TimerTurns turns) {
        this.reminders = reminders;
        this.checkEvery = checkEvery;
        this.turns = turns;
        return this;
    }

    private TimerTurns turns;
    private Optional<Handovers> handovers = Optional.empty();

    /** The hand-over messages, looked for on the reminders' timer ({@code notify.checkEvery}). */
    ProdsupportService handingOver(Handovers handovers) {
        this.handovers = Optional.of(handovers);
        return this;
    }

    private void lookOnTimer() {
        remind();
        handOver();
    }

    /** Several instances on one store: one of them looks each time; the outbox dedupes what slips through. */
    void handOver() {
        handovers.ifPresent(h -> {
            try {
                // the outbox dedupes a hand-over by its id: a look that runs long needs no stop-by here
                turns.run("handovers", checkEvery, stopBy -> h.check())
                        .ifPresent(did -> did.forEach(line -> log.info("{}", line)));
            } catch (RuntimeException e) {
                log.warn("could not look for an on-call hand-over (tried again in {}): {}", checkEvery, e.getMessage());
            }
        });
    }

    private void remind() {
        reminders.ifPresent(r -> {
            try {
                turns.run("reminders", checkEvery, r::check)
                        .ifPresent(did -> did.forEach(line -> log.info("{}", line)));
            } catch (RuntimeException e) {
                // Jira or the store is down: the next look tries again; nothing was half done that a retry repeats
                log.warn(
                        "could not look for stale incidents and forgotten prevention (tried again in {}): {}",
                        checkEvery,
                        e.getMessage());
            }
        });
    }

    public ProdsupportService start() {
        messages.ifPresent(OutboxWorker::start);
        worker.start();
        server.start();
        sweep.ifPresent(Sweep::start);
        mail.ifPresent(MailWatcher::start);
        pruner.scheduleWithFixedDelay(this::pruneActivity, 1, 24 * 60, TimeUnit.MINUTES);
        if (reminders.isPresent() || handovers.isPresent()) {
            pruner.scheduleWithFixedDelay(
                    this::lookOnTimer, checkEvery.toMillis(), checkEvery.toMillis(), TimeUnit.MILLISECONDS);
        }
        return this;
    }

    private void pruneActivity() {
        try {
            int pruned = activity.prune(Instant.now().minus(ActivityLog.RETENTION));
            if (pruned > 0) {
                log.info("pruned {} activity record(s) older than {} days", pruned, ActivityLog.RETENTION.toDays());
            }
        } catch (RuntimeException e) {
            log.warn("could not prune old activity records (tried again tomorrow): {}", e.getMessage());
        }
        outbox.ifPresent(o -> {
            try {
                int pruned = o.prune(Instant.now().minus(keepDelivered));
                if (pruned > 0) {
                    log.info("pruned {} delivered message(s) older than {}", pruned, keepDelivered);
                }
            } catch (RuntimeException e) {
                log.warn("could not prune delivered messages (tried again tomorrow): {}", e.getMessage());
            }
        });
    }

    public int port() {
        return server.port();
    }

    /** The sweep, when {@code sweep.enabled}: for tests that run it at a time of their choosing. */
    Optional<Sweep> sweep() {
        return sweep;
    }

    public Inbox inbox() {
        return inbox;
    }

    /** When the sweep's last finished run started; empty before its first run ends, or when it is switched off. */
    public Optional<Instant> lastSweep() {
        return sweep.flatMap(Sweep::lastRun);
    }

    /**
     * Runs the sweep once now, beside its timer (operators and fault trials: "after one sweep"); returns how many
     * changed incidents it queued. Throws when the sweep is switched off.
     */
    public int sweepNow() {
        return sweep.orElseThrow(() -> new IllegalStateException("sweep.enabled is false"))
                .runOnce();
    }

    @Override
    public void close() {
        try (inbox;
                ledger;
                activity) {
            pruner.shutdownNow();
            sweep.ifPresent(Sweep::close);
            mail.ifPresent(MailWatcher::close);
            server.close();
            worker.close();
            // after the inbox worker: what its last events queued is delivered by the next start, not lost
            messages.ifPresent(OutboxWorker::close);
            outbox.ifPresent(OutboxStore::close);
            mailLedger.ifPresent(MailLedger::close);
        } finally {
            // last: until the worker and the sweep stop, they call Jira and the chat channels through it
            Wiring.release(http);
        }
    }
}
