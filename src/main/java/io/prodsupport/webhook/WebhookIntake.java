package io.prodsupport.webhook;

import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.prodsupport.inbox.DeliverySightings;
import io.prodsupport.inbox.Inbox;
import io.prodsupport.inbox.StoreUnavailableException;
import io.prodsupport.webhook.JiraEvent.EventUser;
import io.prodsupport.webhook.Outcome.Reply;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /webhook/jira}: the I/O around {@link DeliveryTriage}. Refuses what is too big or not JSON before
 * reading it, reads at most 1 MiB, answers one line, and counts and logs every delivery once. Bodies and
 * signatures are never logged.
 */
public final class WebhookIntake implements Handler {

    public static final String PATH = "/webhook/jira";
    /** Jira's largest payloads (many custom fields, long descriptions) stay well under this. */
    public static final int MAX_BODY_BYTES = 1 << 20;

    private static final Logger log = LoggerFactory.getLogger(WebhookIntake.class);

    private final Inbox inbox;
    private final DeliveryTriage triage;
    private final MeterRegistry registry;
    private final Counter received;
    private final Counter accepted;
    private final Counter deduplicated;
    private volatile Runnable onAccepted = () -> {};
    private final Clock clock;
    /** 401s since the last authenticated delivery, and when the secret mismatch was last logged. */
    private int refusedInARow;

    private Instant lastMismatchWarning;

    /**
     * @param secrets       every secret currently valid (more than one while rotating)
     * @param allowUnsigned needed, and only consulted, when {@code secrets} is empty
     * @param self          prodsupport's own Jira account (accountId on Cloud, username on Data Center)
     */
    public WebhookIntake(
            Inbox inbox,
            JiraEventParser parser,
            List<String> secrets,
            boolean allowUnsigned,
            Optional<EventUser> self,
            MeterRegistry registry) {
        this(inbox, parser, secrets, allowUnsigned, self, registry, Clock.systemUTC());
    }

    public WebhookIntake(
            Inbox inbox,
            JiraEventParser parser,
            List<String> secrets,
            boolean allowUnsigned,
            Optional<EventUser> self,
            MeterRegistry registry,
            Clock clock) {
        this.inbox = inbox;
        this.clock = clock;
        this.triage = new DeliveryTriage(inbox, parser, secrets, allowUnsigned, self, clock);
        this.registry = registry;
        this.received = Counter.builder("prodsupport.webhook.received")
                .description("Deliveries to POST /webhook/jira, whatever became of them")
                .register(registry);
        this.accepted = Counter.builder("prodsupport.webhook.accepted")
                .description("Deliveries stored for the worker")
                .register(registry);
        this.deduplicated = Counter.builder("prodsupport.webhook.deduplicated")
                .description("Deliveries whose id was already stored (Jira retries, duplicates)")
                .register(registry);
        for (Outcome outcome : Outcome.values()) {
            counter(outcome);
        }
    }

    @Override
    public void handle(Context ctx) {
        received.increment();
        CompletableFuture<Reply> reply;
        try {
            reply = read(ctx);
        } catch (RuntimeException e) {
            reply = CompletableFuture.completedFuture(internalError(e));
        }
        if (reply.isDone()) {
            answer(ctx, reply.handle(WebhookIntake::orInternalError).join());
            return;
        }
        // waiting for the inbox's commit holds no thread: every delivery in flight can join the next commit
        CompletableFuture<Reply> pending = reply;
        ctx.future(() -> pending.handle(WebhookIntake::orInternalError).thenAccept(r -> answer(ctx, r)));
    }

    private static Reply orInternalError(Reply reply, Throwable failure) {
        return failure == null ? reply : internalError(failure);
    }

    private static Reply internalError(Throwable e) {
        String errorId = UUID.randomUUID().toString().substring(0, 8);
        log.error("webhook delivery failed unexpectedly (error id {})", errorId, e);
        return Outcome.INTERNAL_ERROR.because("internal error " + errorId + "; retry later");
    }

    private void answer(Context ctx, Reply reply) {
        counter(reply.outcome()).increment();
        watchForSecretMismatch(reply.outcome());
        if (reply.outcome() == Outcome.ACCEPTED) {
            onAccepted.run();
        }
        logOnce(reply, ctx);
        ctx.status(reply.outcome().status).contentType(ContentType.PLAIN).result(reply.message());
    }

    /**
     * Runs {@code listener} after each newly stored event, so the worker can start on it at once instead of at its
     * next poll.
     */
    public WebhookIntake onAccepted(Runnable listener) {
        this.onAccepted = listener;
        return this;
    }

    /** Authenticated deliveries are recorded in {@code sightings}, so the sweep can tell which changes came without. */
    public WebhookIntake recordSightingsIn(DeliverySightings sightings) {
        triage.recordSightingsIn(sightings);
        return this;
    }

    /**
     * A run of {@value #MISMATCH_RUN} or more 401s with no authenticated delivery between them is a secret that does not
     * match (or a Jira webhook without one), not a stray request: said once a minute at most, while it lasts.
     */
    private synchronized void watchForSecretMismatch(Outcome outcome) {
        if (outcome != Outcome.BAD_SIGNATURE) {
            if (outcome.kind != Outcome.Kind.REJECTED) {
                refusedInARow = 0;
            }
            return;
        }
        refusedInARow++;
        Instant now = clock.instant();
        if (refusedInARow >= MISMATCH_RUN
                && (lastMismatchWarning == null || !now.isBefore(lastMismatchWarning.plus(MISMATCH_LOG_EVERY)))) {
            lastMismatchWarning = now;
            log.warn(
                    "secret mismatch: compare webhook.secrets with the secret of the Jira webhook ({} deliveries in a"
                            + " row refused with 401)",
                    refusedInARow);
        }
    }

    static final int MISMATCH_RUN = 3;
    static final Duration MISMATCH_LOG_EVERY = Duration.ofMinutes(1);

    /** The inbox's depth for {@code /health}; empty when the store cannot answer. */
    public OptionalLong inboxDepth() {
        try {
            return OptionalLong.of(inbox.depth());
        } catch (StoreUnavailableException e) {
            return OptionalLong.empty();
        }
    }

    private CompletableFuture<Reply> read(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > MAX_BODY_BYTES) {
            return CompletableFuture.completedFuture(
                    Outcome.TOO_LARGE.because("body of " + declared + " bytes is over the limit of " + MAX_BODY_BYTES));
        }
        String contentType = ctx.req().getContentType();
        if (!isJson(contentType)) {
            return CompletableFuture.completedFuture(
                    Outcome.UNSUPPORTED_MEDIA_TYPE.because("Content-Type must be application/json"));
        }
        byte[] body;
        try {
            body = readAtMost(ctx.req().getInputStream(), MAX_BODY_BYTES);
        } catch (IOException e) {
            return CompletableFuture.completedFuture(
                    Outcome.MALFORMED.because("body could not be read: the connection failed"));
        }
        if (body == null) {
            return CompletableFuture.completedFuture(
                    Outcome.TOO_LARGE.because("body is over the limit of " + MAX_BODY_BYTES + " bytes"));
        }
        return triage.receive(ctx.header("X-Hub-Signature"), ctx.header("X-Atlassian-Webhook-Identifier"), body);
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String mediaType = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip();
        return mediaType.toLowerCase(Locale.ROOT).equals("application/json");
    }

    /** The whole body, or null as soon as it passes {@code limit}: a chunked body declares no length up front. */
    static byte[] readAtMost(InputStream in, int limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        int total = 0;
        for (int n; (n = in.read(buffer)) != -1; ) {
            total += n;
            if (total > limit) {
                return null;
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private Counter counter(Outcome outcome) {
        return switch (outcome.kind) {
            case ACCEPTED -> accepted;
            case DEDUPLICATED -> deduplicated;
            case DROPPED ->
                Counter.builder("prodsupport.webhook.dropped")
                        .tag("reason", outcome.reason)
                        .description("Deliveries acknowledged and not stored")
                        .register(registry);
            case REJECTED ->
                Counter.builder("prodsupport.webhook.rejected")
                        .tag("reason", outcome.reason)
                        .description("Deliveries refused, by reason")
                        .register(registry);
        };
    }

    private static void logOnce(Reply reply, Context ctx) {
        Outcome outcome = reply.outcome();
        if (outcome.kind == Outcome.Kind.REJECTED) {
            log.warn(
                    "webhook delivery {} from {} refused with {}: {}",
                    loggedId(reply, ctx),
                    ctx.ip(),
                    outcome.status,
                    reply.message());
        } else if (log.isDebugEnabled()) {
            // asked first: cleaning the id for the log costs a regular expression, on every delivery of a burst
            log.debug("webhook delivery {} answered {}: {}", loggedId(reply, ctx), outcome.status, reply.message());
        }
    }

    private static String loggedId(Reply reply, Context ctx) {
        return Optional.ofNullable(reply.deliveryId())
                .or(() -> Optional.ofNullable(ctx.header("X-Atlassian-Webhook-Identifier")))
                .map(WebhookIntake::printable)
                .orElse("-");
    }

    /** Header values go into log lines: no line breaks or control characters from outside. */
    private static String printable(String value) {
        String clean = value.replaceAll("\\p{Cntrl}", "?");
        return clean.length() <= 200 ? clean : clean.substring(0, 200) + "…";
    }
}
