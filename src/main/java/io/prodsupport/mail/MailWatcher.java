package io.prodsupport.mail;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.MessagingException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps reading the mailbox on a thread of its own: poll, then wait for new mail with IMAP IDLE (renewed every
 * {@code idleRenewal}, so a connection a firewall dropped is noticed) or, where the server offers no IDLE, sleep
 * {@code pollInterval}; poll again. A lost connection is re-established with a growing pause. Several instances may
 * watch the same mailbox: the ledger decides which takes each message.
 */
public final class MailWatcher implements AutoCloseable {

    /** Renewing IDLE this often also polls once a minute, so a notification the server never sent costs a minute. */
    public static final Duration IDLE_RENEWAL = Duration.ofMinutes(1);
    /** Without IDLE, how often the mailbox is polled. */
    public static final Duration POLL_INTERVAL = Duration.ofSeconds(30);

    private static final Duration MAX_PAUSE = Duration.ofMinutes(5);
    private static final Logger log = LoggerFactory.getLogger(MailWatcher.class);

    private final Mailbox mailbox;
    private final MailIntake intake;
    private final Duration idleRenewal;
    private final Duration pollInterval;
    private final Counter failedPolls;
    private final Object sleep = new Object();
    private volatile boolean stopping;
    private Thread thread;

    public MailWatcher(
            Mailbox mailbox, MailIntake intake, Duration idleRenewal, Duration pollInterval, MeterRegistry registry) {
        this.mailbox = mailbox;
        this.intake = intake;
        this.idleRenewal = idleRenewal;
        this.pollInterval = pollInterval;
        this.failedPolls = Counter.builder("prodsupport.mail.polls.failed")
                .description("Polls of the mailbox that could not sign in or lost the connection")
                .register(registry);
    }

    public synchronized void start() {
        if (thread == null) {
            thread = new Thread(this::run, "mail-watcher");
            thread.setDaemon(true);
            thread.start();
        }
    }

    /**
     * Signs in if needed and handles what is waiting in the mailbox now; for a command or a demo that wants one poll
     * without the thread (a running IDLE is ended first, so it does not wait for it).
     *
     * @throws MailboxException when the mailbox cannot be reached or the connection is lost
     */
    public MailIntake.PollResult pollOnce() {
        mailbox.wakeUp();
        try {
            return poll();
        } catch (MessagingException e) {
            synchronized (mailbox) {
                mailbox.disconnect();
            }
            throw new MailboxException(
                    "cannot read e-mail from " + mailbox.settings().describe() + ": " + MailboxProbe.describe(e), e);
        }
    }

    private MailIntake.PollResult poll() throws MessagingException {
        synchronized (mailbox) {
            mailbox.connect();
            return intake.poll(mailbox);
        }
    }

    private void run() {
        int failures = 0;
        log.info("reading e-mail from {}", mailbox.settings().describe());
        while (!stopping) {
            try {
                MailIntake.PollResult result = poll();
                failures = 0;
                if (result.finishedAny() || stopping) {
                    continue; // more may have come while these were handled
                }
                boolean idled;
                synchronized (mailbox) {
                    idled = mailbox.idle(idleRenewal);
                }
                if (!idled) {
                    pause(pollInterval);
                }
            } catch (MessagingException | RuntimeException e) {
                if (stopping) {
                    break;
                }
                failedPolls.increment();
                synchronized (mailbox) {
                    mailbox.disconnect();
                }
                Duration pause = backoff(++failures);
                log.warn(
                        "cannot read e-mail from {} ({}); trying again in {} s",
                        mailbox.settings().describe(),
                        MailboxProbe.describe(e),
                        pause.toSeconds());
                pause(pause);
            }
        }
    }

    /** 2 s, 4 s, 8 s … up to five minutes. */
    static Duration backoff(int failures) {
        Duration pause = Duration.ofSeconds(1L << Math.min(failures, 8));
        return pause.compareTo(MAX_PAUSE) < 0 ? pause : MAX_PAUSE;
    }

    private void pause(Duration duration) {
        synchronized (sleep) {
            if (stopping) {
                return;
            }
            try {
                sleep.wait(Math.max(1, duration.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopping = true;
            }
        }
    }

    /** Stops the thread (ending its IDLE or pause at once) and logs out. */
    @Override
    public void close() {
        stopping = true;
        synchronized (sleep) {
            sleep.notifyAll();
        }
        Thread t;
        synchronized (this) {
            t = thread;
        }
        try {
            // an IDLE the thread enters just after a wake-up would wait its full renewal: wake it until it is gone
            for (int i = 0; t != null && t.isAlive() && i < 100; i++) {
                mailbox.wakeUp();
                t.join(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        mailbox.close(); // also ends a read the thread is stuck in, if it is still alive
    }
}
