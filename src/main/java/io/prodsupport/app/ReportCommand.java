package io.prodsupport.app;

import io.prodsupport.analytics.Period;
import io.prodsupport.analytics.Report;
import io.prodsupport.analytics.render.ReportCsv;
import io.prodsupport.analytics.render.ReportHtml;
import io.prodsupport.analytics.render.ReportJson;
import io.prodsupport.config.Config;
import io.prodsupport.jira.HttpJiraClient;
import io.prodsupport.jira.JiraException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Incident analytics for the incidents created in [--from, --to) (UTC dates), read from Jira's"
                + " history: time to resolve and to root cause, follow-ups created and done, incidents per week,"
                + " recurring causes. As JSON, CSV or one self-contained HTML page.")
final class ReportCommand extends ConfiguredCommand {

    enum Format {
        json,
        csv,
        html
    }

    @Option(names = "--from", required = true, paramLabel = "YYYY-MM-DD", description = "First day (inclusive).")
    String from;

    @Option(names = "--to", required = true, paramLabel = "YYYY-MM-DD", description = "Last day (exclusive).")
    String to;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "json",
            description = "json, csv or html (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    Path out;

    @Override
    int run(Config loaded, PrintWriter stdout, PrintWriter err) {
        Period period;
        try {
            period = Period.parse(from, to);
        } catch (IllegalArgumentException e) {
            err.println("prodsupport report: " + e.getMessage());
            err.flush();
            return ConfigOption.BAD_CONFIG;
        }
        Wiring wiring = new Wiring(loaded);
        String text;
        try (HttpJiraClient jira = wiring.jiraClient()) {
            Report report = wiring.incidentHistories(jira).report(period);
            text = switch (format) {
                case json -> ReportJson.write(report);
                case csv -> ReportCsv.write(report);
                case html -> ReportHtml.write(report, loaded.jira().baseUrl().toString());
            };
        } catch (JiraException e) {
            err.println("prodsupport report: " + e.getMessage() + " (run `prodsupport check` for details)");
            err.flush();
            return 1;
        } finally {
            wiring.releaseHttp();
        }
        if (out == null) {
            stdout.print(text);
            stdout.flush();
            return 0;
        }
        try {
            write(out, text);
        } catch (IOException e) {
            err.println("prodsupport report: cannot write " + out + ": " + e.getMessage());
            err.flush();
            return 1;
        }
        err.println("prodsupport report: wrote " + out);
        err.flush();
        return 0;
    }

    /** Through a temporary file beside it, so a failed write never leaves half a report where an old one was. */
    private static void write(Path file, String text) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, ".report-", ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
