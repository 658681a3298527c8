package io.prodsupport.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import io.prodsupport.incident.OnDuty;
import io.prodsupport.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The calendar read over real HTTP from a local server serving the fixtures: refreshed every {@code refreshEvery} by
 * the injected clock, the last good copy answering while the feed is down, and a feed that never parsed saying why.
 */
class CalendarOnDutyTest {

    private static final String SECRET_PATH = "/private/pd-s3cr3t-t0ken/feed/PX1Y2Z3";

    private final SettableClock clock = new SettableClock(Instant.parse("2026-11-24T00:00:00Z"));
    private final OkHttpClient http = new OkHttpClient();
    private MockWebServer server;
    private IcalFeed feed;

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.start();
        feed = new IcalFeed(server.url(SECRET_PATH).toString(), http, Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private CalendarOnDuty calendar() {
        return new CalendarOnDuty(feed::fetch, feed.host(), IcalScheduleTest.PEOPLE, Duration.ofMinutes(15), clock);
    }

    private void serves(int code, String body) {
        server.enqueue(new MockResponse.Builder().code(code).body(body).build());
    }

    @Test
    void who_is_on_duty_comes_from_the_feed_and_the_last_good_copy_answers_while_it_is_down() throws Exception {
        serves(200, IcalScheduleTest.fixture("pagerduty-primary.ics"));
        CalendarOnDuty calendar = calendar();

        assertThat(calendar.onDuty(clock.instant())).contains("acc-bob");
        assertThat(calendar.shifts(clock.instant(), 2))
                .containsExactly(
                        new OnDuty.Shift(
                                "acc-bob",
                                Instant.parse("2026-11-23T09:00:00Z"),
                                Instant.parse("2026-11-25T18:00:00Z")),
                        new OnDuty.Shift(
                                "acc-carol",
                                Instant.parse("2026-11-25T18:00:00Z"),
                                Instant.parse("2026-11-26T06:00:00Z")),
                        new OnDuty.Shift(
                                "acc-bob",
                                Instant.parse("2026-11-26T06:00:00Z"),
                                Instant.parse("2026-11-30T09:00:00Z")));
        assertThat(server.getRequestCount()).isEqualTo(1);

        serves(503, "Service Unavailable");
        clock.advance(Duration.ofMinutes(10));
        assertThat(calendar.onDuty(clock.instant())).contains("acc-bob");
        assertThat(server.getRequestCount())
                .as("read again only after refreshEvery")
                .isEqualTo(1);

        clock.advance(Duration.ofMinutes(6));
        CalendarOnDuty.State state = calendar.state();
        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(state.failure())
                .hasValueSatisfying(f -> assertThat(f)
                        .isEqualTo("the calendar at " + server.getHostName() + " answered HTTP 503")
                        .doesNotContain("s3cr3t"));
        assertThat(state.copy()).hasValueSatisfying(c -> assertThat(c.readAt()).isEqualTo("2026-11-24T00:00:00Z"));
        assertThat(calendar.onDuty(Instant.parse("2026-11-25T20:00:00Z")))
                .as("the last good copy answers")
                .contains("acc-carol");

        serves(200, IcalScheduleTest.fixture("pagerduty-primary.ics"));
        clock.advance(Duration.ofMinutes(15));
        assertThat(calendar.state().failure()).as("back").isEmpty();
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void a_due_read_runs_on_the_refresher_while_the_asker_goes_on_with_the_copy_it_has() throws Exception {
        serves(200, IcalScheduleTest.fixture("pagerduty-primary.ics"));
        List<Runnable> waiting = new ArrayList<>();
        CalendarOnDuty calendar = new CalendarOnDuty(
                feed::fetch, feed.host(), IcalScheduleTest.PEOPLE, Duration.ofMinutes(15), clock, waiting::add);
        assertThat(calendar.refreshNow().copy())
                .as("start-up reads on its own thread")
                .isPresent();
        assertThat(waiting).isEmpty();

        clock.advance(Duration.ofMinutes(16));
        assertThat(calendar.onDuty(clock.instant()))
                .as("a read is due: the asker is answered from the copy it has, without reading")
                .contains("acc-bob");
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(waiting).hasSize(1);
        calendar.onDuty(clock.instant());
        clock.advance(Duration.ofMinutes(16));
        calendar.onDuty(clock.instant());
        assertThat(waiting).as("one read at a time").hasSize(1);

        serves(503, "Service Unavailable");
        waiting.remove(0).run();
        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(calendar.lastKnown().failure())
                .hasValueSatisfying(f -> assertThat(f).contains("HTTP 503"));
        assertThat(calendar.onDuty(clock.instant()))
                .as("still the last good copy")
                .contains("acc-bob");
        assertThat(waiting)
                .as("the failed try began 16 minutes ago: the next is due, again on the refresher")
                .hasSize(1);
    }

    @Test
    void a_feed_that_never_parsed_leaves_nobody_on_duty_and_says_why() {
        serves(200, "<!DOCTYPE html><html><body>Sign in to continue</body></html>");
        CalendarOnDuty calendar = calendar();

        CalendarOnDuty.State state = calendar.refreshNow();
        assertThat(state.copy()).isEmpty();
        assertThat(state.failure()).hasValueSatisfying(f -> assertThat(f).startsWith("not an iCalendar feed"));
        assertThat(calendar.onDuty(clock.instant())).isEmpty();
        assertThat(calendar.shifts(clock.instant(), 3)).isEmpty();
    }

    @Test
    void a_name_not_in_people_is_shown_but_nobody_is_on_duty_then() throws Exception {
        serves(200, IcalScheduleTest.fixture("pagerduty-primary.ics"));
        clock.set(Instant.parse("2026-12-08T00:00:00Z"));
        CalendarOnDuty calendar = calendar();

        assertThat(calendar.onDuty(clock.instant())).isEmpty();
        assertThat(calendar.calendarShifts(clock.instant(), 0)).singleElement().satisfies(s -> {
            assertThat(s.calendarName()).isEqualTo("Erin Unknown");
            assertThat(s.jiraUser()).isEmpty();
        });
    }

    @Test
    void a_feed_that_cannot_be_reached_says_so_by_its_host_only() throws Exception {
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        IcalFeed unreachable =
                new IcalFeed("http://127.0.0.1:" + closed + SECRET_PATH + "?token=s3cr3t", http, Duration.ofSeconds(2));
        CalendarOnDuty calendar = new CalendarOnDuty(
                unreachable::fetch, unreachable.host(), IcalScheduleTest.PEOPLE, Duration.ofMinutes(15), clock);

        assertThat(calendar.refreshNow().failure())
                .hasValueSatisfying(f -> assertThat(f)
                        .startsWith("the calendar at 127.0.0.1 could not be read (ConnectException")
                        .doesNotContain("s3cr3t"));
    }

    @Test
    void webcal_addresses_are_read_over_https_and_a_feed_too_large_is_refused() {
        assertThat(IcalFeed.parse("webcal://acme.pagerduty.com/private/t/feed/P1")
                        .toString())
                .isEqualTo("https://acme.pagerduty.com/private/t/feed/P1");
        serves(200, "X".repeat((int) IcalFeed.MAX_BYTES + 10));
        CalendarOnDuty.State state = calendar().refreshNow();
        assertThat(state.failure()).hasValueSatisfying(f -> assertThat(f).contains("larger than 5 MB"));
    }
}
