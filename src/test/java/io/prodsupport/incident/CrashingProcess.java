package io.prodsupport.incident;

import io.prodsupport.jira.JiraClient;
import io.prodsupport.testing.Intercepted;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One process's Jira calls and ledger calls, counted together: the process dies at step {@code killAt} (a kill -9
 * between any two calls), and every call after it fails too. {@link #trace} lists the steps it got through.
 */
final class CrashingProcess {

    /** Thrown at the kill and by every call after it: the process is gone. */
    static final class Killed extends RuntimeException {
        Killed(String at) {
            super("process killed before " + at);
        }
    }

    final List<String> trace = new ArrayList<>();
    private final AtomicInteger steps = new AtomicInteger();
    private final int killAt;
    private volatile boolean dead;

    CrashingProcess(int killAt) {
        this.killAt = killAt;
    }

    /** A process that is never killed: its trace is the whole run. */
    static CrashingProcess clean() {
        return new CrashingProcess(Integer.MAX_VALUE);
    }

    private Runnable step(String what) {
        if (dead || steps.incrementAndGet() == killAt) {
            dead = true;
            throw new Killed(what);
        }
        trace.add(what);
        return () -> {};
    }

    FollowUps followUps(FollowUpSite s) {
        return s.followUps(jira(s), ledger(s));
    }

    PostMortems postMortems(FollowUpSite s) {
        return s.postMortems(jira(s), ledger(s));
    }

    private JiraClient jira(FollowUpSite s) {
        return Intercepted.calls(JiraClient.class, s.jira, m -> step("jira." + m));
    }

    private FollowUpLedger ledger(FollowUpSite s) {
        return Intercepted.calls(FollowUpLedger.class, s.ledger(), m -> step("ledger." + m));
    }
}
