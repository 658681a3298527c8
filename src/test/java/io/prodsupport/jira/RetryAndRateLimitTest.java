package io.prodsupport.jira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RetryAndRateLimitTest {

    private static final String ME = "{\"name\":\"svc\"}";
    private static final NewIssue FOLLOW_UP = new NewIssue("OPS", "Task", "Add alert", null, List.of(), null, null);

    private final ExecutorService callers = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() {
        callers.shutdownNow();
    }

    private static MockResponse rateLimited(String retryAfter) {
        return new MockResponse.Builder()
                .code(429)
                .addHeader("Retry-After", retryAfter)
                .build();
    }

    @Test
    void a_429_with_retry_after_pauses_every_caller_not_just_the_one_that_saw_it() throws Exception {
        FakeTime time = FakeTime.manual();
        try (ScriptedJira jira = new ScriptedJira(time);
                HttpJiraClient client = jira.client()) {
            jira.answer(rateLimited("10"));
            jira.answer(200, ME);
            jira.answer(200, ME);

            CompletableFuture<JiraUser> first = CompletableFuture.supplyAsync(client::myself, callers);
            await().atMost(5, TimeUnit.SECONDS).until(() -> time.sleeping() == 1);
            CompletableFuture<JiraUser> second = CompletableFuture.supplyAsync(client::myself, callers);
            await().atMost(5, TimeUnit.SECONDS).until(() -> time.sleeping() == 2);

            assertThat(jira.server.getRequestCount())
                    .as("the second caller waited without sending")
                    .isEqualTo(1);
            assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(10));

            time.advance(Duration.ofSeconds(10));
            assertThat(first.get(5, TimeUnit.SECONDS).name()).isEqualTo("svc");
            assertThat(second.get(5, TimeUnit.SECONDS).name()).isEqualTo("svc");
            assertThat(jira.server.getRequestCount()).isEqualTo(3);
        }
    }

    @Test
    void a_503_retry_after_given_as_an_http_date_is_honoured() {
        FakeTime time = FakeTime.autoAdvancing();
        try (ScriptedJira jira = new ScriptedJira(time);
                HttpJiraClient client = jira.client()) {
            String in30s = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                    time.instant().plusSeconds(30).atOffset(ZoneOffset.UTC));
            jira.answer(new MockResponse.Builder()
                    .code(503)
                    .addHeader("Retry-After", in30s)
                    .build());
            jira.answer(200, ME);

            client.myself();

            assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(30));
        }
    }

    @Test
    void a_429_without_retry_after_pauses_five_seconds() {
        FakeTime time = FakeTime.autoAdvancing();
        try (ScriptedJira jira = new ScriptedJira(time);
                HttpJiraClient client = jira.client()) {
            jira.answer(new MockResponse.Builder().code(429).build());
            jira.answer(200, ME);

            client.myself();

            assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(5));
        }
    }

    @Test
    void a_pause_longer_than_the_budget_fails_the_call_instead_of_waiting() {
        FakeTime time = FakeTime.autoAdvancing();
        try (ScriptedJira jira = new ScriptedJira(time);
                HttpJiraClient client = jira.client()) {
            jira.answer(rateLimited("3600"));

            JiraException e = catchThrowableOfType(JiraException.class, client::myself);

            assertThat(e.status()).isEqualTo(429);
            assertThat(e.getMessage()).contains("rate limiting").contains("retry budget");
            assertThat(time.sleeps()).isEmpty();
            assertThat(jira.server.getRequestCount()).isEqualTo(1);
        }
    }

    @Test
    void server_errors_are_retried_with_capped_jittered_backoff_then_reported() {
        FakeTime time = FakeTime.autoAdvancing();
        try (ScriptedJira jira = new ScriptedJira(time);
                HttpJiraClient client = jira.client()) {
            jira.answer(500, "{\"errorMessages\":[\"Internal server error\"]}");
            jira.answer(502, "");
            jira.answer(500, "{\"errorMessages\":[\"Internal server error\"]}");

            JiraException e =
                    catchThrowableOfType(JiraException.class, () -> client.getIssue("OPS-7", List.of("summary")));

            assertThat(jira.server.getRequestCount()).isEqualTo(ScriptedJira.BUDGET.maxAttempts());
            assertThat(e.status()).isEqualTo(500);
            assertThat(e.getMessage()).isEqualTo("GET /rest/api/2/issue/OPS-7 failed with 500: Internal server error");
            assertThat(time.sleeps()).hasSize(2);
            assertThat(time.sleeps().get(0)).isBetween(Duration.ZERO, Duration.ofMillis(100));
            assertThat(time.sleeps().get(1)).isBetween(Duration.ZERO, Duration.ofMillis(200));
        }
    }

    @Test
    void a_server_error_followed_by_success_is_invisible_to_the_caller() {
        try (ScriptedJira jira = new ScriptedJira(FakeTime.autoAdvancing());
                HttpJiraClient client = jira.client()) {
            jira.answer(503, "");
            jira.answer(200, ME);

            assertThat(client.myself().name()).isEqualTo("svc");
        }
    }

    @Test
    void backoff_that_would_overrun_the_total_budget_is_not_taken() {
        RetryBudget tight = new RetryBudget(5, Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ZERO);
        try (ScriptedJira jira = new ScriptedJira(FakeTime.autoAdvancing());
                HttpJiraClient client = new HttpJiraClient(
                        ScriptedJira.connection(URI.create(jira.server.url("/").toString()), ScriptedJira.PAT, tight),
                        jira.time,
                        jira.time,
                        new Random(1) {
                            @Override
                            public long nextLong(long bound) {
                                return bound - 1; // the longest delay the cap allows
                            }
                        })) {
            jira.answer(500, "");

            assertThat(catchThrowableOfType(JiraException.class, client::myself).status())
                    .isEqualTo(500);
            assertThat(jira.server.getRequestCount()).isEqualTo(1);
        }
    }

    @Test
    void a_404_is_not_retried_and_reads_as_the_missing_issue() {
        try (ScriptedJira jira = new ScriptedJira(FakeTime.autoAdvancing());
                HttpJiraClient client = jira.client()) {
            jira.answer(404, "{\"errorMessages\":[\"Issue does not exist or you do not have permission to see it.\"]}");

            JiraException e =
                    catchThrowableOfType(JiraException.class, () -> client.getIssue("OPS-7", List.of("summary")));

            assertThat(e).hasMessage("issue OPS-7 not found");
            assertThat(e.status()).isEqualTo(404);
            assertThat(e.method()).isEqualTo("GET");
            assertThat(e.path()).isEqualTo("/rest/api/2/issue/OPS-7");
            assertThat(jira.server.getRequestCount()).isEqualTo(1);
        }
    }

    @Test
    void creating_an_issue_is_not_retried_after_a_500_because_jira_may_have_created_it() {
        try (ScriptedJira jira = new ScriptedJira(FakeTime.autoAdvancing());
                HttpJiraClient client = jira.client()) {
            jira.answer(500, "");
            jira.answer(201, "{\"id\":\"2\",\"key\":\"OPS-9\"}");

            JiraException e = catchThrowableOfType(JiraException.class, () -> client.createIssue(FOLLOW_UP));

            assertThat(e.status()).isEqualTo(500);
            assertThat(jira.server.getRequestCount()).isEqualTo(1);
        }
    }

    @Test
    void creating_an_issue_is_retried_after_a_429_because_jira_refused_it() {
        try (ScriptedJira jira = new ScriptedJira(FakeTime.autoAdvancing());
                HttpJiraClient client = jira.client()) {
            jira.answer(rateLimited("1"));
            jira.answer(201, "{\"id\":\"2\",\"key\":\"OPS-9\"}");

            assertThat(client.createIssue(FOLLOW_UP).key()).isEqualTo("OPS-9");
            assertThat(jira.server.getRequestCount()).isEqualTo(2);
        }
    }

    @Test
    void a_connection_dropped_after_the_request_was_sent_fails_a_create_but_retries_a_read() {
        MockResponse dropped = new MockResponse.Builder()
                .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
                .build();
        try (ScriptedJira jira = new ScriptedJira(FakeTime.autoAdvancing());
                HttpJiraClient client = jira.client()) {
            jira.answer(dropped);
            jira.answer(201, "{\"id\":\"2\",\"key\":\"OPS-9\"}");

            assertThat(catchThrowableOfType(JiraUnreachableException.class, () -> client.createIssue(FOLLOW_UP))
                            .status())
                    .isZero();
            assertThat(jira.server.getRequestCount()).isEqualTo(1);
        }
        try (ScriptedJira jira = new ScriptedJira(FakeTime.autoAdvancing());
                HttpJiraClient client = jira.client()) {
            jira.answer(dropped);
            jira.answer(200, ME);

            assertThat(client.myself().name()).isEqualTo("svc");
            assertThat(jira.server.getRequestCount()).isEqualTo(2);
        }
    }

    @Test
    void a_refused_connection_is_retried_even_for_a_create_then_reported_as_unreachable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        FakeTime time = FakeTime.autoAdvancing();
        URI nowhere = URI.create("http://127.0.0.1:" + closedPort);
        try (HttpJiraClient client = new HttpJiraClient(
                ScriptedJira.connection(nowhere, ScriptedJira.PAT, ScriptedJira.BUDGET), time, time, new Random(3))) {

            JiraUnreachableException e =
                    catchThrowableOfType(JiraUnreachableException.class, () -> client.createIssue(FOLLOW_UP));

            assertThat(e).hasMessage("Jira at http://127.0.0.1:" + closedPort + " is unreachable: connection refused");
            assertThat(e.method()).isEqualTo("POST");
            assertThat(time.sleeps()).as("backed off between the 3 attempts").hasSize(2);
        }
    }
}
