package io.prodsupport.jira;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/** A MockWebServer scripted with Jira's answers, and clients pointed at it that run on {@link FakeTime}. */
final class ScriptedJira implements AutoCloseable {

    static final JiraCredentials PAT = new JiraCredentials.PersonalAccessToken("pat-s3cret");
    static final RetryBudget BUDGET =
            new RetryBudget(3, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofMinutes(1));
    private static final ObjectMapper MAPPER = new ObjectMapper();

    final MockWebServer server = new MockWebServer();
    final FakeTime time;

    ScriptedJira(FakeTime time) {
        this.time = time;
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    HttpJiraClient client() {
        return client(PAT, BUDGET);
    }

    HttpJiraClient client(JiraCredentials credentials, RetryBudget budget) {
        return new HttpJiraClient(
                connection(URI.create(server.url("/").toString()), credentials, budget), time, time, new Random(7));
    }

    static JiraConnection connection(URI baseUrl, JiraCredentials credentials, RetryBudget budget) {
        return new JiraConnection(baseUrl, credentials, Duration.ofSeconds(5), budget);
    }

    void answer(int status, String json) {
        server.enqueue(json(status, json));
    }

    void answer(MockResponse response) {
        server.enqueue(response);
    }

    void answerServerInfo(String deploymentType) {
        answer(200, """
        {"baseUrl":"https://jira.example.com","version":"10.3.1","deploymentType":"%s","serverTitle":"Example"}
        """.formatted(deploymentType));
    }

    static MockResponse json(int status, String json) {
        return new MockResponse.Builder()
                .code(status)
                .addHeader("Content-Type", "application/json")
                .body(json)
                .build();
    }

    RecordedRequest take() {
        try {
            RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
            assertThat(request).as("a request reached the server").isNotNull();
            return request;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode body(RecordedRequest request) {
        try {
            return MAPPER.readTree(request.getBody().utf8());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
