package io.prodsupport.jira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ErrorsAndSafetyTest {

    private final ScriptedJira jira = new ScriptedJira(FakeTime.autoAdvancing());
    private final HttpJiraClient client = jira.client();

    @AfterEach
    void stop() {
        client.close();
        jira.close();
    }

    @Test
    void jira_error_messages_and_field_errors_are_parsed_into_the_exception() {
        jira.answer(400, """
        {"errorMessages":["Field 'labels' cannot be set."],"errors":{"summary":"You must specify a summary."}}
        """);

        JiraException e = catchThrowableOfType(
                JiraException.class,
                () -> client.createIssue(new NewIssue("OPS", "Task", "", null, List.of(), null, Map.of())));

        assertThat(e.status()).isEqualTo(400);
        assertThat(e.method()).isEqualTo("POST");
        assertThat(e.path()).isEqualTo("/rest/api/2/issue");
        assertThat(e.errorMessages()).containsExactly("Field 'labels' cannot be set.");
        assertThat(e.errors()).containsExactly(Map.entry("summary", "You must specify a summary."));
        assertThat(e)
                .hasMessage("POST /rest/api/2/issue failed with 400: "
                        + "Field 'labels' cannot be set.; summary: You must specify a summary.");
        assertThat(jira.server.getRequestCount()).as("4xx is not retried").isEqualTo(1);
    }

    @Test
    void rejected_credentials_read_as_one_line_without_the_token() {
        jira.answer(401, "");

        JiraException e = catchThrowableOfType(JiraException.class, client::myself);

        assertThat(e).hasMessage("Jira rejected the credentials (401) for GET /rest/api/2/myself");
        assertThat(e.getMessage()).doesNotContain("pat-s3cret");
    }

    @Test
    void an_html_error_page_from_a_proxy_still_gives_a_clean_message() {
        jira.answer(new MockResponse.Builder()
                .code(403)
                .body("<html><body>Forbidden</body></html>")
                .build());

        JiraException e = catchThrowableOfType(JiraException.class, () -> client.project("OPS"));

        assertThat(e).hasMessage("GET /rest/api/2/project/OPS failed with 403");
        assertThat(e.errorMessages()).isEmpty();
    }

    @Test
    void a_redirect_is_not_followed_and_points_at_the_base_url() {
        jira.answer(new MockResponse.Builder()
                .code(301)
                .addHeader("Location", "https://jira.example.com/rest/api/2/myself")
                .build());

        JiraException e = catchThrowableOfType(JiraException.class, client::myself);

        assertThat(e.status()).isEqualTo(301);
        assertThat(e.getMessage())
                .startsWith("Jira redirected GET /rest/api/2/myself (301) to https://jira.example.com")
                .contains("check jira.baseUrl");
        assertThat(jira.server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void a_request_to_another_host_is_refused_before_credentials_are_attached() {
        try (ScriptedJira elsewhere = new ScriptedJira(FakeTime.autoAdvancing())) {
            OkHttpClient guarded = new OkHttpClient.Builder()
                    .addInterceptor(new SameHostInterceptor(jira.server.url("/")))
                    .addInterceptor(new AuthInterceptor(ScriptedJira.PAT))
                    .build();

            JiraException e = catchThrowableOfType(
                    JiraException.class,
                    () -> guarded.newCall(new Request.Builder()
                                    .url(elsewhere.server.url("/steal"))
                                    .build())
                            .execute());

            assertThat(e.getMessage())
                    .startsWith("refused to send GET to http://")
                    .contains(":" + elsewhere.server.getPort() + ": this client only talks to Jira at http://")
                    .endsWith(":" + jira.server.getPort());
            assertThat(elsewhere.server.getRequestCount()).isZero();
        }
    }

    @Test
    void the_authorization_header_is_redacted_in_debug_logs() {
        Logger logger = (Logger) LoggerFactory.getLogger(RequestLogInterceptor.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        Level before = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        try {
            jira.answer(200, "{\"name\":\"svc\"}");

            client.myself();

            List<String> lines = appender.list.stream()
                    .map(ILoggingEvent::getFormattedMessage)
                    .toList();
            assertThat(lines)
                    .anySatisfy(line -> assertThat(line)
                            .startsWith("--> GET /rest/api/2/myself")
                            .contains("Authorization: ██"));
            assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("<-- 200 GET /rest/api/2/myself"));
            assertThat(lines).allSatisfy(line -> assertThat(line).doesNotContain("pat-s3cret"));
        } finally {
            logger.setLevel(before);
            logger.detachAppender(appender);
        }
    }

    @Test
    void retry_after_is_read_as_seconds_or_an_http_date_and_garbage_is_ignored() {
        Instant now = Instant.parse("2015-10-21T07:28:00Z");
        assertThat(RateLimitGate.parseRetryAfter("120", now)).contains(Duration.ofSeconds(120));
        assertThat(RateLimitGate.parseRetryAfter("Wed, 21 Oct 2015 07:28:30 GMT", now))
                .contains(Duration.ofSeconds(30));
        assertThat(RateLimitGate.parseRetryAfter("soon", now)).isEmpty();
    }
}
