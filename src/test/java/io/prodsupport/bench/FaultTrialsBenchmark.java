package io.prodsupport.bench;

import io.prodsupport.testing.FaultTrials;
import io.prodsupport.testing.FaultTrials.Figures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Issue 13's fault trials 1 and 2 at full size, figures printed: two {@code prodsupport serve} JVMs on one PostgreSQL
 * behind a balancer, the Jira simulator (Cloud) sending. Trial 1: incidents filed then resolved with two prevention
 * actions each (about ten Jira events per incident, the service's own included), one instance killed with SIGKILL at
 * a moment each seed picks, five seeds. Trial 2: PostgreSQL stopped for 20 s while incidents are being filed.
 * {@code store.leaseTimeout} is 5 s here (default 60 s), so a take-over shows within the run.
 *
 * <p>Arguments: incidents per trial-1 run (default 100), seeds (default 5), trial-2 incidents (default 60).
 */
public final class FaultTrialsBenchmark {

    public static void main(String[] args) throws Exception {
        int incidents = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int seeds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int outageIncidents = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        Duration lease = Duration.ofSeconds(5);
        List<Figures> figures = new ArrayList<>();
        for (int seed = 1; seed <= seeds; seed++) {
            Path dir = Files.createTempDirectory("prodsupport-trial1-");
            Figures f = FaultTrials.killOneInstance(incidents, seed, lease, dir);
            System.out.println(f.row());
            figures.add(f);
        }
        Path dir = Files.createTempDirectory("prodsupport-trial2-");
        Figures outage = FaultTrials.databaseOutage(outageIncidents, Duration.ofSeconds(20), lease, dir);
        System.out.println(outage.row());
        figures.add(outage);

        System.out.println();
        System.out.println(
                "| trial | seed | incidents | Jira events | deliveries refused | duplicates | lost | dead letters"
                        + " | events taken over | time to recover |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        figures.forEach(f -> System.out.println(f.row()));
        System.exit(0);
    }
}
