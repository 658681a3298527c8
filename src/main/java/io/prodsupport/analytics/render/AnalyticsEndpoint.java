package io.prodsupport.analytics.render;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.prodsupport.analytics.IncidentHistories;
import io.prodsupport.analytics.Period;
import io.prodsupport.analytics.Report;
import io.prodsupport.jira.JiraException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/analytics?from=YYYY-MM-DD&to=YYYY-MM-DD}: the report's figures as {@link ReportJson} writes them,
 * the same object {@code prodsupport report --format json} prints. 400 with a one-line {@code error} for bad dates,
 * 502 when Jira cannot answer.
 */
public final class AnalyticsEndpoint implements Handler {

    public static final String PATH = "/api/analytics";

    private static final Logger log = LoggerFactory.getLogger(AnalyticsEndpoint.class);

    private final IncidentHistories histories;

    public AnalyticsEndpoint(IncidentHistories histories) {
        this.histories = histories;
    }

    @Override
    public void handle(Context ctx) {
        Period period;
        try {
            period = Period.parse(ctx.queryParam("from"), ctx.queryParam("to"));
        } catch (IllegalArgumentException e) {
            ctx.status(400).json(Map.of("error", e.getMessage()));
            return;
        }
        Report report;
        try {
            report = histories.report(period);
        } catch (JiraException e) {
            log.warn("analytics for {}..{} failed: {}", period.from(), period.to(), e.getMessage());
            ctx.status(502).json(Map.of("error", "Jira did not answer the analytics' searches: " + e.getMessage()));
            return;
        }
        ctx.contentType("application/json").result(ReportJson.toJson(report).toString());
    }
}
