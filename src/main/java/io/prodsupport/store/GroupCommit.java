package io.prodsupport.store;

import io.prodsupport.inbox.Accepted;
import io.prodsupport.inbox.InboundEvent;
import io.prodsupport.inbox.StoreUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Group commit for SQLite's single writer: deliveries that arrive while a commit is under way wait for the next one,
 * which stores them all in one transaction and one fsync ({@code synchronous=FULL} stays). Each caller is answered
 * only after the commit that holds its row, and a failed commit fails every delivery in it (the intake answers 503 and
 * Jira retries each). Under one sender this is one delivery per commit, as before; under a burst the fsync, which
 * is most of a commit's cost, is shared.
 */
final class GroupCommit implements AutoCloseable {

    static final String INSERT =
            "INSERT INTO inbox_event (delivery_id, ordering_key, webhook_event, body, body_encoding,"
                    + " received_at, state, attempt, available_at) VALUES (?, ?, ?, ?, ?, ?, 'PENDING', 0, ?)"
                    + " ON CONFLICT (delivery_id) DO NOTHING";

    /** Enough for a burst of Jira's bulk edits; more than this waiting means the disk is not keeping up. */
    private static final int QUEUE_CAPACITY = 4_096;
    /** Caps one transaction, so its rows' bytes stay bounded (deliveries are at most 1 MiB). */
    private static final int MAX_BATCH = 256;

    private static final long MAX_BATCH_BYTES = 16L << 20;

    /** How bodies are stored from now on. */
    static final BodyCodec CODEC = BodyCodec.LZ4;

    private final Transactions tx;
    private final Duration answerWithin;
    private final BlockingQueue<Waiting> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final Thread writer;
    /** Completes the answers of a commit, so the writer can start the next one at once. */
    private final ExecutorService answers = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "inbox-group-commit-answers");
        t.setDaemon(true);
        return t;
    });

    private volatile boolean closed;
    private final LongAdder commits = new LongAdder();
    private final LongAdder committed = new LongAdder();
    private final LongAdder commitNanos = new LongAdder();
    private final LongAdder insertNanos = new LongAdder();
    private final AtomicLong longestCommitNanos = new AtomicLong();

    private record Waiting(InboundEvent event, byte[] stored, CompletableFuture<Accepted> answer) {}

    /** @param answerWithin how long a caller waits for its commit before it is told the store is unavailable */
    GroupCommit(Transactions tx, Duration answerWithin) {
        this.tx = tx;
        this.answerWithin = answerWithin;
        this.writer = new Thread(this::writeLoop, "inbox-group-commit");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /** Stores the event in the next commit and returns once that commit is done. */
    Accepted accept(InboundEvent event) {
        try {
            return submit(event).join();
        } catch (java.util.concurrent.CompletionException e) {
            throw (StoreUnavailableException) e.getCause();
        }
    }

    /**
     * Queues the event for the next commit. The future completes once that commit is done (on a thread of the group
     * commit's own, never the caller's), or fails with a {@link StoreUnavailableException} when the commit failed, the
     * queue is full or no commit came within {@code answerWithin}. Nothing waits on a thread meanwhile: the HTTP
     * intake answers from the future, so every delivery in flight can join the next commit.
     */
    CompletableFuture<Accepted> submit(InboundEvent event) {
        if (closed) {
            return CompletableFuture.failedFuture(
                    new StoreUnavailableException("store cannot accept: it is closed", null));
        }
        // compressed here, on the caller's thread: many callers compress in parallel, the one writer only writes
        Waiting waiting = new Waiting(event, CODEC.encode(event.body()), new CompletableFuture<>());
        if (!queue.offer(waiting)) {
            return CompletableFuture.failedFuture(new StoreUnavailableException(
                    "store cannot accept: " + QUEUE_CAPACITY + " deliveries already wait for a commit", null));
        }
        return waiting.answer()
                .orTimeout(answerWithin.toMillis(), TimeUnit.MILLISECONDS)
                .handle((accepted, failure) -> {
                    if (failure == null) {
                        return accepted;
                    }
                    Throwable cause =
                            failure instanceof java.util.concurrent.CompletionException ? failure.getCause() : failure;
                    if (cause instanceof StoreUnavailableException unavailable) {
                        throw new StoreUnavailableException(unavailable.getMessage(), unavailable);
                    }
                    if (cause instanceof TimeoutException) {
                        // it may still be committed later: Jira's retry then finds it stored and is answered
                        // "duplicate"
                        throw new StoreUnavailableException(
                                "store cannot accept: no commit within " + answerWithin, cause);
                    }
                    throw new StoreUnavailableException("store cannot accept: " + cause, cause);
                });
    }

    /** What the group commit has done since it started, for the intake benchmark. */
    Stores.CommitCounts counts() {
        return new Stores.CommitCounts(
                commits.sum(), committed.sum(), commitNanos.sum(), insertNanos.sum(), longestCommitNanos.get());
    }

    private void writeLoop() {
        List<Waiting> batch = new ArrayList<>();
        while (!closed || !queue.isEmpty()) {
            try {
                Waiting first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                long bytes = first.stored().length;
                for (Waiting next;
                        batch.size() < MAX_BATCH && bytes < MAX_BATCH_BYTES && (next = queue.poll()) != null; ) {
                    batch.add(next);
                    bytes += next.stored().length;
                }
                commit(batch);
            } catch (InterruptedException e) {
                break;
            } catch (RuntimeException | Error e) {
                List<Waiting> failed = List.copyOf(batch);
                answers.execute(() -> failed.forEach(w -> w.answer().completeExceptionally(e)));
            } finally {
                batch.clear();
            }
        }
        StoreUnavailableException gone = new StoreUnavailableException("store cannot accept: it is closed", null);
        for (Waiting w; (w = queue.poll()) != null; ) {
            w.answer().completeExceptionally(gone);
        }
        answers.shutdown();
    }

    private void commit(List<Waiting> batch) {
        long start = System.nanoTime();
        List<Waiting> answered = List.copyOf(batch);
        List<Accepted> results;
        try {
            results = tx.run("accept", c -> insertAll(c, answered));
        } catch (StoreUnavailableException e) {
            answers.execute(() -> answered.forEach(w -> w.answer().completeExceptionally(e)));
            return;
        }
        long took = System.nanoTime() - start;
        commits.increment();
        committed.add(answered.size());
        commitNanos.add(took);
        longestCommitNanos.accumulateAndGet(took, Math::max);
        // the answers (HTTP responses written by the futures' callbacks) go out on another thread, while this one
        // already gathers and syncs the next batch
        answers.execute(() -> {
            for (int i = 0; i < answered.size(); i++) {
                answered.get(i).answer().complete(results.get(i));
            }
        });
    }

    private List<Accepted> insertAll(Connection c, List<Waiting> batch) throws SQLException {
        long start = System.nanoTime();
        List<Accepted> results = new ArrayList<>(batch.size());
        try (PreparedStatement p = c.prepareStatement(INSERT)) {
            for (Waiting w : batch) {
                bind(p, w.event(), w.stored());
                // a second delivery of one id within the same batch is a duplicate like any other
                results.add(p.executeUpdate() == 1 ? Accepted.NEW : Accepted.DUPLICATE);
            }
        }
        insertNanos.add(System.nanoTime() - start);
        return results;
    }

    /** @param stored the body as {@link #CODEC} encoded it */
    static void bind(PreparedStatement p, InboundEvent event, byte[] stored) throws SQLException {
        p.setString(1, event.deliveryId());
        p.setString(2, event.orderingKey());
        p.setString(3, event.webhookEvent());
        p.setBytes(4, stored);
        p.setString(5, CODEC.column);
        p.setLong(6, event.receivedAt().toEpochMilli());
        p.setLong(7, event.receivedAt().toEpochMilli());
    }

    /** Commits what is already waiting, then stops; later callers are told the store is unavailable. */
    @Override
    public void close() {
        closed = true;
        try {
            writer.join(answerWithin.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
