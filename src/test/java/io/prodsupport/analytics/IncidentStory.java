package io.prodsupport.analytics;

import io.prodsupport.jirasim.JiraSimulator;
import io.prodsupport.jirasim.SimUser;
import io.prodsupport.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;

/**
 * Writes an incident's history into a simulated Jira at known times: the simulator's clock is set to each moment
 * before the change is made, so its changelog carries exactly these times.
 */
public final class IncidentStory {

    private final JiraSimulator sim;
    private final SettableClock clock;
    private final SimUser person;
    private final String key;
    private final Instant created;

    private IncidentStory(JiraSimulator sim, SettableClock clock, SimUser person, String key, Instant created) {
        this.sim = sim;
        this.clock = clock;
        this.person = person;
        this.key = key;
        this.created = created;
    }

    /** An incident in OPS created at {@code at}, its description in the template with {@code rootCause}. */
    public static IncidentStory open(
            JiraSimulator sim, SettableClock clock, SimUser person, Instant at, String summary, String rootCause) {
        clock.set(at);
        String key = sim.createIssue("OPS", "Incident", summary, templated(summary, rootCause), person);
        return new IncidentStory(sim, clock, person, key, at);
    }

    public static String templated(String request, String rootCause) {
        return "h2. The Original Request\n" + request + "\n\nh2. Symptoms\nTBD\n\nh2. Scope\nTBD\n\nh2. Root Cause(s)\n"
                + rootCause + "\n\nh2. Prevention / Mitigation\nTBD";
    }

    public String key() {
        return key;
    }

    public IncidentStory rootCause(Duration after, String rootCause) {
        clock.set(created.plus(after));
        sim.editDescription(key, templated(sim.issue(key).summary(), rootCause), person);
        return this;
    }

    public IncidentStory resolve(Duration after) {
        clock.set(created.plus(after));
        sim.transition(key, "Done", person);
        return this;
    }

    public IncidentStory reopen(Duration after) {
        clock.set(created.plus(after));
        sim.transition(key, "Reopened", person);
        return this;
    }
}
