package io.prodsupport.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.prodsupport.jira.JiraClient;
import io.prodsupport.jirasim.Flavour;
import io.prodsupport.testing.Intercepted;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * The resolving webhook delivered five times at once, in shuffled order, each delivery handled by its own creator
 * (as two instances and the backfill would) on its own connection to the shared store, while the simulator answers
 * 500 on every third call and a third of the writes that did reach Jira lose their answer. Each delivery is retried
 * on failure as the inbox worker would.
 */
class FollowUpRedeliveryTest {

    private static final String ACTIONS =
            "* Add an alert on pool exhaustion\n* Load-test checkout before each release\n"
                    + "* Rotate the payment keys\n* Document the failover runbook\n";
    private static final Set<String> WRITES = Set.of("createIssue", "linkIssues", "addComment");
    private static final int DELIVERIES = 5;

    @TempDir
    Path dir;

    /** Repeated with other seeds and timings: a race that loses one run in two must not pass by luck. */
    @RepeatedTest(3)
    void five_concurrent_out_of_order_deliveries_under_500s_and_lost_answers_make_exactly_one_of_each(
            RepetitionInfo repetition) throws Exception {
        try (FollowUpSite s = new FollowUpSite(Flavour.CLOUD, dir)) {
            String key = s.resolvedIncident(ACTIONS);
            s.sim.faults().failEvery(3, 500);
            Random random = new Random(20261123L + repetition.getCurrentRepetition());
            AtomicInteger lostAnswers = new AtomicInteger();
            AtomicInteger failedAttempts = new AtomicInteger();
            JiraClient flaky = Intercepted.calls(JiraClient.class, s.jira, method -> () -> {
                if (WRITES.contains(method) && random.nextInt(3) == 0) {
                    lostAnswers.incrementAndGet();
                    throw new IllegalStateException("the answer to " + method + " was lost after Jira acted");
                }
            });

            List<Callable<Integer>> deliveries = new ArrayList<>();
            for (int i = 0; i < DELIVERIES; i++) {
                FollowUps creator = s.followUps(flaky, s.ledger());
                int startDelay = random.nextInt(30);
                deliveries.add(
                        () -> RacingDeliveries.untilHandled(() -> creator.reconcile(key), startDelay, failedAttempts));
            }
            RacingDeliveries.race(deliveries, random);
            s.sim.faults().clear();

            assertThat(s.followUps(s.jira, s.ledger()).reconcile(key))
                    .as("nothing left to do")
                    .isEmpty();
            assertThat(s.followUpsPerAction(key).values()).hasSize(4).containsOnly(1L);
            assertThat(s.linksPerIssue(key).values()).hasSize(4).containsOnly(1L);
            assertThat(s.comments(key)).hasSize(1);
            System.out.println("redelivery test: " + DELIVERIES + " deliveries, " + failedAttempts
                    + " failed attempts, "
                    + lostAnswers + " lost answers, Jira calls " + s.sim.calls().snapshot() + ", duplicates: "
                    + s.duplicates(key));
        }
    }
}
