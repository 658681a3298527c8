package io.prodsupport.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;

/**
 * A local HTTP server standing in for a Slack or Teams webhook: scripted answers, recorded requests, and a webhook
 * URL with a secret-looking path, so tests can check that the path never shows up in an error.
 */
final class ChatWebhookServer implements AutoCloseable {

    static final String SECRET_PATH = "/services/T0PS/B0PS/s3cr3tT0k3nXYZ";
    /** Tiny back-offs: the retry logic runs for real without the tests waiting on it. */
    static final DeliveryBudget QUICK = new DeliveryBudget(3, Duration.ofMillis(5), Duration.ofSeconds(5));

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MockWebServer server = new MockWebServer();

    ChatWebhookServer() throws IOException {
        server.start();
    }

    String webhookUrl() {
        return server.url(SECRET_PATH).toString();
    }

    ChatWebhookServer answers(int code, String body) {
        server.enqueue(new MockResponse.Builder().code(code).body(body).build());
        return this;
    }

    ChatWebhookServer answersTooManyRequests(String retryAfterSeconds) {
        server.enqueue(new MockResponse.Builder()
                .code(429)
                .setHeader("Retry-After", retryAfterSeconds)
                .body("rate_limited")
                .build());
        return this;
    }

    /** Reads the request, then closes the socket without a word: what a crashing proxy does. */
    ChatWebhookServer dropsTheConnection() {
        server.enqueue(new MockResponse.Builder()
                .onResponseStart(new SocketEffect.CloseSocket())
                .build());
        return this;
    }

    RecordedRequest takeRequest() throws InterruptedException {
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        if (request == null) {
            throw new AssertionError("the webhook received no request");
        }
        return request;
    }

    JsonNode takeJson() throws InterruptedException, IOException {
        return JSON.readTree(takeRequest().getBody().utf8());
    }

    int requestCount() {
        return server.getRequestCount();
    }

    @Override
    public void close() {
        server.close();
    }
}
