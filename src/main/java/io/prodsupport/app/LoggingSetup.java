package io.prodsupport.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import io.prodsupport.config.Config;
import io.prodsupport.inbox.InboxWorker;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import net.logstash.logback.encoder.LogstashEncoder;
import org.slf4j.LoggerFactory;

/**
 * Applies {@code logging:} of the config to Logback at start: the format of every line on stderr and the root level.
 * Without the section, {@code logback.xml} in the jar stays in force (the same text lines, at INFO).
 */
final class LoggingSetup {

    /**
     * The text lines' layout, also in {@code logback.xml}: an ISO-8601 UTC timestamp, then the incident's key when the
     * line is about one ({@link InboxWorker#ISSUE_MDC_KEY}), then the level, the logger and the message.
     */
    static final String PATTERN =
            "%d{yyyy-MM-dd'T'HH:mm:ss.SSS'Z',UTC} %replace(%X{issue} ){'^ $', ''}%-5level" + " %logger{20} - %msg%n";

    private static final String APPENDER = "STDERR";

    private LoggingSetup() {}

    /** Applies {@code logging} to stderr; does nothing when it is null (the section is absent). */
    static void apply(Config.Logging logging) {
        if (logging != null) {
            apply(logging, null);
        }
    }

    /** As {@link #apply(Config.Logging)}, writing to {@code target} instead of stderr (tests). */
    static void apply(Config.Logging logging, OutputStream target) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return; // another SLF4J binding on the class path: it has its own configuration
        }
        Encoder<ILoggingEvent> encoder = logging.json() ? json(context) : text(context);
        OutputStreamAppender<ILoggingEvent> appender;
        if (target == null) {
            ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
            console.setTarget("System.err");
            appender = console;
        } else {
            appender = new OutputStreamAppender<>();
            appender.setOutputStream(target);
        }
        appender.setName(APPENDER);
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.detachAndStopAllAppenders();
        root.addAppender(appender);
        root.setLevel(Level.toLevel(logging.level(), Level.INFO));
    }

    private static Encoder<ILoggingEvent> text(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.start();
        return encoder;
    }

    /** Logstash's JSON: {@code @timestamp} (ISO-8601, UTC), level, logger, message, the MDC ({@code issue}), stack. */
    private static Encoder<ILoggingEvent> json(LoggerContext context) {
        LogstashEncoder encoder = new LogstashEncoder();
        encoder.setContext(context);
        encoder.setTimeZone("UTC");
        encoder.start();
        return encoder;
    }
}
