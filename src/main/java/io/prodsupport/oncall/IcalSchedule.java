package io.prodsupport.oncall;

import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Period;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;

/**
 * One parsed copy of the feed, and the on-duty timeline it gives over a window.
 *
 * <ul>
 *   <li>Recurring events ({@code RRULE}, {@code RDATE}, {@code EXDATE}) are expanded by ical4j; an instance moved or
 *       changed ({@code RECURRENCE-ID}, as Google writes it) replaces the one it names; {@code STATUS:CANCELLED}
 *       events count for nothing.
 *   <li>Times with a {@code TZID} are in that zone; all-day events ({@code VALUE=DATE}) and floating times are in the
 *       calendar's own zone ({@code X-WR-TIMEZONE}, which Google writes), else UTC.
 *   <li><b>Overlaps</b>: where events overlap, the one that started last is on duty (an override or a cover is entered
 *       inside the regular shift it replaces); at the same start the one that ends first; at the same start and end
 *       the one later in the file.
 * </ul>
 */
public final class IcalSchedule {

    private final Calendar calendar;
    private final ZoneId zone;
    private final CalendarNames names;
    private final int events;

    private IcalSchedule(Calendar calendar, ZoneId zone, CalendarNames names, int events) {
        this.calendar = calendar;
        this.zone = zone;
        this.names = names;
        this.events = events;
    }

    /**
     * @param people {@code onCall.people}: name in the calendar → Jira user
     * @throws IllegalArgumentException with one line when {@code text} is not an iCalendar this can read
     */
    public static IcalSchedule parse(String text, Map<String, String> people) {
        Calendar calendar;
        try {
            // RFC 5545 lines end in CRLF and a folded line continues after CRLF + space; files saved or served with
            // bare LF would otherwise keep the fold inside a name ("Alice E\n xample")
            String crlf = text.replace("\r\n", "\n").replace("\n", "\r\n");
            calendar = new CalendarBuilder().build(new StringReader(crlf));
        } catch (ParserException e) {
            throw new IllegalArgumentException("not an iCalendar feed: line " + e.getLineNo() + ": " + firstLine(e));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not an iCalendar feed: " + firstLine(e));
        }
        ZoneId zone = calendar.getProperty("X-WR-TIMEZONE")
                .map(p -> {
                    try {
                        return ZoneId.of(p.getValue().strip());
                    } catch (RuntimeException e) {
                        return (ZoneId) ZoneOffset.UTC;
                    }
                })
                .orElse(ZoneOffset.UTC);
        int events = calendar.getComponents(Component.VEVENT).size();
        return new IcalSchedule(calendar, zone, new CalendarNames(people), events);
    }

    /** How many events the feed holds (a recurring one counts once). */
    public int events() {
        return events;
    }

    /**
     * Who is on duty between {@code from} and {@code to}: stretches in time order, each with one person, adjacent
     * stretches of the same person joined, gaps (nobody on duty) left out. A stretch under way at {@code from} keeps
     * its real start.
     *
     * @throws IllegalArgumentException when an event cannot be expanded (a broken rule), with one line
     */
    public List<CalendarShift> timeline(Instant from, Instant to) {
        List<Occurrence> occurrences = occurrences(from, to);
        TreeSet<Instant> bounds = new TreeSet<>();
        occurrences.forEach(o -> {
            bounds.add(o.from());
            bounds.add(o.until());
        });
        List<CalendarShift> out = new ArrayList<>();
        Instant previous = null;
        for (Instant bound : bounds) {
            if (previous != null) {
                Instant start = previous;
                Optional<Occurrence> winner = occurrences.stream()
                        .filter(o -> !o.from().isAfter(start) && o.until().isAfter(start))
                        .max(Comparator.comparing(Occurrence::from)
                                .thenComparing(Occurrence::until, Comparator.reverseOrder())
                                .thenComparingInt(Occurrence::order));
                if (winner.isPresent()) {
                    CalendarShift piece = new CalendarShift(
                            winner.get().named().calendarName(),
                            winner.get().named().jiraUser(),
                            start,
                            bound);
                    CalendarShift last = out.isEmpty() ? null : out.get(out.size() - 1);
                    if (last != null && last.until().equals(start) && last.samePerson(piece)) {
                        out.set(
                                out.size() - 1,
                                new CalendarShift(last.calendarName(), last.jiraUser(), last.from(), bound));
                    } else {
                        out.add(piece);
                    }
                }
            }
            previous = bound;
        }
        return out.stream().filter(s -> s.until().isAfter(from)).toList();
    }

    private record Occurrence(CalendarNames.Named named, Instant from, Instant until, int order) {}

    private List<Occurrence> occurrences(Instant from, Instant to) {
        List<VEvent> all = calendar.getComponents(Component.VEVENT);
        // instances moved or changed by a RECURRENCE-ID event, per UID: the master's own instance at that time goes
        Map<String, Set<Instant>> replaced = new HashMap<>();
        for (VEvent event : all) {
            Optional<Property> recurrenceId = event.getProperty(Property.RECURRENCE_ID);
            if (recurrenceId.isPresent()) {
                replaced.computeIfAbsent(uid(event), u -> new HashSet<>())
                        .add(instant(
                                ((net.fortuna.ical4j.model.property.RecurrenceId<?>) recurrenceId.get()).getDate()));
            }
        }
        ZonedDateTime windowStart = from.atZone(ZoneOffset.UTC);
        ZonedDateTime windowEnd = to.atZone(ZoneOffset.UTC);
        List<Occurrence> out = new ArrayList<>();
        int order = 0;
        for (VEvent event : all) {
            order++;
            if (event.getProperty(Property.STATUS)
                    .map(s -> "CANCELLED".equalsIgnoreCase(s.getValue()))
                    .orElse(false)) {
                continue;
            }
            Optional<CalendarNames.Named> named = names.resolve(summary(event), attendees(event));
            if (named.isEmpty() || event.getProperty(Property.DTSTART).isEmpty()) {
                continue;
            }
            boolean master = event.getProperty(Property.RECURRENCE_ID).isEmpty();
            Set<Instant> skip = master ? replaced.getOrDefault(uid(event), Set.of()) : Set.of();
            Set<Period<Temporal>> periods;
            try {
                // ical4j expands over a window of the start's own type: dates for all-day events
                Temporal start = ((net.fortuna.ical4j.model.property.DtStart<?>)
                                event.getProperty(Property.DTSTART).get())
                        .getDate();
                periods = start instanceof LocalDate
                        ? event.calculateRecurrenceSet(new Period<>(
                                windowStart
                                        .withZoneSameInstant(zone)
                                        .toLocalDate()
                                        .minusDays(1),
                                windowEnd
                                        .withZoneSameInstant(zone)
                                        .toLocalDate()
                                        .plusDays(1)))
                        : event.calculateRecurrenceSet(new Period<>(windowStart, windowEnd));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(
                        "the event \"" + summary(event) + "\" cannot be expanded: " + firstLine(e));
            }
            for (Period<Temporal> p : periods) {
                Instant start = instant(p.getStart());
                Instant end = instant(p.getEnd());
                if (!end.isAfter(start) || skip.contains(start)) {
                    continue;
                }
                out.add(new Occurrence(named.get(), start, end, order));
            }
        }
        return out;
    }

    private static String uid(VEvent event) {
        return event.getProperty(Property.UID).map(Property::getValue).orElse("");
    }

    private static String summary(VEvent event) {
        return event.getProperty(Property.SUMMARY).map(Property::getValue).orElse("");
    }

    private static List<CalendarNames.Attendee> attendees(VEvent event) {
        List<CalendarNames.Attendee> out = new ArrayList<>();
        for (Property p : event.getProperties(Property.ATTENDEE)) {
            out.add(CalendarNames.Attendee.of(
                    p.getValue(),
                    p.getParameter(Parameter.CN).map(Parameter::getValue).orElse(null)));
        }
        return out;
    }

    /** A date-time of the feed as an instant: all-day dates and floating times in the calendar's zone. */
    private Instant instant(Temporal t) {
        if (t instanceof Instant i) {
            return i;
        }
        if (t instanceof ZonedDateTime z) {
            return z.toInstant();
        }
        if (t instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        if (t instanceof java.time.LocalDateTime l) {
            return l.atZone(zone).toInstant();
        }
        if (t instanceof LocalDate d) {
            return d.atStartOfDay(zone).toInstant();
        }
        throw new IllegalArgumentException("unsupported date-time " + t);
    }

    /** How long a copy of this feed has been around: for the log line when the feed is down. */
    static String age(Duration d) {
        if (d.toDays() >= 2) {
            return d.toDays() + " days";
        }
        if (d.toHours() >= 2) {
            return d.toHours() + " hours";
        }
        return Math.max(0, d.toMinutes()) + " minutes";
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        String line = (nl < 0 ? m : m.substring(0, nl)).strip();
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
