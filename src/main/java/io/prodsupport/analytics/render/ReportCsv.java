package io.prodsupport.analytics.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.prodsupport.analytics.Figures;
import io.prodsupport.analytics.Percentiles;
import io.prodsupport.analytics.Report;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The report as one long CSV table, {@code project,figure,key,value}: one row per number, so a spreadsheet can pivot
 * it. {@code project} is {@code all} for the whole scope; {@code key} is the ISO week for {@code byWeek.*} rows and
 * the term for {@code recurringCauses} rows (whose value lists the incidents, space-separated). Figure names are the
 * JSON's paths.
 */
public final class ReportCsv {

    private static final CsvSchema SCHEMA = CsvSchema.builder()
            .addColumn("project")
            .addColumn("figure")
            .addColumn("key")
            .addColumn("value")
            .setUseHeader(true)
            .build();

    private ReportCsv() {}

    public static String write(Report report) {
        List<List<String>> rows = new ArrayList<>();
        rows(rows, "all", report.figures());
        for (Map.Entry<String, Figures> project : report.projects().entrySet()) {
            rows(rows, project.getKey(), project.getValue());
        }
        try {
            // quote only what needs it (RFC 4180), not every string longer than Jackson's quick-check length
            return CsvMapper.builder()
                    .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
                    .build()
                    .writer(SCHEMA)
                    .writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e); // strings always serialise
        }
    }

    private static void rows(List<List<String>> rows, String project, Figures f) {
        row(rows, project, "incidents", "", f.incidents());
        row(rows, project, "resolved", "", f.resolved());
        percentiles(rows, project, "timeToResolve", f.timeToResolve());
        percentiles(rows, project, "timeToRootCause", f.timeToRootCause());
        row(rows, project, "followUps.created", "", f.followUps().created());
        row(rows, project, "followUps.done", "", f.followUps().done());
        for (Figures.WeekCount week : f.byWeek()) {
            row(rows, project, "byWeek.opened", week.week(), week.opened());
            row(rows, project, "byWeek.resolved", week.week(), week.resolved());
        }
        for (Figures.RecurringCause cause : f.recurringCauses()) {
            row(rows, project, "recurringCauses", cause.term(), String.join(" ", cause.incidents()));
        }
    }

    private static void percentiles(List<List<String>> rows, String project, String name, Percentiles p) {
        row(rows, project, name + ".p50Seconds", "", p.p50Seconds());
        row(rows, project, name + ".p90Seconds", "", p.p90Seconds());
        row(rows, project, name + ".count", "", p.count());
    }

    private static void row(List<List<String>> rows, String project, String figure, String key, Object value) {
        rows.add(List.of(project, figure, key, value == null ? "" : value.toString()));
    }
}
