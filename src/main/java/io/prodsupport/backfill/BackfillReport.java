package io.prodsupport.backfill;

import io.prodsupport.backfill.TicketResult.Outcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The backfill's account of itself: the totals printed at the end of every run, and the {@code --report} file in
 * Markdown (for a person or a wiki page) or CSV (for a spreadsheet), chosen by the file's extension. Tickets that met
 * the standard are counted, not listed.
 */
public final class BackfillReport {

    public enum Format {
        MARKDOWN,
        CSV
    }

    private BackfillReport() {}

    /** The format for a report file's name, or empty when the extension is neither {@code .md} nor {@code .csv}. */
    public static Optional<Format> formatOf(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".md") || name.endsWith(".markdown")) {
            return Optional.of(Format.MARKDOWN);
        }
        return name.endsWith(".csv") ? Optional.of(Format.CSV) : Optional.empty();
    }

    /** The totals, one line each, for the end of the console output. */
    public static List<String> totals(BackfillSummary s) {
        List<String> lines = new ArrayList<>();
        lines.add((s.dryRun() ? "dry run: " : "") + s.handled() + " ticket(s) handled in " + seconds(s) + " s"
                + (s.searchCompleted() ? "" : " (stopped before the end of the search; --resume continues)"));
        s.resumedAfter()
                .ifPresent(mark -> lines.add("resumed after " + mark + " (" + s.finishedBefore()
                        + " finished by earlier runs, " + s.skipped() + " passed over)"));
        lines.add(
                s.dryRun()
                        ? "would change " + s.count(Outcome.WOULD_CHANGE) + ", already right "
                                + s.count(Outcome.UNCHANGED)
                        : "changed " + s.count(Outcome.CHANGED) + ", already right " + s.count(Outcome.UNCHANGED));
        if (s.count(Outcome.NOT_AN_INCIDENT) + s.count(Outcome.GONE) > 0) {
            lines.add("not incidents by the config " + s.count(Outcome.NOT_AN_INCIDENT) + ", deleted meanwhile "
                    + s.count(Outcome.GONE));
        }
        lines.add("closed without a root cause or its fix: " + s.closedWithGapsCount());
        if (s.throttled() > 0) {
            lines.add("rate-limited by Jira and tried again: " + s.throttled() + " time(s)");
        }
        lines.add("failed: " + s.count(Outcome.FAILED));
        s.failures().forEach(f -> lines.add("  " + f.key() + ": " + f.reason()));
        s.searchFailure().ifPresent(reason -> lines.add("the search failed: " + reason));
        return lines;
    }

    /** Writes the report as it reads the tickets back, so a report of 100,000 tickets is never held in memory. */
    public static void write(BackfillSummary summary, Path file) {
        Format format = formatOf(file)
                .orElseThrow(() -> new IllegalArgumentException("a report is .md or .csv, not " + file.getFileName()));
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            if (format == Format.MARKDOWN) {
                markdown(summary, out);
            } else {
                csv(summary, out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report " + file + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new UncheckedIOException(
                    "cannot write the report " + file + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    static void markdown(BackfillSummary s, Writer md) throws IOException {
        md.append("# prodsupport backfill")
                .append(s.dryRun() ? " (dry run)" : "")
                .append("\n\n");
        md.append("- JQL: `").append(s.jql()).append("`\n");
        md.append("- started ")
                .append(s.startedAt().toString())
                .append(", run time ")
                .append(seconds(s))
                .append(" s\n");
        if (s.resumedAfter().isPresent()) {
            md.append("- resumed after ").append(s.resumedAfter().get()).append('\n');
        }
        md.append("\n## Totals\n\n");
        for (String line : totals(s)) {
            md.append(line.startsWith("  ") ? "  - " + line.strip() : "- " + line)
                    .append('\n');
        }
        md.append("\n## Tickets\n\n");
        boolean any = false;
        try (Stream<TicketResult> all = s.notable()) {
            Iterator<TicketResult> done = all.filter(
                            r -> r.outcome() == Outcome.CHANGED || r.outcome() == Outcome.WOULD_CHANGE)
                    .iterator();
            while (done.hasNext()) {
                TicketResult r = done.next();
                if (!any) {
                    md.append("| ticket | status | ")
                            .append(s.dryRun() ? "would do" : "done")
                            .append(" |\n|---|---|---|\n");
                    any = true;
                }
                md.append("| ")
                        .append(r.key())
                        .append(" | ")
                        .append(cell(r.status()))
                        .append(" | ")
                        .append(cell(String.join("; ", r.changes())))
                        .append(" |\n");
            }
        }
        if (!any) {
            md.append("Nothing ")
                    .append(s.dryRun() ? "would change" : "changed")
                    .append(".\n");
        }
        md.append("\n## Closed without a root cause or its fix\n\n");
        md.append("History is reported, not rewritten: these stay closed.\n\n");
        if (s.closedWithGapsCount() == 0) {
            md.append("None.\n");
        } else {
            md.append("| ticket | status | empty |\n|---|---|---|\n");
            try (Stream<TicketResult> gaps = s.closedWithGaps()) {
                for (Iterator<TicketResult> i = gaps.iterator(); i.hasNext(); ) {
                    TicketResult r = i.next();
                    md.append("| ")
                            .append(r.key())
                            .append(" | ")
                            .append(cell(r.status()))
                            .append(" | ")
                            .append(cell(String.join(", ", r.missingOnClose())))
                            .append(" |\n");
                }
            }
        }
        List<TicketResult> failed = s.failures();
        if (!failed.isEmpty()) {
            md.append("\n## Failed\n\n| ticket | reason |\n|---|---|\n");
            for (TicketResult r : failed) {
                md.append("| ")
                        .append(r.key())
                        .append(" | ")
                        .append(cell(r.reason()))
                        .append(" |\n");
            }
        }
    }

    /** Tickets first (one row each), then a blank line and the totals as outcome,count rows. */
    static void csv(BackfillSummary s, Writer csv) throws IOException {
        csv.append("ticket,status,outcome,changes,closed_without,reason\n");
        try (Stream<TicketResult> all = s.notable()) {
            for (Iterator<TicketResult> i = all.iterator(); i.hasNext(); ) {
                TicketResult r = i.next();
                csv.append(String.join(
                                ",",
                                field(r.key()),
                                field(r.status()),
                                r.outcome().name().toLowerCase(Locale.ROOT),
                                field(String.join("; ", r.changes())),
                                field(String.join("; ", r.missingOnClose())),
                                field(r.reason())))
                        .append('\n');
            }
        }
        csv.append("\noutcome,tickets\n");
        for (Outcome outcome : Outcome.values()) {
            csv.append(outcome.name().toLowerCase(Locale.ROOT))
                    .append(',')
                    .append(Long.toString(s.count(outcome)))
                    .append('\n');
        }
        csv.append("closed_without_root_cause,")
                .append(Long.toString(s.closedWithGapsCount()))
                .append('\n');
        csv.append("run_time_seconds,").append(seconds(s)).append('\n');
    }

    private static String seconds(BackfillSummary s) {
        return String.format(Locale.ROOT, "%.1f", s.runTime().toMillis() / 1000.0);
    }

    private static String cell(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
    }

    /** RFC 4180: quote when needed, double the quotes; a leading = + - @ is defused so a spreadsheet shows text. */
    private static String field(String text) {
        if (text == null) {
            return "";
        }
        String safe = !text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
        return safe.matches("(?s).*[\",\\n\\r].*") ? '"' + safe.replace("\"", "\"\"") + '"' : safe;
    }
}
