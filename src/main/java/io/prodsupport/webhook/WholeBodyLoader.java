package io.prodsupport.webhook;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.EagerContentHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Reads a request body without holding a thread (Jetty calls back as bytes arrive) and hands the request on only
 * once the body is complete. Unlike Jetty's own {@code RetainedContentLoader}, which hands on a partial body after a
 * buffer's worth, it settles every request one way: complete → the next handler; a read failure (the
 * {@code MinimumDataRateHandler} in front failing a slow body, or the connection dropping) or no complete body by the
 * deadline → 408; more than the limit → 413. The deadline runs from the moment loading starts, so a body that drips
 * just fast enough for the rate check is still cut off.
 */
final class WholeBodyLoader extends EagerContentHandler.ContentLoader implements Runnable {

    static final class Factory implements EagerContentHandler.ContentLoaderFactory {
        private final Duration deadline;
        private final int maxBytes;
        private final Consumer<String> refused;

        /** @param refused told the reason ({@code too_slow}, {@code too_large}) of each body refused */
        Factory(Duration deadline, int maxBytes, Consumer<String> refused) {
            this.deadline = deadline;
            this.maxBytes = maxBytes;
            this.refused = refused;
        }

        @Override
        public String getApplicableMimeType() {
            return null; // every content type: the intake itself says 415 to what is not JSON, once the body is in
        }

        @Override
        public EagerContentHandler.ContentLoader newContentLoader(
                String contentType,
                String mimeType,
                Handler handler,
                Request request,
                Response response,
                Callback callback) {
            if (request.getLength() > maxBytes) {
                return null; // declared too big: the intake refuses it from the header, without reading a byte
            }
            return new WholeBodyLoader(handler, request, response, callback, deadline, maxBytes, refused);
        }
    }

    private final Duration deadline;
    private final int maxBytes;
    private final Consumer<String> refused;
    /** Touched only by the reading side ({@link #load} and then the demand callbacks, never at once). */
    private final Deque<Content.Chunk> chunks = new ArrayDeque<>();

    private long size;
    /** Set once, by whichever comes first: the complete body, a refusal, or the deadline. */
    private final AtomicBoolean settled = new AtomicBoolean();

    private volatile Scheduler.Task deadlineTask;

    private WholeBodyLoader(
            Handler handler,
            Request request,
            Response response,
            Callback callback,
            Duration deadline,
            int maxBytes,
            Consumer<String> refused) {
        super(handler, request, response, callback);
        this.deadline = deadline;
        this.maxBytes = maxBytes;
        this.refused = refused;
    }

    @Override
    protected void load() {
        deadlineTask = getRequest()
                .getComponents()
                .getScheduler()
                .schedule(this::expire, deadline.toMillis(), TimeUnit.MILLISECONDS);
        read();
    }

    /** The demand callback: more bytes (or a failure) arrived. A plain Runnable, so Jetty runs it on a pool thread. */
    @Override
    public void run() {
        read();
    }

    private void read() {
        while (true) {
            if (settled.get()) {
                releaseAll();
                return;
            }
            Content.Chunk chunk = getRequest().read();
            if (chunk == null) {
                getRequest().demand(this);
                return;
            }
            if (Content.Chunk.isFailure(chunk)) {
                chunk.release();
                refuse(HttpStatus.REQUEST_TIMEOUT_408, "body arrived too slowly");
                return;
            }
            chunks.add(chunk);
            size += chunk.remaining();
            if (size > maxBytes) {
                refuse(HttpStatus.PAYLOAD_TOO_LARGE_413, "body is over the limit of " + maxBytes + " bytes");
                return;
            }
            if (chunk.isLast()) {
                if (settle()) {
                    Replay replay = new Replay(getRequest(), getCallback(), chunks);
                    handle(replay, getResponse(), replay);
                } else {
                    releaseAll();
                }
                return;
            }
        }
    }

    private void expire() {
        refuse(HttpStatus.REQUEST_TIMEOUT_408, "body not complete within " + deadline.toMillis() + " ms");
    }

    private void refuse(int status, String reason) {
        if (!settle()) {
            return;
        }
        refused.accept(status == HttpStatus.PAYLOAD_TOO_LARGE_413 ? "too_large" : "too_slow");
        // one line, like the intake's answers; the body is not read to its end, so the connection goes after it
        Response response = getResponse();
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain;charset=utf-8");
        response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        Content.Sink.write(response, true, reason, getCallback());
    }

    private boolean settle() {
        if (!settled.compareAndSet(false, true)) {
            return false;
        }
        Scheduler.Task task = deadlineTask;
        if (task != null) {
            task.cancel();
        }
        return true;
    }

    private void releaseAll() {
        chunks.forEach(Content.Chunk::release);
        chunks.clear();
    }

    /** The request as the next handler sees it: the body read from the chunks already loaded. */
    private static final class Replay extends Request.Wrapper implements Callback {
        private final Deque<Content.Chunk> chunks;
        private final Callback callback;

        Replay(Request wrapped, Callback callback, Deque<Content.Chunk> chunks) {
            super(wrapped);
            this.callback = callback;
            this.chunks = new ArrayDeque<>(chunks);
            chunks.clear();
        }

        @Override
        public Content.Chunk read() {
            Content.Chunk next = chunks.pollFirst();
            return next != null ? next : super.read();
        }

        @Override
        public InvocationType getInvocationType() {
            return callback.getInvocationType();
        }

        @Override
        public void succeeded() {
            chunks.forEach(Content.Chunk::release);
            callback.succeeded();
        }

        @Override
        public void failed(Throwable failure) {
            chunks.forEach(Content.Chunk::release);
            callback.failed(failure);
        }
    }
}
