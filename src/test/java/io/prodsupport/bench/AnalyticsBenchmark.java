package io.prodsupport.bench;

import io.prodsupport.analytics.Figures;
import io.prodsupport.analytics.IncidentHistories;
import io.prodsupport.analytics.Period;
import io.prodsupport.analytics.Report;
import io.prodsupport.analytics.render.ReportHtml;
import io.prodsupport.analytics.render.ReportJson;
import io.prodsupport.incident.FollowUpSettings;
import io.prodsupport.incident.IncidentScope;
import io.prodsupport.jira.HttpJiraClient;
import io.prodsupport.jira.JiraConnection;
import io.prodsupport.jira.JiraCredentials;
import io.prodsupport.jira.NewIssue;
import io.prodsupport.jirasim.Flavour;
import io.prodsupport.jirasim.JiraSimulator;
import io.prodsupport.jirasim.SimSite;
import io.prodsupport.testing.SettableClock;
import io.prodsupport.testing.SimulatedSite;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Issue 12's performance figure: the analytics over {@value #INCIDENTS} incidents with history, 13 weeks of them,
 * with {@code LATENCY} added to every Jira call, on both flavours. Prints the time, the calls by endpoint and how the
 * searches paged. Request validation against the OpenAPI spec is off here (it is on in the tests): it would add the
 * simulator's own ~3 ms per call to what is measured. Writes the Cloud run's page to target/analytics-report.html.
 */
public final class AnalyticsBenchmark {

    private static final Duration LATENCY = Duration.ofMillis(20);
    private static final int INCIDENTS = 5_000;
    private static final Instant START = Instant.parse("2026-08-31T00:00:00Z");
    private static final Period PERIOD = Period.parse("2026-08-31", "2026-11-30");

    private static final List<String> CAUSES = List.of(
            "Log rotation was off on db-%d, the disk filled up",
            "An expired TLS certificate on load balancer %d",
            "The connection pool was exhausted after deploy %d",
            "Disk full on build agent %d",
            "DNS misconfiguration in the new region (change %d)",
            "A memory leak in the payments service, release %d",
            "The nightly cron job %d overlapped with the backup",
            "The SMS provider's rate limit, campaign %d",
            "A schema migration locked the orders table (migration %d)",
            "Feature flag %d misconfigured for all tenants");

    public static void main(String[] args) throws Exception {
        for (Flavour flavour : Flavour.values()) {
            run(flavour);
        }
    }

    private static void run(Flavour flavour) throws Exception {
        SettableClock clock = new SettableClock(START);
        try (JiraSimulator sim = JiraSimulator.builder()
                .flavour(flavour)
                .clock(clock)
                .validateRequests(false)
                .start()) {
            SimSite site = SimSite.seed(sim);
            long seedStart = System.nanoTime();
            int histories;
            try (HttpJiraClient bot = client(sim, site)) {
                histories = seed(sim, site, clock, bot);
            }
            System.out.printf(
                    "%n[%s] seeded %d incidents with %d history entries in %d s%n",
                    flavour, INCIDENTS, histories, (System.nanoTime() - seedStart) / 1_000_000_000);
            clock.set(PERIOD.end().plus(Duration.ofDays(1)));
            sim.faults().latency(LATENCY);
            sim.calls().reset();
            try (HttpJiraClient jira = client(sim, site)) {
                jira.serverInfo(); // as a running service would have it already
                sim.calls().reset();
                IncidentHistories analytics = new IncidentHistories(
                        jira, new IncidentScope(List.of("OPS"), List.of("Incident"), Optional.empty()), "SUP", clock);
                var threads = java.lang.management.ManagementFactory.getThreadMXBean();
                long cpuStart = threads.getCurrentThreadCpuTime();
                long start = System.nanoTime();
                Report report = analytics.report(PERIOD);
                long millis = (System.nanoTime() - start) / 1_000_000;
                long clientCpu = (threads.getCurrentThreadCpuTime() - cpuStart) / 1_000_000;
                Map<String, Integer> calls = sim.calls().snapshot();
                Figures f = report.figures();
                System.out.printf(
                        "[%s] analytics over %s..%s, Jira latency %d ms per call: %d ms, %d calls%n",
                        flavour,
                        PERIOD.from(),
                        PERIOD.to(),
                        LATENCY.toMillis(),
                        millis,
                        sim.calls().total());
                ServiceUnderBench.printCalls(calls, 1, "report");
                System.out.printf(
                        "  of which: added latency %d ms (calls × %d ms), the client's own CPU %d ms (JSON, history,"
                                + " Lucene), the rest the simulator answering%n",
                        sim.calls().total() * LATENCY.toMillis(), LATENCY.toMillis(), clientCpu);
                System.out.printf(
                        "  figures: %d incidents, %d resolved, time to resolve p50 %ds p90 %ds, time to root cause"
                                + " p50 %ds p90 %ds, follow-ups %d created / %d done, %d recurring causes%n",
                        f.incidents(),
                        f.resolved(),
                        f.timeToResolve().p50Seconds(),
                        f.timeToResolve().p90Seconds(),
                        f.timeToRootCause().p50Seconds(),
                        f.timeToRootCause().p90Seconds(),
                        f.followUps().created(),
                        f.followUps().done(),
                        f.recurringCauses().size());
                if (flavour == Flavour.CLOUD) {
                    Path page = Path.of("target", "analytics-report.html");
                    Files.writeString(page, ReportHtml.write(report, "https://acme.atlassian.net"));
                    Files.writeString(Path.of("target", "analytics-report.json"), ReportJson.write(report));
                    System.out.println("  page: " + page + " (" + Files.size(page) / 1024 + " KiB)");
                }
            }
        }
    }

    /**
     * Incidents spread over the 13 weeks. Most get a root cause after (1..17) × 37 min and are resolved after
     * (2..24) × 53 min, slower in some weeks than others; every 7th stays open, every 31st is reopened and resolved
     * again, every 100th has 50 more edits (a history longer than Cloud's search embeds), every 9th keeps a TBD root
     * cause. Every 4th resolved one gets a follow-up, linked at creation, half of them done.
     */
    private static int seed(JiraSimulator sim, SimSite site, SettableClock clock, HttpJiraClient bot) {
        var alice = site.alice();
        Duration spacing = Duration.ofDays(91).dividedBy(INCIDENTS);
        int histories = 0;
        for (int i = 0; i < INCIDENTS; i++) {
            Instant created = START.plus(spacing.multipliedBy(i));
            clock.set(created);
            String summary = "Incident " + i;
            String key = sim.createIssue("OPS", "Incident", summary, templated(summary, "TBD"), alice);
            long week = Duration.between(START, created).toDays() / 7;
            double slow = 1 + (week % 4) * 0.5;
            if (i % 9 != 0) {
                clock.set(created.plus(Duration.ofMinutes(37L * (1 + i % 17))));
                String cause = CAUSES.get(i % CAUSES.size()).formatted(i % 5);
                sim.editDescription(key, templated(summary, cause), alice);
                histories++;
                if (i % 100 == 0) {
                    for (int e = 0; e < 50; e++) {
                        clock.set(clock.instant().plusSeconds(30));
                        sim.editDescription(key, templated(summary + " (" + e + ")", cause), alice);
                        histories++;
                    }
                }
            }
            if (i % 7 == 0) {
                continue;
            }
            Instant resolved = created.plus(Duration.ofMinutes((long) (53 * (2 + i % 23) * slow)));
            clock.set(resolved);
            sim.transition(key, "Done", alice);
            histories++;
            if (i % 31 == 0) {
                clock.set(resolved.plus(Duration.ofHours(1)));
                sim.transition(key, "Reopened", alice);
                clock.set(resolved.plus(Duration.ofHours(5)));
                sim.transition(key, "Done", alice);
                histories += 2;
            }
            if (i % 4 == 1) {
                clock.set(resolved.plus(Duration.ofHours(1)));
                String followUp = bot.createIssue(new NewIssue(
                                        "SUP",
                                        "Task",
                                        "Prevent: " + summary,
                                        null,
                                        List.of("prevention", FollowUpSettings.LABEL),
                                        null,
                                        Map.of())
                                .linkedFrom("Relates", key))
                        .key();
                if (i % 8 == 1) {
                    sim.transition(followUp, "Done", alice);
                }
            }
        }
        return histories;
    }

    private static String templated(String request, String rootCause) {
        return "h2. The Original Request\n" + request + "\n\nh2. Symptoms\nTBD\n\nh2. Root Cause(s)\n" + rootCause
                + "\n\nh2. Prevention / Mitigation\nTBD";
    }

    private static HttpJiraClient client(JiraSimulator sim, SimSite site) {
        var bot = site.bot();
        JiraCredentials credentials = bot.apiToken() != null
                ? new JiraCredentials.CloudToken(bot.email(), bot.apiToken())
                : new JiraCredentials.PersonalAccessToken(bot.personalAccessToken());
        return new HttpJiraClient(new JiraConnection(
                URI.create(sim.baseUrl()), credentials, Duration.ofSeconds(30), SimulatedSite.FAST_RETRIES));
    }
}
