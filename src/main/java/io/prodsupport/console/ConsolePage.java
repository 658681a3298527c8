package io.prodsupport.console;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.prodsupport.analytics.IncidentHistories;
import io.prodsupport.analytics.Period;
import io.prodsupport.analytics.Report;
import io.prodsupport.analytics.render.ChartJs;
import io.prodsupport.analytics.render.ReportHtml;
import io.prodsupport.explain.Activity;
import io.prodsupport.explain.ActivityLog;
import io.prodsupport.inbox.DeadLetter;
import io.prodsupport.inbox.Inbox;
import io.prodsupport.jira.JiraException;
import io.prodsupport.webhook.ApiRoutes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /console[?from=YYYY-MM-DD&to=YYYY-MM-DD]}: the operator's view (inbox depth and oldest pending event,
 * dead letters with their error and a replay button, the last events and their outcome, channels and timers, who is
 * on duty) above the analytics' figures and charts for the period, by default the last {@link #DEFAULT_WEEKS} weeks.
 * A part that cannot be read (the store, Jira) says so in its panel; the rest of the page is still shown.
 */
public final class ConsolePage implements Handler {

    public static final String PATH = "/console";
    static final int DEFAULT_WEEKS = 12;
    /** How many of the last events the page lists. */
    static final int RECENT = 25;
    /**
     * How long the figures of a period are kept: reloading the page (after a replay, say) does not search Jira again.
     * The operator's view is read fresh every time.
     */
    static final Duration FIGURES_TTL = Duration.ofMinutes(5);
    /** Periods whose figures are kept at most. */
    static final int CACHED_PERIODS = 8;

    private static final Logger log = LoggerFactory.getLogger(ConsolePage.class);
    private static final String TEMPLATE = "io/prodsupport/console/console.peb";
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private final Inbox inbox;
    private final ActivityLog activity;
    private final IncidentHistories histories;
    private final String jiraBase;
    private final Supplier<Optional<String>> onDuty;
    private final Supplier<List<StatusLine>> status;
    private final Clock clock;
    private final Map<Period, Computed> figures = new LinkedHashMap<>();

    private record Computed(Report report, Instant at) {}

    /**
     * @param jiraBase the Jira site's base URL, for links to incidents
     * @param onDuty   who the rotation has on duty now, by display name; empty without a rotation
     * @param status   the channels and timers as they are now
     */
    public ConsolePage(
            Inbox inbox,
            ActivityLog activity,
            IncidentHistories histories,
            String jiraBase,
            Supplier<Optional<String>> onDuty,
            Supplier<List<StatusLine>> status,
            Clock clock) {
        this.inbox = inbox;
        this.activity = activity;
        this.histories = histories;
        this.jiraBase = jiraBase;
        this.onDuty = onDuty;
        this.status = status;
        this.clock = clock;
    }

    @Override
    public void handle(Context ctx) {
        Instant now = clock.instant();
        LocalDate tomorrow = LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(1);
        Period period = new Period(tomorrow.minusWeeks(DEFAULT_WEEKS), tomorrow);
        String periodError = "";
        if (ctx.queryParam("from") != null || ctx.queryParam("to") != null) {
            try {
                period = Period.parse(ctx.queryParam("from"), ctx.queryParam("to"));
            } catch (IllegalArgumentException e) {
                periodError = e.getMessage() + "; showing the last " + DEFAULT_WEEKS + " weeks";
            }
        }
        Map<String, Object> context;
        String analyticsError = "";
        try {
            Computed computed = figures(period, now);
            context = ReportHtml.figures(computed.report(), jiraBase);
            context.put("figuresAt", TIME.format(computed.at()));
        } catch (JiraException e) {
            log.warn("console: analytics for {}..{} failed: {}", period.from(), period.to(), e.getMessage());
            context = new LinkedHashMap<>();
            context.put("from", period.from().toString());
            context.put("to", period.to().toString());
            analyticsError = "Jira did not answer the analytics' searches: " + e.getMessage();
        }
        String browse = (jiraBase.endsWith("/") ? jiraBase : jiraBase + "/") + "browse/";
        context.put("browse", browse);
        context.put("periodError", periodError);
        context.put("analyticsError", analyticsError);
        context.put("chartJsVersion", ChartJs.version());
        Object csrf = ctx.attribute(ApiRoutes.CSRF_FIELD);
        context.put("csrf", csrf == null ? "" : csrf.toString());
        context.put("replayed", Optional.ofNullable(ctx.queryParam("replayed")).orElse(""));
        context.put("now", TIME.format(now));
        operations(context, now);
        context.put("onDuty", onDuty.get().orElse(""));
        context.put("status", status.get());

        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.html(ReportHtml.render(TEMPLATE, context));
    }

    /** The period's figures, from Jira unless they were read less than {@link #FIGURES_TTL} ago. */
    private Computed figures(Period period, Instant now) {
        synchronized (figures) {
            Computed cached = figures.get(period);
            if (cached != null && cached.at().plus(FIGURES_TTL).isAfter(now)) {
                return cached;
            }
        }
        Computed computed = new Computed(histories.report(period), now);
        synchronized (figures) {
            figures.remove(period);
            figures.put(period, computed);
            if (figures.size() > CACHED_PERIODS) {
                figures.remove(figures.keySet().iterator().next());
            }
        }
        return computed;
    }

    /** Scripts and styles from this server only; the page's one inline style attribute (a chart's height) allowed. */
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline';"
            + " img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private void operations(Map<String, Object> context, Instant now) {
        String storeError = "";
        long depth = 0;
        String oldest = "";
        List<Map<String, Object>> dead = new ArrayList<>();
        List<Map<String, Object>> recent = new ArrayList<>();
        try {
            depth = inbox.depth();
            oldest = inbox.oldestPending()
                    .map(at -> TIME.format(at) + " (" + ago(at, now) + ")")
                    .orElse("");
            for (DeadLetter d : inbox.deadLetters()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", d.deliveryId());
                row.put("issue", d.orderingKey());
                row.put("event", d.webhookEvent());
                row.put("attempts", d.attempts());
                row.put("lastError", d.lastError() == null ? "" : d.lastError());
                row.put("when", TIME.format(d.failedAt()));
                row.put("replay", DeadLetterApi.replayPath(d.deliveryId()));
                dead.add(row);
            }
            for (Activity a : activity.recent(RECENT)) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("at", TIME.format(a.at()));
                row.put("issue", a.issueKey());
                row.put("event", a.event() == null ? "" : a.event());
                row.put("source", source(a.source()));
                row.put("mode", a.mode().name().toLowerCase(java.util.Locale.ROOT));
                row.put("did", a.did().isEmpty() ? List.of("nothing to do") : a.did());
                recent.add(row);
            }
        } catch (RuntimeException e) {
            log.warn("console: the store did not answer: {}", e.getMessage());
            storeError = "The store did not answer: " + e.getMessage();
        }
        context.put("storeError", storeError);
        context.put("depth", depth);
        context.put("oldestPending", oldest);
        context.put("deadLetters", dead);
        context.put("recent", recent);
    }

    /** What brought an event: a webhook delivery, the sweep, a backfill. */
    static String source(String source) {
        if (source == null) {
            return "";
        }
        if (source.startsWith("sweep")) {
            return "sweep";
        }
        if (source.startsWith("backfill")) {
            return "backfill";
        }
        if (source.startsWith("mail")) {
            return "mail";
        }
        return "webhook";
    }

    static String ago(Instant then, Instant now) {
        Duration d = Duration.between(then, now);
        if (d.isNegative() || d.toMinutes() < 1) {
            return "just now";
        }
        if (d.toHours() < 1) {
            return d.toMinutes() + " min ago";
        }
        if (d.toDays() < 1) {
            return d.toHours() + " h " + d.toMinutesPart() + " min ago";
        }
        return d.toDays() + " d " + d.toHoursPart() + " h ago";
    }

    static String resource(String name) {
        String path = "io/prodsupport/console/" + name;
        try (InputStream in = ConsolePage.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing from the classpath: " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
