package io.prodsupport.backfill;

import io.prodsupport.jira.Issue;
import io.prodsupport.jira.JiraException;
import java.util.Iterator;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads the backfill's search on a thread of its own, up to {@code capacity} tickets ahead of the workers, so the next
 * page is fetched while the current one is worked on. Read on the feeding thread, each page cost a round trip to Jira
 * and the parsing of a page during which no ticket was handed out and free workers waited: at 1,000 calls a second
 * that was a page every quarter of a second. Memory stays bounded: {@code capacity} tickets and the page being read.
 */
final class SearchAhead implements AutoCloseable {

    /** What the feeder takes next: a ticket, the end of the search, or why the search stopped. */
    record Next(Issue issue, boolean end, String failure, RuntimeException thrown) {

        static final Next END = new Next(null, true, null, null);
    }

    /** Whether the reader may fetch the next page; a page refused for throttling is asked for again. */
    @FunctionalInterface
    interface PageTurner {
        boolean hasNext(Iterator<Issue> issues) throws InterruptedException;
    }

    private final BlockingQueue<Next> queue;
    private final Thread reader;
    private volatile boolean closed;

    SearchAhead(Iterator<Issue> issues, PageTurner pages, int capacity) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.reader = new Thread(() -> read(issues, pages), "backfill-search");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    private void read(Iterator<Issue> issues, PageTurner pages) {
        Next last;
        try {
            while (!closed) {
                if (!pages.hasNext(issues)) {
                    queue.put(Next.END);
                    return;
                }
                queue.put(new Next(issues.next(), false, null, null));
            }
            return;
        } catch (InterruptedException e) {
            return; // closed
        } catch (JiraException e) {
            last = new Next(null, false, e.getMessage(), null);
        } catch (RuntimeException e) {
            last = new Next(null, false, null, e);
        } catch (Error e) {
            // the feeder must not wait for ever on a reader that died
            last = new Next(null, false, null, new IllegalStateException("reading the search failed: " + e, e));
        }
        try {
            if (!closed) {
                queue.put(last);
            }
        } catch (InterruptedException e) {
            // closed meanwhile: nobody waits for it
        }
    }

    /** The next ticket in search order, waiting for the reader when it has none yet. */
    Next take() throws InterruptedException {
        Next next = queue.take();
        if (next.thrown() != null) {
            throw next.thrown();
        }
        return next;
    }

    /** Stops the reader (a page being fetched is abandoned); the search's stream is closed by its owner after this. */
    @Override
    public void close() {
        closed = true;
        reader.interrupt();
        queue.clear();
        try {
            reader.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
