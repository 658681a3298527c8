package io.prodsupport.app;

import io.prodsupport.backfill.Backfill;
import io.prodsupport.backfill.BackfillCheckpoints;
import io.prodsupport.backfill.BackfillListener;
import io.prodsupport.backfill.BackfillOptions;
import io.prodsupport.backfill.BackfillReport;
import io.prodsupport.backfill.BackfillSummary;
import io.prodsupport.backfill.NotificationCheck;
import io.prodsupport.backfill.ProgressDisplay;
import io.prodsupport.backfill.TicketResult;
import io.prodsupport.config.Config;
import io.prodsupport.inbox.StoreUnavailableException;
import io.prodsupport.incident.FollowUpLedger;
import io.prodsupport.jira.HttpJiraClient;
import io.prodsupport.jira.JiraException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "backfill",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Bring old incident tickets up to the standard: the fix version and the section template where"
                + " missing (the original text kept verbatim), follow-ups for the prevention actions of resolved"
                + " tickets. Closed tickets are never reopened; those without a root"
                + " cause are reported. Exit 0 when every ticket was handled, 1 when some failed, 2 for bad"
                + " arguments or config.")
final class BackfillCommand extends ConfiguredCommand {

    @Option(
            names = "--jql",
            paramLabel = "JQL",
            description = "Which tickets (no ORDER BY). Default: the incident projects and issue types of the config.")
    String jql;

    @Option(names = "--dry-run", description = "Change nothing; print per ticket what would change, then the totals.")
    boolean dryRun;

    @Option(
            names = "--limit",
            paramLabel = "N",
            defaultValue = "0",
            description = "Handle at most N tickets in this run (0: all); --resume continues after them.")
    long limit;

    @Option(
            names = "--concurrency",
            paramLabel = "N",
            defaultValue = "4",
            description = "Tickets worked on at once (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(
            names = "--resume",
            description = "Continue after the last ticket an earlier run with this JQL finished,"
                    + " and try its failed tickets again.")
    boolean resume;

    @Option(
            names = "--notify",
            description = "Let Jira e-mail watchers about each edit. Only needed when the account"
                    + " may not turn notifications off (it needs Administer Projects).")
    boolean notify;

    @Option(names = "--report", paramLabel = "FILE", description = "Write a report: Markdown (.md) or CSV (.csv).")
    Path report;

    @Override
    int run(Config loaded, PrintWriter out, PrintWriter err) throws InterruptedException {
        List<String> observed = loaded.incidents().projects().stream()
                .filter(loaded.incidents().mode()::observes)
                .toList();
        if (!dryRun && !observed.isEmpty()) {
            err.println(
                    "prodsupport: " + String.join(", ", observed) + " in observe mode (incidents.mode): the backfill"
                            + " would change them; use --dry-run to see what it would do");
            return ConfigOption.BAD_CONFIG;
        }
        Wiring wiring = new Wiring(loaded);
        BackfillOptions options;
        try {
            options = new BackfillOptions(
                    jql != null ? jql : wiring.incidentScope().jql(), dryRun, limit, concurrency, resume, notify);
            if (report != null && BackfillReport.formatOf(report).isEmpty()) {
                throw new IllegalArgumentException("--report must name a .md or .csv file, not " + report);
            }
        } catch (IllegalArgumentException e) {
            err.println("prodsupport backfill: " + e.getMessage());
            err.flush();
            return ConfigOption.BAD_CONFIG;
        }
        try (HttpJiraClient jira = wiring.jiraClient();
                BackfillCheckpoints checkpoints = wiring.backfillCheckpoints();
                FollowUpLedger ledger = wiring.followUpLedger()) {
            jira.serverInfo();
            if (!dryRun && !notify) {
                List<String> noisy = NotificationCheck.projectsThatWouldNotify(
                        jira, loaded.incidents().projects());
                if (!noisy.isEmpty()) {
                    err.println("prodsupport backfill: the account may not turn Jira's e-mails off in "
                            + String.join(", ", noisy) + " (that needs Administer Projects), so every edit would"
                            + " e-mail the ticket's watchers. Grant it, or run again with --notify to proceed with"
                            + " e-mails.");
                    err.flush();
                    return ConfigOption.BAD_CONFIG;
                }
            }
            return backfill(wiring.backfill(jira, checkpoints, ledger), options, out, err);
        } catch (JiraException e) {
            err.println("prodsupport backfill: " + e.getMessage() + " (run `prodsupport check` for details)");
            return 1;
        } catch (StoreUnavailableException e) {
            err.println("prodsupport backfill: " + e.getMessage());
            return 1;
        } finally {
            wiring.releaseHttp();
        }
    }

    private int backfill(Backfill backfill, BackfillOptions options, PrintWriter out, PrintWriter err)
            throws InterruptedException {
        BackfillListener progress = System.console() != null
                ? ProgressDisplay.bar()
                : ProgressDisplay.lines(err, Duration.ofSeconds(10), Clock.systemUTC());
        BackfillListener listener = dryRun ? printingPlans(progress, out) : progress;
        CountDownLatch done = new CountDownLatch(1);
        // Ctrl-C: stop taking tickets, let those in flight finish, write the checkpoint and the report, then exit
        Thread hook = new Thread(
                () -> {
                    backfill.stop();
                    try {
                        done.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "backfill-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            try (BackfillSummary summary = backfill.run(options, listener)) {
                BackfillReport.totals(summary).forEach(out::println);
                if (report != null) {
                    BackfillReport.write(summary, report);
                    out.println("report: " + report);
                }
                out.flush();
                return summary.exitCode();
            }
        } finally {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it was a Ctrl-C, and the JVM exits once this returns
            }
        }
    }

    /** The dry run's per-ticket lines: what would change, and what a closed ticket lacks. */
    private static BackfillListener printingPlans(BackfillListener progress, PrintWriter out) {
        return new BackfillListener() {
            @Override
            public void starting(long expected) {
                progress.starting(expected);
            }

            @Override
            public void expected(long expected) {
                progress.expected(expected);
            }

            @Override
            public void skipped() {
                progress.skipped();
            }

            @Override
            public void finished(TicketResult result) {
                if (result.notable()) {
                    StringBuilder line = new StringBuilder(result.key())
                            .append(" (")
                            .append(result.status())
                            .append("):");
                    result.changes()
                            .forEach(change -> line.append(" + ").append(change).append(';'));
                    if (result.closedWithGaps()) {
                        line.append(" closed without ")
                                .append(String.join(", ", result.missingOnClose()))
                                .append(';');
                    }
                    if (result.reason() != null) {
                        line.append(" failed: ").append(result.reason()).append(';');
                    }
                    synchronized (out) {
                        out.println(line.substring(0, line.length() - 1));
                    }
                }
                progress.finished(result);
            }

            @Override
            public void ended() {
                progress.ended();
                out.flush();
            }
        };
    }
}
