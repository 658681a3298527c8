package io.prodsupport.analytics.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import io.prodsupport.analytics.Figures;
import io.prodsupport.analytics.Percentiles;
import io.prodsupport.analytics.Report;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report as one self-contained HTML page a team lead can mail around: the figures, charts of resolution times
 * over the weeks, incidents opened and resolved per week, follow-ups created vs done, the recurring causes, and the
 * slowest incidents with links into Jira. The Pebble template escapes every value; the charts' data goes in as JSON
 * with {@code <}, {@code >} and {@code &} escaped, and Chart.js is inlined from its WebJar.
 */
public final class ReportHtml {

    /** The template engine of the report and the console's pages: every value escaped, strict variables. */
    private static final PebbleEngine ENGINE = new PebbleEngine.Builder()
            .loader(new ClasspathLoader(ReportHtml.class.getClassLoader()))
            .strictVariables(true)
            .build();

    private static final String TEMPLATE = "io/prodsupport/analytics/render/report.peb";
    /** A recurring cause's table row links this many incidents and counts the rest (the JSON lists them all). */
    static final int SHOWN_KEYS = 12;

    private static final String CSS = resource("report.css");
    private static final String CHARTS_JS = resource("charts.js");

    private ReportHtml() {}

    /** @param browseBase the Jira site's base URL; an incident links to {@code browseBase/browse/KEY} */
    public static String write(Report report, String browseBase) {
        Map<String, Object> context = figures(report, browseBase);
        context.put("css", CSS);
        context.put("chartJs", ChartJs.script());
        context.put("chartsJs", CHARTS_JS);
        context.put("chartJsVersion", ChartJs.version());
        return render(TEMPLATE, context);
    }

    /** The template (a classpath resource) filled in with {@code context}, by the engine the console shares. */
    public static String render(String template, Map<String, Object> context) {
        StringWriter out = new StringWriter();
        try {
            ENGINE.getTemplate(template).evaluate(out, context);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** The report's style sheet. */
    public static String css() {
        return CSS;
    }

    /** The script that draws the charts from the JSON in the element {@code #report-data}. */
    public static String chartsJs() {
        return CHARTS_JS;
    }

    /**
     * What {@code figures.peb} (the figures' tiles, tables and chart canvases) needs: the period, the figures and
     * {@code data}, the charts' JSON for the {@code #report-data} element. A mutable map, for the caller's additions.
     */
    public static Map<String, Object> figures(Report report, String browseBase) {
        Map<String, Object> context = new LinkedHashMap<>();
        String base = browseBase.endsWith("/") ? browseBase.substring(0, browseBase.length() - 1) : browseBase;
        context.put("browse", base + "/browse/");
        context.put("from", report.period().from().toString());
        context.put("to", report.period().to().toString());
        context.put("generatedAt", report.generatedAt().toString());
        context.put("overall", tiles("All incidents", report.figures()));
        List<Map<String, Object>> projects = new ArrayList<>();
        report.projects().forEach((key, figures) -> projects.add(tiles(key, figures)));
        context.put("projects", projects);
        List<Map<String, Object>> causes = new ArrayList<>();
        for (Figures.RecurringCause c : report.figures().recurringCauses()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("term", c.term());
            row.put("count", c.incidents().size());
            row.put(
                    "shown",
                    c.incidents().subList(0, Math.min(SHOWN_KEYS, c.incidents().size())));
            row.put("more", Math.max(0, c.incidents().size() - SHOWN_KEYS));
            causes.add(row);
        }
        context.put("causes", causes);
        List<Map<String, Object>> slowest = new ArrayList<>();
        for (Report.SlowIncident s : report.slowest()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("key", s.key());
            row.put("summary", s.summary() == null ? "" : s.summary());
            row.put("time", human(s.time().getSeconds()));
            row.put("open", s.open());
            slowest.add(row);
        }
        context.put("slowest", slowest);
        context.put("data", chartData(report));
        return context;
    }

    private static String resource(String name) {
        String path = "io/prodsupport/analytics/render/" + name;
        try (java.io.InputStream in = ReportHtml.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing from the classpath: " + path);
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> tiles(String name, Figures f) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("name", name);
        t.put("incidents", f.incidents());
        t.put("resolved", f.resolved());
        t.put("ttrP50", human(f.timeToResolve().p50Seconds()));
        t.put("ttrP90", human(f.timeToResolve().p90Seconds()));
        t.put("ttrCount", f.timeToResolve().count());
        t.put("rcP50", human(f.timeToRootCause().p50Seconds()));
        t.put("rcP90", human(f.timeToRootCause().p90Seconds()));
        t.put("rcCount", f.timeToRootCause().count());
        t.put("followUpsCreated", f.followUps().created());
        t.put("followUpsDone", f.followUps().done());
        return t;
    }

    /** "3 d 4 h", "4 h 10 min", "12 min", "40 s"; "–" when there is no value. */
    static String human(Long seconds) {
        if (seconds == null) {
            return "–";
        }
        Duration d = Duration.ofSeconds(seconds);
        if (d.toDays() > 0) {
            return d.toDays() + " d " + d.toHoursPart() + " h";
        }
        if (d.toHours() > 0) {
            return d.toHours() + " h " + d.toMinutesPart() + " min";
        }
        if (d.toMinutes() > 0) {
            return d.toMinutes() + " min";
        }
        return d.getSeconds() + " s";
    }

    /** Everything the charts draw, as JSON safe inside a {@code <script>} element. */
    private static String chartData(Report report) {
        ObjectNode data = ReportJson.mapper().createObjectNode();
        ArrayNode weeks = data.putArray("weeks");
        ArrayNode p50 = data.putArray("p50Hours");
        ArrayNode p90 = data.putArray("p90Hours");
        for (Report.WeekTimes w : report.resolutionTimes()) {
            weeks.add(w.week());
            p50.add(hours(w.timeToResolve(), true));
            p90.add(hours(w.timeToResolve(), false));
        }
        ArrayNode opened = data.putArray("opened");
        ArrayNode resolved = data.putArray("resolved");
        for (Figures.WeekCount w : report.figures().byWeek()) {
            opened.add(w.opened());
            resolved.add(w.resolved());
        }
        data.put("followUpsCreated", report.figures().followUps().created());
        data.put("followUpsDone", report.figures().followUps().done());
        ArrayNode terms = data.putArray("causeTerms");
        ArrayNode counts = data.putArray("causeCounts");
        for (Figures.RecurringCause c : report.figures().recurringCauses()) {
            terms.add(c.term());
            counts.add(c.incidents().size());
        }
        try {
            return ReportJson.mapper()
                    .writeValueAsString(data)
                    .replace("<", "\\u003c")
                    .replace(">", "\\u003e")
                    .replace("&", "\\u0026");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Double hours(Percentiles p, boolean median) {
        Long s = median ? p.p50Seconds() : p.p90Seconds();
        return s == null ? null : Math.round(s / 36.0) / 100.0;
    }
}
