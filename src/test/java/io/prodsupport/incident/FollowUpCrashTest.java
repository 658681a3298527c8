package io.prodsupport.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prodsupport.incident.CrashingProcess.Killed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The follow-up path killed at every step in turn: before each Jira call and each ledger write of a clean run the
 * process dies (every later call of it fails too, so nothing it would do on the way out happens), and a restarted
 * one, with a new client and a new connection to the same store, takes over once the dead one's leases ran out.
 * Killing before call n+1 is the same, for everything outside the process, as killing after call n returned, so
 * this covers "before create", "after create before link", "after link before ledger", "after ledger before
 * comment" and every other gap.
 */
class FollowUpCrashTest {

    private static final String ACTIONS = "* Add an alert on pool exhaustion\n** page the on-call\n"
            + "* Load-test checkout before each release\n* Already tracked in SUP-99\n";

    @TempDir
    Path dir;

    /**
     * @param linksOnCreate whether the follow-up project's create screen takes Linked Issues: then each follow-up is
     *                      created linked in one call; otherwise it is created, then linked by a second call
     */
    @ParameterizedTest(name = "links on the create screen: {0}")
    @ValueSource(booleans = {true, false})
    void a_kill_at_any_step_then_a_restart_ends_with_one_follow_up_per_action_each_linked_once_and_one_comment(
            boolean linksOnCreate) throws Exception {
        dir = Files.createDirectory(dir.resolve("links-on-create-" + linksOnCreate));
        List<String> cleanRun;
        try (FollowUpSite s = FollowUpSite.cloudIn(dir, "clean", linksOnCreate)) {
            CrashingProcess clean = CrashingProcess.clean();
            clean.followUps(s).reconcile(s.resolvedIncident(ACTIONS));
            cleanRun = clean.trace;
        }
        assertThat(cleanRun)
                .containsSubsequence(
                        "jira.createIssue",
                        "ledger.created",
                        linksOnCreate ? "ledger.linked" : "jira.linkIssues",
                        "ledger.linked",
                        "jira.addComment",
                        "ledger.commented");
        assertThat(cleanRun.contains("jira.linkIssues")).isEqualTo(!linksOnCreate);

        long duplicates = 0;
        for (int step = 1; step <= cleanRun.size(); step++) {
            try (FollowUpSite s = FollowUpSite.cloudIn(dir, "kill-" + step, linksOnCreate)) {
                String key = s.resolvedIncident(ACTIONS);
                CrashingProcess killed = new CrashingProcess(step);
                assertThatThrownBy(() -> killed.followUps(s).reconcile(key)).isInstanceOf(Killed.class);

                s.clock.advance(FollowUpSite.LEASE.plusSeconds(1));
                FollowUps restarted = s.followUps(s.jira, s.ledger());
                restarted.reconcile(key);
                assertThat(restarted.reconcile(key))
                        .as("a second run after the restart")
                        .isEmpty();

                String at = "killed before step " + step + " (" + cleanRun.get(step - 1) + ")";
                duplicates += s.duplicates(key);
                assertThat(s.followUpsPerAction(key).values()).as(at).hasSize(2).containsOnly(1L);
                assertThat(s.linksPerIssue(key).values()).as(at).hasSize(2).containsOnly(1L);
                assertThat(s.comments(key))
                        .as(at)
                        .hasSize(1)
                        .first()
                        .asString()
                        .contains("Add an alert on pool exhaustion")
                        .contains("Load-test checkout");
            }
        }
        System.out.println(
                "crash test: " + cleanRun.size() + " kill points " + cleanRun + ", duplicates: " + duplicates);
    }
}
