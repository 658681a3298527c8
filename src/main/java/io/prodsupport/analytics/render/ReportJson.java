package io.prodsupport.analytics.render;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.prodsupport.analytics.Figures;
import io.prodsupport.analytics.Report;

/**
 * The report as issue 12's JSON object: {@code incidents, resolved, timeToResolve {p50Seconds, p90Seconds, count},
 * timeToRootCause, followUps {created, done}, byWeek [{week, opened, resolved}], recurringCauses [{term,
 * incidents}]}, after the period ({@code from}, {@code to}), and the same per project under {@code projects} when
 * several are configured. Field names come from the records' components, so they cannot drift from the definition.
 */
public final class ReportJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ReportJson() {}

    public static ObjectNode toJson(Report report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("from", report.period().from().toString());
        root.put("to", report.period().to().toString());
        root.setAll(figures(report.figures()));
        if (!report.projects().isEmpty()) {
            ObjectNode projects = root.putObject("projects");
            report.projects().forEach((key, figures) -> projects.set(key, figures(figures)));
        }
        return root;
    }

    public static String write(Report report) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(toJson(report)) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e); // a tree of plain values always serialises
        }
    }

    static ObjectNode figures(Figures figures) {
        return MAPPER.valueToTree(figures);
    }

    static ObjectMapper mapper() {
        return MAPPER;
    }
}
