package io.prodsupport.backfill;

import io.prodsupport.app.ConfigLoaders;
import io.prodsupport.config.Config;
import io.prodsupport.incident.FixVersions;
import io.prodsupport.incident.FollowUpLedger;
import io.prodsupport.incident.FollowUpSettings;
import io.prodsupport.incident.FollowUps;
import io.prodsupport.incident.IncidentReconciler;
import io.prodsupport.incident.IncidentScope;
import io.prodsupport.incident.OnCallRotation;
import io.prodsupport.jira.HttpJiraClient;
import io.prodsupport.jira.JiraConnection;
import io.prodsupport.jira.JiraCredentials;
import io.prodsupport.jira.RetryBudget;
import io.prodsupport.store.Stores;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A backfill that is stopped the way Ctrl-C stops it ({@link Backfill#stop()}, which the command's shutdown hook
 * calls) once {@code after} tickets are finished, while others are in flight. Built from the same config file the
 * command reads, as {@code Wiring} builds it, so a later {@code prodsupport backfill --resume} finds its checkpoint.
 */
final class StoppableBackfill {

    private StoppableBackfill() {}

    static BackfillSummary runAndStopAfter(Path configFile, int after, int concurrency) throws Exception {
        Config config = ConfigLoaders.withTemplateSections(Map.of()).load(configFile);
        Config.Jira site = config.jira();
        JiraCredentials credentials = site.usesPersonalAccessToken()
                ? new JiraCredentials.PersonalAccessToken(
                        site.personalAccessToken().value())
                : new JiraCredentials.CloudToken(site.email(), site.apiToken().value());
        IncidentScope scope = new IncidentScope(
                config.incidents().projects(),
                config.incidents().issueTypes(),
                config.incidents().labelFilter());
        try (HttpJiraClient jira = new HttpJiraClient(
                        new JiraConnection(site.baseUrl(), credentials, Duration.ofSeconds(10), RetryBudget.DEFAULT));
                BackfillCheckpoints checkpoints =
                        Stores.openBackfillCheckpoints(config.store().url(), null, null);
                FollowUpLedger ledger = Stores.openFollowUpLedger(config.store().url(), null, null)) {
            IncidentReconciler reconciler = new IncidentReconciler(
                    jira,
                    scope,
                    new FixVersions(jira, config.incidents().fixVersion()),
                    List.of(),
                    OnCallRotation.nobody(),
                    Clock.systemUTC());
            Config.FollowUps f = config.followUps();
            FollowUps followUps = new FollowUps(
                    jira,
                    scope,
                    new FollowUpSettings(f.project(), f.issueType(), f.linkType(), f.labels(), f.inheritPriority()),
                    ledger,
                    Clock.systemUTC(),
                    FollowUps.DEFAULT_LEASE);
            Backfill backfill =
                    new Backfill(jira, reconciler, new ResolvedTickets(followUps), checkpoints, Clock.systemUTC());
            AtomicInteger finished = new AtomicInteger();
            return backfill.run(
                    new BackfillOptions(scope.jql(), false, 0, concurrency, false, false), new BackfillListener() {
                        @Override
                        public void starting(long expected) {}

                        @Override
                        public void skipped() {}

                        @Override
                        public void finished(TicketResult result) {
                            if (finished.incrementAndGet() == after) {
                                backfill.stop();
                            }
                        }

                        @Override
                        public void ended() {}
                    });
        }
    }
}
