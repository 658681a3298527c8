package io.prodsupport.app;

import io.prodsupport.config.Config;
import io.prodsupport.incident.OnCallRotation;
import io.prodsupport.jira.HttpJiraClient;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "oncall",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Print who is on duty now (onCall.rotation) and the next hand-overs, people by their Jira name.")
final class OnCallCommand implements Callable<Integer> {

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    @Mixin
    ConfigOption config;

    @Option(
            names = "--next",
            defaultValue = "4",
            paramLabel = "N",
            description = "How many hand-overs after the current shift (default: ${DEFAULT-VALUE}).")
    int next;

    @Spec
    CommandSpec spec;

    /** The time seam for tests; the system clock otherwise. */
    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Config loaded = config.loadOrReport(System.getenv(), err);
        if (loaded == null) {
            return ConfigOption.BAD_CONFIG;
        }
        if (next < 0) {
            err.println("prodsupport: --next must be 0 or more, not " + next);
            return ConfigOption.BAD_CONFIG;
        }
        Wiring wiring = new Wiring(loaded, clock);
        List<OnCallRotation.Shift> shifts = wiring.rotation().shifts(clock.instant(), next);
        if (shifts.isEmpty()) {
            out.println("nobody is on duty: onCall.rotation is empty (incidents get no owner or on-duty watcher)");
            out.flush();
            return 0;
        }
        try (HttpJiraClient jira = wiring.jiraClient()) {
            // names are a courtesy: a Jira that does not answer leaves the references as configured
            PeopleNames names = wiring.peopleNames(jira);
            OnCallRotation.Shift now = shifts.get(0);
            out.println("On duty now: " + names.named(now.person()) + ", until " + WHEN.format(now.until()));
            if (shifts.size() > 1) {
                out.println("Next hand-overs:");
                shifts.subList(1, shifts.size())
                        .forEach(s -> out.println("  " + WHEN.format(s.from()) + "  " + names.named(s.person())));
            }
            out.flush();
            return 0;
        } finally {
            wiring.releaseHttp();
        }
    }
}
