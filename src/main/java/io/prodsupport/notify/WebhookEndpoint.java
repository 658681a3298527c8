package io.prodsupport.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * A chat service's incoming webhook: POSTs a JSON message and retries what can succeed on a second try (429, 408,
 * 5xx, a broken connection) within a {@link DeliveryBudget}. Any other answer is final: a 403 or 404 means the
 * webhook was revoked or mistyped, and asking again gets the same answer.
 *
 * <p>The URL is the credential, so it never appears in an exception, and text a server sends back is scrubbed of it.
 * A retry after a dropped connection may post the message twice; a duplicate chat line is the lesser harm than an
 * incident nobody heard about.
 */
final class WebhookEndpoint {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");
    private static final int MAX_REASON_CHARS = 160;

    private final String channel;
    private final HttpUrl url;
    private final OkHttpClient http;
    private final DeliveryBudget budget;

    WebhookEndpoint(String channel, String webhookUrl, OkHttpClient shared, DeliveryBudget budget) {
        this.channel = channel;
        this.url = webhookUrl == null || webhookUrl.isBlank() ? null : HttpUrl.parse(webhookUrl.trim());
        if (url == null) {
            // HttpUrl.get() would put the URL in its message; parse() lets this say what is wrong without it.
            throw new IllegalArgumentException(channel + ": the webhook URL is missing or not an http(s) URL");
        }
        this.http = forWebhooks(shared);
        this.budget = budget;
    }

    /**
     * A view of the shared client (same connection pool and threads) fit for third-party webhooks: none of the
     * shared client's interceptors, which may add Jira credentials; short timeouts; and no silent connection retry
     * by OkHttp, so this class's budget is the only retry policy.
     */
    static OkHttpClient forWebhooks(OkHttpClient shared) {
        OkHttpClient.Builder builder = shared.newBuilder();
        builder.interceptors().clear();
        builder.networkInterceptors().clear();
        return builder.connectTimeout(5, TimeUnit.SECONDS)
                .writeTimeout(10, TimeUnit.SECONDS)
                .readTimeout(10, TimeUnit.SECONDS)
                .callTimeout(15, TimeUnit.SECONDS)
                .retryOnConnectionFailure(false)
                .build();
    }

    void post(ObjectNode message) {
        RequestBody body = RequestBody.create(serialize(message), JSON_TYPE);
        long deadline = System.nanoTime() + budget.maxTotal().toNanos();
        for (int attempt = 1; ; attempt++) {
            Failure failure = send(body);
            if (failure == null) {
                return;
            }
            if (!failure.retryable()) {
                throw new NotifyException(channel, failure.reason());
            }
            if (attempt >= budget.maxAttempts()) {
                throw new NotifyException(
                        channel, attempt == 1 ? failure.reason() : failure.reason() + ", " + attempt + " attempts");
            }
            Duration wait = failure.retryAfter() != null ? failure.retryAfter() : budget.backoffAfter(attempt);
            if (System.nanoTime() + wait.toNanos() > deadline) {
                throw new NotifyException(
                        channel,
                        failure.reason() + ", and waiting " + wait.toMillis() + " ms to retry would pass the "
                                + budget.maxTotal().toMillis() + " ms budget");
            }
            sleep(wait);
        }
    }

    private Failure send(RequestBody body) {
        Request request = new Request.Builder().url(url).post(body).build();
        try (Response response = http.newCall(request).execute()) {
            if (response.isSuccessful()) {
                return null;
            }
            int code = response.code();
            boolean retryable = code == 408 || code == 429 || code >= 500;
            return new Failure("answered HTTP " + code + serverSaid(response), retryable, retryAfter(response));
        } catch (IOException e) {
            // The class name says enough (timeout, refused, reset); OkHttp's messages can name the host and port.
            return new Failure("could not be reached (" + e.getClass().getSimpleName() + ")", true, null);
        }
    }

    /** Slack answers errors in a word ({@code no_service}, {@code invalid_token}): worth keeping, on one line. */
    private String serverSaid(Response response) throws IOException {
        String text = response.peekBody(MAX_REASON_CHARS * 4L).string();
        String path = url.encodedPath();
        if (path.length() > 1) {
            text = text.replace(path, "****");
        }
        text = text.replace(url.toString(), "****").replaceAll("\\s+", " ").strip();
        if (text.length() > MAX_REASON_CHARS) {
            text = text.substring(0, MAX_REASON_CHARS) + "…";
        }
        return text.isEmpty() ? "" : " (" + text + ")";
    }

    private static Duration retryAfter(Response response) {
        String header = response.header("Retry-After");
        if (header == null) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
        } catch (NumberFormatException e) {
            // An HTTP-date instead of seconds: rare for these services; the usual back-off will do.
            return null;
        }
    }

    private byte[] serialize(ObjectNode message) {
        try {
            return JSON.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(channel + ": could not write the message as JSON", e);
        }
    }

    private void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotifyException(channel, "interrupted while waiting to retry");
        }
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    private record Failure(String reason, boolean retryable, Duration retryAfter) {}
}
