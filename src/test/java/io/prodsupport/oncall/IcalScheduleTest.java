package io.prodsupport.oncall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IcalScheduleTest {

    static final Map<String, String> PEOPLE = Map.of(
            "Alice Example", "acc-alice",
            "bob@example.com", "acc-bob",
            "Carol Override", "acc-carol",
            "Dave", "acc-dave");

    static String fixture(String name) throws IOException {
        return Files.readString(Path.of("test-data/oncall", name));
    }

    private static CalendarShift shift(String name, String user, String from, String until) {
        return new CalendarShift(name, Optional.ofNullable(user), Instant.parse(from), Instant.parse(until));
    }

    @Test
    void a_pagerduty_export_names_people_by_summary_and_bare_attendee_and_the_later_override_wins() throws IOException {
        IcalSchedule schedule = IcalSchedule.parse(fixture("pagerduty-primary.ics"), PEOPLE);

        assertThat(schedule.events()).isEqualTo(5);
        assertThat(schedule.timeline(Instant.parse("2026-11-20T00:00:00Z"), Instant.parse("2026-12-20T00:00:00Z")))
                .containsExactly(
                        shift("Alice Example", "acc-alice", "2026-11-16T09:00:00Z", "2026-11-23T09:00:00Z"),
                        shift("bob@example.com", "acc-bob", "2026-11-23T09:00:00Z", "2026-11-25T18:00:00Z"),
                        shift("Carol Override", "acc-carol", "2026-11-25T18:00:00Z", "2026-11-26T06:00:00Z"),
                        shift("bob@example.com", "acc-bob", "2026-11-26T06:00:00Z", "2026-11-30T09:00:00Z"),
                        shift("Alice Example", "acc-alice", "2026-11-30T09:00:00Z", "2026-12-07T09:00:00Z"),
                        shift("Erin Unknown", null, "2026-12-07T09:00:00Z", "2026-12-14T09:00:00Z"));
    }

    @Test
    void a_google_calendar_rotation_expands_its_rules_in_its_time_zone_with_exdate_all_day_cover_and_override()
            throws IOException {
        IcalSchedule schedule = IcalSchedule.parse(fixture("google-weekly-rotation.ics"), PEOPLE);

        // Berlin is UTC+1 in winter: Monday 09:00 there is 08:00Z; the all-day cover runs midnight to midnight there
        assertThat(schedule.timeline(Instant.parse("2026-11-17T00:00:00Z"), Instant.parse("2026-12-15T00:00:00Z")))
                .containsExactly(
                        shift("Alice Example", "acc-alice", "2026-11-16T08:00:00Z", "2026-11-18T17:00:00Z"),
                        shift("Carol Override", "acc-carol", "2026-11-18T17:00:00Z", "2026-11-19T08:00:00Z"),
                        shift("Alice Example", "acc-alice", "2026-11-19T08:00:00Z", "2026-11-23T08:00:00Z"),
                        shift("bob@example.com", "acc-bob", "2026-11-23T08:00:00Z", "2026-11-29T23:00:00Z"),
                        shift("Dave", "acc-dave", "2026-11-29T23:00:00Z", "2026-12-06T23:00:00Z"),
                        shift("bob@example.com", "acc-bob", "2026-12-07T08:00:00Z", "2026-12-14T08:00:00Z"),
                        shift("Alice Example", "acc-alice", "2026-12-14T08:00:00Z", "2026-12-21T08:00:00Z"));
    }

    @Test
    void summaries_in_the_known_shapes_give_the_name_and_others_count_whole() {
        assertThat(CalendarNames.fromSummary("On Call - Hello Kitty - Alpha")).contains("Hello Kitty");
        assertThat(CalendarNames.fromSummary("On Call - My User")).contains("My User");
        assertThat(CalendarNames.fromSummary("On call: Alice")).contains("Alice");
        assertThat(CalendarNames.fromSummary("on-call: Bob Builder ")).contains("Bob Builder");
        assertThat(CalendarNames.fromSummary("Alice Example")).contains("Alice Example");
        assertThat(CalendarNames.fromSummary("  ")).isEmpty();
    }

    @Test
    void a_feed_that_is_not_icalendar_is_refused_in_one_line() throws IOException {
        String broken = fixture("broken.ics");
        assertThatThrownBy(() -> IcalSchedule.parse(broken, PEOPLE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not an iCalendar feed")
                .message()
                .doesNotContain("\n");
        assertThatThrownBy(() -> IcalSchedule.parse("<html>Sign in</html>", PEOPLE))
                .hasMessageStartingWith("not an iCalendar feed");
    }
}
