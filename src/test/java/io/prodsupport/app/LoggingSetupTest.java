package io.prodsupport.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.prodsupport.config.Config;
import io.prodsupport.inbox.InboundEvent;
import io.prodsupport.inbox.Inbox;
import io.prodsupport.inbox.InboxWorker;
import io.prodsupport.inbox.WorkerSettings;
import io.prodsupport.store.Stores;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** {@code logging:} applied to Logback: lines as a person and as a log shipper reads them. */
class LoggingSetupTest {

    private static final Logger log = LoggerFactory.getLogger("io.prodsupport.test.Handler");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @AfterEach
    void restoreTheTestLogging() throws Exception {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        new ContextInitializer(context).autoConfig();
    }

    private List<String> lines() {
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void a_json_line_logged_while_the_worker_handles_an_event_parses_and_carries_the_issue_key(@TempDir Path dir) {
        LoggingSetup.apply(new Config.Logging("json", "INFO"), out);
        try (Inbox inbox = Stores.open("jdbc:sqlite:" + dir.resolve("inbox.db"), null, null);
                InboxWorker worker = new InboxWorker(
                        inbox,
                        event -> log.info("handling {}", event.webhookEvent()),
                        WorkerSettings.defaults(),
                        Clock.systemUTC(),
                        new SimpleMeterRegistry())) {
            inbox.accept(new InboundEvent(
                    "d-1", "OPS-7", "jira:issue_updated", Clock.systemUTC().instant(), "{}".getBytes()));
            worker.start();

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> lines().stream().anyMatch(l -> l.contains("handling jira:issue_updated")));
        }

        String line = lines().stream()
                .filter(l -> l.contains("handling jira:issue_updated"))
                .findFirst()
                .orElseThrow();
        JsonNode json = parse(line);
        assertThat(json.path("issue").asText()).isEqualTo("OPS-7");
        assertThat(json.path("message").asText()).isEqualTo("handling jira:issue_updated");
        assertThat(json.path("level").asText()).isEqualTo("INFO");
        assertThat(json.path("logger_name").asText()).isEqualTo("io.prodsupport.test.Handler");
        assertThat(OffsetDateTime.parse(json.path("@timestamp").asText()).getOffset())
                .hasToString("Z");
        // a line about no incident (the worker's own) carries no issue
        assertThat(lines().stream().map(LoggingSetupTest::parse).filter(j -> !j.has("issue")))
                .isNotEmpty();
    }

    @Test
    void a_text_line_starts_with_the_iso_8601_time_then_the_issue_key_when_there_is_one() {
        LoggingSetup.apply(new Config.Logging("text", "DEBUG"), out);

        MDC.put("issue", "OPS-12");
        try {
            log.debug("closed with Symptoms TBD");
        } finally {
            MDC.remove("issue");
        }
        log.info("listening");

        assertThat(lines())
                .satisfiesExactly(
                        l -> assertThat(l)
                                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z OPS-12 DEBUG"
                                        + " i\\.p\\.test\\.Handler - closed with Symptoms TBD"),
                        l -> assertThat(l)
                                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z INFO "
                                        + " i\\.p\\.test\\.Handler - listening"));
    }

    @Test
    void the_level_drops_what_is_below_it() {
        LoggingSetup.apply(new Config.Logging("text", "WARN"), out);

        log.info("not shown");
        log.warn("shown");

        assertThat(lines()).singleElement().asString().endsWith(" - shown");
    }

    @Test
    void the_jars_logback_xml_uses_the_same_pattern_as_without_the_section() throws Exception {
        try (InputStream xml = LoggingSetup.class.getClassLoader().getResourceAsStream("logback.xml")) {
            assertThat(new String(xml.readAllBytes(), StandardCharsets.UTF_8))
                    .contains("<pattern>" + LoggingSetup.PATTERN.replace("%n", "%n</pattern>"));
        }
    }

    private static JsonNode parse(String line) {
        try {
            return new ObjectMapper().readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not a JSON line: " + line, e);
        }
    }
}
