package io.prodsupport.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.prodsupport.jirasim.Flavour;
import io.prodsupport.jirasim.JiraSimulator;
import io.prodsupport.jirasim.SimSite;
import io.prodsupport.testing.SimulatedService;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code oncall} and {@code check} with {@code onCall.ical}: the feed from a local HTTP server, people named by Jira
 * (the simulator), a name missing from {@code onCall.people} said plainly, and a feed that never parsed refused.
 */
class OnCallCalendarCommandsTest {

    @TempDir
    Path dir;

    private JiraSimulator sim;
    private SimSite site;
    private MockWebServer feed;
    private Path configFile;

    @BeforeEach
    void start() throws IOException {
        sim = JiraSimulator.builder().flavour(Flavour.CLOUD).start();
        site = SimSite.seed(sim);
        feed = new MockWebServer();
        feed.start();
        Path url = Files.writeString(
                dir.resolve("ical-url"), feed.url("/private/s3cr3t/feed/P1").toString());
        Path written = SimulatedService.config(site, dir, SimulatedService.freePort(), "");
        String yaml = Files.readString(written);
        yaml = yaml.substring(0, yaml.indexOf("onCall:\n"))
                + "onCall:\n"
                + "  ical:\n"
                + "    url: file:" + url + "\n"
                + "  people:\n"
                + "    Alice Example: " + site.alice().jiraId() + "\n"
                + "    bob@example.com: " + site.bob().jiraId() + "\n"
                + "    Carol Override: " + site.carol().jiraId() + "\n";
        configFile = Files.writeString(written, yaml);
    }

    @AfterEach
    void stop() {
        feed.close();
        sim.close();
    }

    private void serves(String ics) {
        feed.enqueue(new MockResponse.Builder().code(200).body(ics).build());
    }

    private static String fixture(String name) throws IOException {
        return Files.readString(Path.of("test-data/oncall", name));
    }

    private record Run(int exit, String out) {}

    private Run oncall(Instant now) {
        OnCallCommand command = new OnCallCommand();
        command.clock = Clock.fixed(now, ZoneOffset.UTC);
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(command);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        int exit = cli.execute("--config", configFile.toString(), "--next", "3");
        return new Run(exit, out.toString());
    }

    @Test
    void oncall_prints_the_calendar_s_person_now_and_the_next_hand_overs_naming_an_unmapped_one() throws IOException {
        serves(fixture("pagerduty-primary.ics"));

        Run run = oncall(Instant.parse("2026-11-28T12:00:00Z"));

        assertThat(run.exit()).as(run.out()).isZero();
        assertThat(run.out().lines().toList())
                .containsExactly(
                        "On-call calendar: 5 event(s)",
                        "On duty now: Bob Oncall (bob@example.com), until Mon 2026-11-30 09:00 UTC",
                        "Next hand-overs:",
                        "  Mon 2026-11-30 09:00 UTC  Alice Oncall (Alice Example)",
                        "  Mon 2026-12-07 09:00 UTC  Erin Unknown (not in onCall.people: nobody is assigned)");
    }

    @Test
    void a_feed_that_does_not_parse_fails_oncall_and_check_with_the_reason() throws IOException {
        serves("<html><body>Sign in</body></html>");
        Run run = oncall(Instant.parse("2026-11-28T12:00:00Z"));
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out())
                .startsWith("prodsupport: the on-call calendar (onCall.ical.url) cannot be used: not an iCalendar feed")
                .doesNotContain("s3cr3t");

        serves("<html><body>Sign in</body></html>");
        String check = check();
        assertThat(check)
                .contains("on-call calendar (onCall.ical.url): not an iCalendar feed")
                .doesNotContain("s3cr3t");
    }

    @Test
    void check_says_the_feed_parses_and_names_a_person_on_duty_who_is_not_in_people() throws IOException {
        // weekly for ever, so the check (on the wall clock) always has shifts ahead
        serves("""
                BEGIN:VCALENDAR
                VERSION:2.0
                PRODID:-//prodsupport test//EN
                BEGIN:VEVENT
                UID:weekly-zed@example.com
                DTSTAMP:20260101T000000Z
                DTSTART:20260105T090000Z
                DTEND:20260112T090000Z
                RRULE:FREQ=WEEKLY
                SUMMARY:On Call - Zed Unmapped - Primary
                END:VEVENT
                END:VCALENDAR
                """);

        String check = check();

        assertThat(check)
                .contains("on-call calendar parses: 1 event(s), ")
                .contains("on duty now: Zed Unmapped")
                .contains("on-call calendar: \"Zed Unmapped\" is on duty from ")
                .contains("is not in onCall.people; nobody would be assigned then");
        assertThat(check).contains("onCall.people: " + site.bob().jiraId() + " is Bob Oncall");
    }

    private String check() {
        StringWriter out = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        cli.execute("check", "--config", configFile.toString());
        return out.toString();
    }
}
