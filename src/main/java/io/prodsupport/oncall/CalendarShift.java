package io.prodsupport.oncall;

import java.time.Instant;
import java.util.Optional;

/**
 * One stretch of the calendar with one person on duty, after overlaps were decided.
 *
 * @param calendarName the name the calendar gives (the attendee's or the summary's); what {@code onCall.people} is
 *                     keyed by
 * @param jiraUser     the Jira user {@code onCall.people} maps it to; empty when the name is not there
 */
public record CalendarShift(String calendarName, Optional<String> jiraUser, Instant from, Instant until) {

    boolean samePerson(CalendarShift other) {
        return calendarName.equals(other.calendarName) && jiraUser.equals(other.jiraUser);
    }
}
