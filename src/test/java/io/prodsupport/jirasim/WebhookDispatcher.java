package io.prodsupport.jirasim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Delivers webhooks on one thread, as Jira's queue does per site: attempts wait in a delay queue ordered by
 * due time, then sequence, so delays, back-offs and shuffled batches all fall out of one mechanism.
 */
final class WebhookDispatcher {
    /** One event for one target; {@code retryNumbers} hands out X-Atlassian-Webhook-Retry values 1, 2, ... */
    record Job(
            Webhooks.Registration target,
            String event,
            String issueKey,
            String identifier,
            byte[] body,
            AtomicInteger retryNumbers) {}

    /** {@code failures}: how many failed attempts preceded this one (bounds Cloud's retries). */
    private record Attempt(long dueNanos, long seq, Job job, int retry, int failures, boolean releaseMarker)
            implements Delayed {
        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed o) {
            Attempt a = (Attempt) o;
            int c = Long.compare(dueNanos, a.dueNanos);
            return c != 0 ? c : Long.compare(seq, a.seq);
        }
    }

    private static final MediaType JSON = MediaType.get("application/json");
    final List<WebhookDelivery> deliveries = new CopyOnWriteArrayList<>();
    volatile int duplicates;
    volatile Duration delay = Duration.ZERO;
    volatile Duration reorderWindow = Duration.ofMillis(200);
    volatile int maxRetries = 3;
    volatile Duration backoff = Duration.ofMillis(100);
    private final boolean retriesFailures;
    private final DelayQueue<Attempt> queue = new DelayQueue<>();
    private final AtomicLong seq = new AtomicLong();
    private final Random random = new Random(7);
    private final Object lock = new Object();
    private final List<Attempt> held = new ArrayList<>();
    private boolean reorder;
    private int pending;
    private volatile OkHttpClient http = client(Duration.ofSeconds(5));
    private final Thread thread;

    WebhookDispatcher(boolean retriesFailures) {
        this.retriesFailures = retriesFailures;
        this.thread = new Thread(this::run, "jirasim-webhooks");
        thread.setDaemon(true);
        thread.start();
    }

    private static OkHttpClient client(Duration timeout) {
        return new OkHttpClient.Builder()
                .callTimeout(timeout)
                .retryOnConnectionFailure(false)
                .build();
    }

    void timeout(Duration timeout) {
        http = client(timeout);
    }

    void submit(Job job) {
        synchronized (lock) {
            pending++;
            Attempt first = attempt(job, 0, 0, delay);
            if (reorder) {
                if (held.isEmpty()) {
                    pending++;
                    queue.add(new Attempt(
                            System.nanoTime() + reorderWindow.toNanos(), seq.getAndIncrement(), null, 0, 0, true));
                }
                held.add(first);
            } else {
                queue.add(first);
            }
        }
    }

    void reorder(boolean on) {
        synchronized (lock) {
            reorder = on;
            if (!on) {
                releaseHeld();
            }
        }
    }

    private Attempt attempt(Job job, int retry, int failures, Duration after) {
        return new Attempt(System.nanoTime() + after.toNanos(), seq.getAndIncrement(), job, retry, failures, false);
    }

    /** Shuffles the held batch; a shuffle that happens to keep the order is rotated so the batch really moves. */
    private void releaseHeld() {
        if (held.isEmpty()) {
            return;
        }
        List<Attempt> batch = new ArrayList<>(held);
        held.clear();
        Collections.shuffle(batch, random);
        if (batch.size() > 1 && batch.equals(sortedBySeq(batch))) {
            Collections.rotate(batch, 1);
        }
        for (Attempt a : batch) {
            queue.add(attempt(a.job(), 0, 0, Duration.ZERO));
        }
    }

    private static List<Attempt> sortedBySeq(List<Attempt> batch) {
        List<Attempt> sorted = new ArrayList<>(batch);
        sorted.sort((a, b) -> Long.compare(a.seq(), b.seq()));
        return sorted;
    }

    private void run() {
        while (!Thread.currentThread().isInterrupted()) {
            Attempt a;
            try {
                a = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                if (a.releaseMarker()) {
                    synchronized (lock) {
                        releaseHeld();
                    }
                } else {
                    deliver(a);
                }
            } finally {
                synchronized (lock) {
                    pending--;
                    lock.notifyAll();
                }
            }
        }
    }

    private void deliver(Attempt a) {
        Job job = a.job();
        Request.Builder request = new Request.Builder()
                .url(job.target().url())
                .post(RequestBody.create(job.body(), JSON))
                .header("User-Agent", "Atlassian Webhook HTTP Client")
                .header("X-Atlassian-Webhook-Identifier", job.identifier());
        if (a.retry() > 0) {
            request.header("X-Atlassian-Webhook-Retry", String.valueOf(a.retry()));
        }
        if (job.target().secret() != null) {
            request.header("X-Hub-Signature", WebhookSignature.sign(job.target().secret(), job.body()));
        }
        int status;
        try (Response response = http.newCall(request.build()).execute()) {
            status = response.code();
        } catch (IOException e) {
            status = -1;
        }
        deliveries.add(new WebhookDelivery(
                job.target().url(),
                job.event(),
                job.issueKey(),
                job.identifier(),
                a.retry(),
                status,
                new String(job.body(), StandardCharsets.UTF_8)));
        synchronized (lock) {
            if (a.retry() == 0) {
                for (int i = 1; i <= duplicates; i++) {
                    pending++;
                    queue.add(attempt(job, job.retryNumbers().incrementAndGet(), Integer.MAX_VALUE, Duration.ZERO));
                }
            }
            // Duplicates (failures = MAX_VALUE) are never retried themselves: Jira duplicates by redelivering.
            if (retriesFailures && isRetryable(status) && a.failures() < maxRetries) {
                pending++;
                queue.add(attempt(
                        job,
                        job.retryNumbers().incrementAndGet(),
                        a.failures() + 1,
                        backoff.multipliedBy(1L << a.failures())));
            }
        }
    }

    /** Cloud retries these (Atlassian's webhook docs): timeouts, 408, 409, 425, 429 and every 5xx. */
    static boolean isRetryable(int status) {
        return status == -1 || status == 408 || status == 409 || status == 425 || status == 429 || status >= 500;
    }

    boolean awaitIdle(Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        synchronized (lock) {
            while (pending > 0 || !held.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    void close() {
        thread.interrupt();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
