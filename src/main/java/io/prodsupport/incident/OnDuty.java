package io.prodsupport.incident;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Who is on duty when: the one question staffing, reminders, hand-overs, the console and {@code prodsupport oncall}
 * ask. Answered by the fixed rotation ({@link OnCallRotation}) or by the team's calendar (an iCalendar feed, read
 * outside this package because it does I/O). People are Jira user references (accountId on Cloud, username on Data
 * Center).
 */
public interface OnDuty {

    /** One stretch of duty: who is on duty from {@code from} until {@code until}. */
    record Shift(String person, Instant from, Instant until) {}

    /** The person on duty at {@code now}; empty when nobody is. */
    Optional<String> onDuty(Instant now);

    /**
     * The shift under way at {@code now} (when someone is on duty then) and up to {@code next} shifts after it, in
     * order; empty when nobody is on duty now or later as far as the source knows.
     */
    List<Shift> shifts(Instant now, int next);
}
