package io.prodsupport.analytics;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/** Incidents created in {@code [from, to)}, dates in UTC. */
public record Period(LocalDate from, LocalDate to) {

    public Period {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("the period is empty: from " + from + " must be before to " + to);
        }
    }

    /** From the {@code YYYY-MM-DD} strings a user typed; a clear one-line message when they do not make a period. */
    public static Period parse(String from, String to) {
        return new Period(date("from", from), date("to", to));
    }

    private static LocalDate date(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("'" + name + "' is missing: give a date as YYYY-MM-DD");
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "'" + name + "' is not a date: '" + value + "' (give it as YYYY-MM-DD, e.g. 2026-11-01)");
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + name + "' is not a date: " + e.getMessage());
        }
    }

    public Instant start() {
        return from.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    public Instant end() {
        return to.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    public boolean contains(Instant instant) {
        return !instant.isBefore(start()) && instant.isBefore(end());
    }
}
