package io.prodsupport.app;

import io.prodsupport.config.Config;
import io.prodsupport.incident.OnDuty;
import io.prodsupport.jira.HttpJiraClient;
import io.prodsupport.oncall.CalendarOnDuty;
import io.prodsupport.oncall.CalendarShift;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "oncall",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Print who is on duty now (onCall.rotation or the onCall.ical calendar) and the next hand-overs,"
                + " people by their Jira name.")
final class OnCallCommand extends ConfiguredCommand {

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    @Option(
            names = "--next",
            defaultValue = "4",
            paramLabel = "N",
            description = "How many hand-overs after the current shift (default: ${DEFAULT-VALUE}).")
    int next;

    /** The time seam for tests; the system clock otherwise. */
    Clock clock = Clock.systemUTC();

    @Override
    int run(Config loaded, PrintWriter out, PrintWriter err) {
        if (next < 0) {
            err.println("prodsupport: --next must be 0 or more, not " + next);
            return ConfigOption.BAD_CONFIG;
        }
        Wiring wiring = new Wiring(loaded, clock);
        try {
            Optional<CalendarOnDuty> calendar = wiring.onCall().calendar();
            if (calendar.isPresent()) {
                return calendar(calendar.get(), wiring, out, err);
            }
            List<OnDuty.Shift> shifts = wiring.onCall().onDuty().shifts(clock.instant(), next);
            if (shifts.isEmpty()) {
                out.println("nobody is on duty: onCall.rotation is empty (incidents get no owner or on-duty watcher)");
                out.flush();
                return 0;
            }
            try (HttpJiraClient jira = wiring.jiraClient()) {
                // names are a courtesy: a Jira that does not answer leaves the references as configured
                PeopleNames names = wiring.peopleNames(jira);
                OnDuty.Shift now = shifts.get(0);
                out.println("On duty now: " + names.named(now.person()) + ", until " + WHEN.format(now.until()));
                if (shifts.size() > 1) {
                    out.println("Next hand-overs:");
                    shifts.subList(1, shifts.size())
                            .forEach(s -> out.println("  " + WHEN.format(s.from()) + "  " + names.named(s.person())));
                }
                out.flush();
                return 0;
            }
        } finally {
            wiring.releaseHttp();
        }
    }

    /** The calendar's view: read now; its names as the calendar gives them, mapped ones by their Jira name too. */
    private int calendar(CalendarOnDuty calendar, Wiring wiring, PrintWriter out, PrintWriter err) {
        CalendarOnDuty.State state = calendar.refreshNow();
        if (state.copy().isEmpty()) {
            err.println("prodsupport: the on-call calendar (onCall.ical.url) cannot be used: "
                    + state.failure().orElse("it was never read"));
            err.flush();
            return 1;
        }
        Instant now = clock.instant();
        List<CalendarShift> shifts = calendar.calendarShifts(now, next);
        out.println("On-call calendar: " + state.copy().get().schedule().events() + " event(s)");
        if (shifts.isEmpty()) {
            out.println("nobody is on duty now or in the next " + CalendarOnDuty.HORIZON.toDays()
                    + " days by the calendar");
            out.flush();
            return 0;
        }
        try (HttpJiraClient jira = wiring.jiraClient()) {
            PeopleNames names = wiring.peopleNames(jira);
            int at = 0;
            if (!shifts.get(0).from().isAfter(now)) {
                CalendarShift current = shifts.get(0);
                out.println("On duty now: " + who(current, names) + ", until " + WHEN.format(current.until()));
                at = 1;
            } else {
                out.println("On duty now: nobody (a gap in the calendar)");
            }
            if (shifts.size() > at) {
                out.println("Next hand-overs:");
                shifts.subList(at, shifts.size())
                        .forEach(s -> out.println("  " + WHEN.format(s.from()) + "  " + who(s, names)));
            }
            out.flush();
            return 0;
        }
    }

    private static String who(CalendarShift shift, PeopleNames names) {
        return shift.jiraUser()
                .map(user -> {
                    String named = names.named(user);
                    return named.equals(shift.calendarName()) ? named : named + " (" + shift.calendarName() + ")";
                })
                .orElse(shift.calendarName() + " (not in onCall.people: nobody is assigned)");
    }
}
