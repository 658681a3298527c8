package io.prodsupport.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prodsupport.incident.CrashingProcess.Killed;
import io.prodsupport.jira.JiraClient;
import io.prodsupport.jirasim.Flavour;
import io.prodsupport.jirasim.SimIssue;
import io.prodsupport.testing.Intercepted;
import io.prodsupport.testing.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The post-mortem made exactly once by the follow-ups' machinery: the process killed before each step of a clean run
 * (so also after the create and before the ledger knew of it) and restarted; the resolving event delivered several
 * times at once to racing creators on their own store connections, with 500s and lost answers, on SQLite and on
 * PostgreSQL; and the post-mortem's row beside the follow-ups' in one incident's ledger without either disturbing the
 * other.
 */
class PostMortemExactlyOnceTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "links on the create screen: {0}")
    @ValueSource(booleans = {true, false})
    void a_kill_at_any_step_then_a_restart_ends_with_one_task_linked_once(boolean linksOnCreate) throws Exception {
        dir = Files.createDirectory(dir.resolve("links-on-create-" + linksOnCreate));
        List<String> cleanRun;
        try (FollowUpSite s = FollowUpSite.cloudIn(dir, "clean", linksOnCreate)) {
            CrashingProcess clean = CrashingProcess.clean();
            clean.postMortems(s).reconcile(s.resolvedIncident("High", "TBD"));
            cleanRun = clean.trace;
        }
        assertThat(cleanRun)
                .containsSubsequence(
                        "ledger.claim", "jira.createIssue", "ledger.created", "ledger.linked", "ledger.commented");
        assertThat(cleanRun.contains("jira.linkIssues")).isEqualTo(!linksOnCreate);

        for (int step = 1; step <= cleanRun.size(); step++) {
            try (FollowUpSite s = FollowUpSite.cloudIn(dir, "kill-" + step, linksOnCreate)) {
                String key = s.resolvedIncident("High", "TBD");
                CrashingProcess killed = new CrashingProcess(step);
                assertThatThrownBy(() -> killed.postMortems(s).reconcile(key)).isInstanceOf(Killed.class);

                s.clock.advance(FollowUpSite.LEASE.plusSeconds(1));
                PostMortems restarted = s.postMortems(s.jira, s.ledger());
                restarted.reconcile(key);
                assertThat(restarted.reconcile(key))
                        .as("a second run after the restart")
                        .isEmpty();

                String at = "killed before step " + step + " (" + cleanRun.get(step - 1) + ")";
                List<SimIssue> tasks = s.postMortemsOf(key);
                assertThat(tasks).as(at).hasSize(1);
                assertThat(s.linksPerIssue(key))
                        .as(at)
                        .containsExactly(java.util.Map.entry(tasks.get(0).key(), 1L));
                assertThat(s.comments(key))
                        .as(at + ": a post-mortem makes no comment")
                        .isEmpty();
            }
        }
    }

    @Test
    void racing_redeliveries_under_500s_and_lost_answers_make_one_task_on_sqlite() throws Exception {
        try (FollowUpSite s = new FollowUpSite(Flavour.CLOUD, dir)) {
            race(s, 20261129L);
        }
    }

    @Test
    void racing_redeliveries_under_500s_and_lost_answers_make_one_task_on_postgresql() throws Exception {
        try (FollowUpSite s = new FollowUpSite(Flavour.DATA_CENTER, PostgresServer.freshDatabase("postmortem"))) {
            race(s, 20261130L);
        }
    }

    private static final Set<String> WRITES = Set.of("createIssue", "linkIssues");

    private static void race(FollowUpSite s, long seed) throws Exception {
        String key = s.resolvedIncident("Highest", "TBD");
        s.sim.faults().failEvery(3, 500);
        Random random = new Random(seed);
        JiraClient flaky = Intercepted.calls(JiraClient.class, s.jira, method -> () -> {
            if (WRITES.contains(method) && random.nextInt(3) == 0) {
                throw new IllegalStateException("the answer to " + method + " was lost after Jira acted");
            }
        });
        List<Callable<Integer>> deliveries = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            PostMortems creator = s.postMortems(flaky, s.ledger());
            int startDelay = random.nextInt(20);
            deliveries.add(
                    () -> RacingDeliveries.untilHandled(() -> creator.reconcile(key), startDelay, new AtomicInteger()));
        }
        RacingDeliveries.race(deliveries, random);
        s.sim.faults().clear();

        assertThat(s.postMortems(s.jira, s.ledger()).reconcile(key))
                .as("nothing left to do")
                .isEmpty();
        List<SimIssue> tasks = s.postMortemsOf(key);
        assertThat(tasks).hasSize(1);
        assertThat(tasks.get(0).labels()).contains(PostMortems.LABEL);
        assertThat(s.linksPerIssue(key))
                .containsExactly(java.util.Map.entry(tasks.get(0).key(), 1L));
    }

    @Test
    void the_post_mortem_and_the_follow_ups_share_the_ledger_without_touching_each_other() throws Exception {
        try (FollowUpSite s = new FollowUpSite(Flavour.CLOUD, dir)) {
            String key = s.resolvedIncident("High", "* Add an alert on pool exhaustion\n* Load-test checkout\n");
            FollowUpLedger ledger = s.ledger();
            PostMortems postMortems = s.postMortems(s.jira, ledger);
            FollowUps followUps = s.followUps(s.jira, ledger);

            assertThat(postMortems.reconcile(key)).isPresent();
            assertThat(followUps.reconcile(key)).isPresent();
            assertThat(followUps.reconcile(key)).isEmpty();
            assertThat(postMortems.reconcile(key)).isEmpty();

            String task = s.postMortemsOf(key).get(0).key();
            assertThat(s.followUpsPerAction(key)).hasSize(3).containsEntry(PostMortems.ACTION_ID, 1L);
            assertThat(s.comments(key))
                    .singleElement()
                    .asString()
                    .contains("Add an alert on pool exhaustion")
                    .doesNotContain(task);
            assertThat(followUps.explain(s.jira.getIssue(key, FollowUps.FIELDS)))
                    .hasSize(2);
            assertThat(ledger.records(key)).hasSize(3).allMatch(r -> r.state() == FollowUpRecord.State.COMMENTED);
        }
    }
}
