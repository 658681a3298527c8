package io.prodsupport.oncall;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who an event of the calendar names, and which Jira user that is ({@code onCall.people}). The rule, in order:
 *
 * <ol>
 *   <li>the candidates are each attendee's {@code CN}, then each attendee's address (with or without {@code mailto:}:
 *       PagerDuty writes a bare address, Google a {@code mailto:} with a {@code CN}), then the name in the summary;
 *   <li>the name in the summary: {@code On Call - <name> - <schedule>} or {@code On Call - <name>} (PagerDuty's
 *       exports), {@code On call: <name>} or {@code On-call: <name>} (how teams title their own calendar events), any
 *       case; any other summary is taken whole;
 *   <li>the first candidate that is a key of {@code onCall.people} (case and surrounding spaces ignored) decides the
 *       Jira user; when none is, the event's name is the first attendee's {@code CN}, else the summary's name, else
 *       the first address, and it maps to nobody (reported by {@code check} and {@code oncall}).
 * </ol>
 */
final class CalendarNames {

    private static final Pattern PAGERDUTY = Pattern.compile("(?i)^\\s*on[ -]?call\\s+-\\s+(.+?)(?:\\s+-\\s+.*)?$");
    private static final Pattern TITLED = Pattern.compile("(?i)^\\s*on[ -]?call\\s*:\\s*(.+?)\\s*$");

    private final Map<String, String> people = new LinkedHashMap<>();

    CalendarNames(Map<String, String> people) {
        people.forEach((name, user) -> this.people.put(key(name), user));
    }

    /** The name a summary gives: see the class comment; empty for a blank summary. */
    static Optional<String> fromSummary(String summary) {
        if (summary == null || summary.isBlank()) {
            return Optional.empty();
        }
        for (Pattern p : List.of(PAGERDUTY, TITLED)) {
            Matcher m = p.matcher(summary);
            if (m.matches() && !m.group(1).isBlank()) {
                return Optional.of(m.group(1).strip());
            }
        }
        return Optional.of(summary.strip());
    }

    /** Who an event names: its calendar name and the Jira user it maps to, if any; empty when it names nobody. */
    Optional<Named> resolve(String summary, List<Attendee> attendees) {
        List<String> candidates = new ArrayList<>();
        attendees.forEach(a -> a.commonName().ifPresent(candidates::add));
        attendees.forEach(a -> a.address().ifPresent(candidates::add));
        Optional<String> fromSummary = fromSummary(summary);
        fromSummary.ifPresent(candidates::add);
        for (String candidate : candidates) {
            String user = people.get(key(candidate));
            if (user != null) {
                return Optional.of(new Named(candidate.strip(), Optional.of(user)));
            }
        }
        Optional<String> shown = attendees.stream()
                .flatMap(a -> a.commonName().stream())
                .findFirst()
                .or(() -> fromSummary)
                .or(() -> candidates.stream().findFirst());
        return shown.map(name -> new Named(name, Optional.empty()));
    }

    private static String key(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    /** An attendee as the calendar writes it. */
    record Attendee(Optional<String> commonName, Optional<String> address) {

        /** From an {@code ATTENDEE} value ({@code mailto:a@b}, or a bare address) and its {@code CN}, if any. */
        static Attendee of(String value, String commonName) {
            String address = value == null ? "" : value.strip();
            if (address.regionMatches(true, 0, "mailto:", 0, 7)) {
                address = address.substring(7);
            }
            return new Attendee(
                    Optional.ofNullable(commonName).map(String::strip).filter(s -> !s.isEmpty()),
                    Optional.of(address).filter(s -> !s.isEmpty()));
        }
    }

    /** A person named in the calendar, and their Jira user when {@code onCall.people} knows them. */
    record Named(String calendarName, Optional<String> jiraUser) {}
}
