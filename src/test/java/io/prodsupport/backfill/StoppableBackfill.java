package io.prodsupport.backfill;

import io.prodsupport.app.ConfigLoaders;
import io.prodsupport.app.Wiring;
import io.prodsupport.config.Config;
import io.prodsupport.incident.FollowUpLedger;
import io.prodsupport.jira.HttpJiraClient;
import java.nio.file.Path;
import java.time.Clock;
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
        Wiring wiring = new Wiring(config, Clock.systemUTC());
        try (HttpJiraClient jira = wiring.jiraClient();
                BackfillCheckpoints checkpoints = wiring.backfillCheckpoints();
                FollowUpLedger ledger = wiring.followUpLedger()) {
            Backfill backfill = wiring.backfill(jira, checkpoints, ledger);
            String jql = wiring.incidentScope().jql();
            AtomicInteger finished = new AtomicInteger();
            return backfill.run(new BackfillOptions(jql, false, 0, concurrency, false, false), new BackfillListener() {
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
        } finally {
            wiring.releaseHttp();
        }
    }
}
