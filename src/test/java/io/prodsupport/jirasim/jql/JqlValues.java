package io.prodsupport.jirasim.jql;

import io.prodsupport.jirasim.jql.JqlClause.FunctionCall;
import io.prodsupport.jirasim.jql.JqlClause.Operand;
import io.prodsupport.jirasim.jql.JqlClause.Value;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns JQL operand text into dates and issue keys. The simulator's clock and zone are UTC. */
final class JqlValues {

    /** "OPS-12" split so that OPS-9 sorts before OPS-10, as Jira sorts keys. */
    record IssueKey(String project, long number) implements Comparable<IssueKey> {
        static final Comparator<IssueKey> ORDER =
                Comparator.comparing(IssueKey::project).thenComparingLong(IssueKey::number);

        @Override
        public int compareTo(IssueKey other) {
            return ORDER.compare(this, other);
        }
    }

    private static final Pattern KEY = Pattern.compile("([A-Za-z][A-Za-z0-9_]*)-(\\d+)");
    private static final Pattern ABSOLUTE =
            Pattern.compile("(\\d{4})[-/](\\d{1,2})[-/](\\d{1,2})(?:\\s+(\\d{1,2}):(\\d{2}))?");
    private static final Pattern PERIOD = Pattern.compile("([+-]?)\\s*((?:\\d+\\s*[wdhmWDHM]\\s*)+)");
    private static final Pattern PERIOD_PART = Pattern.compile("(\\d+)\\s*([wdhmWDHM])");
    private static final Pattern EPOCH_MILLIS = Pattern.compile("-?\\d+");
    private static final Pattern DAY_INCREMENT = Pattern.compile("[+-]?\\d+");

    private JqlValues() {}

    /** Null when the text is not a key, so callers can word their own error. */
    static IssueKey parseKey(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = KEY.matcher(text.trim());
        if (!m.matches()) {
            return null;
        }
        try {
            return new IssueKey(m.group(1).toUpperCase(Locale.ROOT), Long.parseLong(m.group(2)));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Resolves a date operand; {@code now} anchors relative dates and date functions. */
    static Instant date(Operand operand, Instant now, String field) {
        if (operand instanceof FunctionCall call) {
            return function(call, now);
        }
        String text = ((Value) operand).text().trim();
        Instant parsed = absolute(text);
        if (parsed == null) {
            parsed = relative(text, now);
        }
        if (parsed == null && EPOCH_MILLIS.matcher(text).matches()) {
            // Jira accepts a bare number as milliseconds since the epoch.
            parsed = Instant.ofEpochMilli(Long.parseLong(text));
        }
        if (parsed == null) {
            throw new JqlException("Date value '" + text + "' for field '" + field + "' is invalid. Valid formats"
                    + " include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period"
                    + " format e.g. '-5d', '4w 2d'.");
        }
        return parsed;
    }

    static boolean isDateFunction(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.equals("now") || lower.equals("startofday") || lower.equals("endofday");
    }

    /** Validates a function call up front so that a bad query fails at parse time, not per issue. */
    static void checkFunction(FunctionCall call) {
        function(call, Instant.EPOCH);
    }

    private static Instant function(FunctionCall call, Instant now) {
        String lower = call.name().toLowerCase(Locale.ROOT);
        int maxArgs = lower.equals("now") ? 0 : 1;
        if (call.args().size() > maxArgs) {
            throw new JqlException("Function '" + call.name() + "' expected between '0' and '" + maxArgs
                    + "' arguments but received '" + call.args().size() + "'.");
        }
        Duration increment = Duration.ZERO;
        if (!call.args().isEmpty()) {
            increment = increment(call.args().get(0), call.name());
        }
        Instant startOfDay = now.truncatedTo(ChronoUnit.DAYS);
        return switch (lower) {
            case "now" -> now;
            case "startofday" -> startOfDay.plus(increment);
            // Jira's endOfDay is the last millisecond of the day, so "<= endOfDay()" includes 23:59:59.
            case "endofday" ->
                startOfDay.plus(Duration.ofDays(1)).minusMillis(1).plus(increment);
            default -> throw new JqlException("Unable to find JQL function '" + call.name() + "()'.");
        };
    }

    private static Duration increment(String arg, String function) {
        String text = arg.trim();
        if (DAY_INCREMENT.matcher(text).matches()) {
            return Duration.ofDays(Long.parseLong(text));
        }
        Duration period = period(text);
        if (period == null) {
            throw new JqlException("Function '" + function + "' has an invalid increment '" + arg + "'.");
        }
        return period;
    }

    private static Instant absolute(String text) {
        Matcher m = ABSOLUTE.matcher(text);
        if (!m.matches()) {
            return null;
        }
        try {
            LocalDate day = LocalDate.of(
                    Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            LocalDateTime at = m.group(4) == null
                    ? day.atStartOfDay()
                    : day.atTime(Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)));
            return at.toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static Instant relative(String text, Instant now) {
        Duration period = period(text);
        return period == null ? null : now.plus(period);
    }

    /** "-1w2d", "4w 2d", "+15m": the sign applies to the whole period; w is 7 days, m is minutes. */
    private static Duration period(String text) {
        Matcher m = PERIOD.matcher(text);
        if (!m.matches()) {
            return null;
        }
        Duration total = Duration.ZERO;
        Matcher part = PERIOD_PART.matcher(m.group(2));
        while (part.find()) {
            long amount = Long.parseLong(part.group(1));
            total = total.plus(
                    switch (Character.toLowerCase(part.group(2).charAt(0))) {
                        case 'w' -> Duration.ofDays(7 * amount);
                        case 'd' -> Duration.ofDays(amount);
                        case 'h' -> Duration.ofHours(amount);
                        default -> Duration.ofMinutes(amount);
                    });
        }
        return m.group(1).equals("-") ? total.negated() : total;
    }
}
