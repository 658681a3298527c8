package io.prodsupport.incident;

import io.prodsupport.jira.Issue;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who looks after a new incident (DESIGN.md §1, "created"): the on-duty person owns it when nobody does, and they and
 * the configured watchers watch it. It happens once per incident, when it is new, and never again: a person who stops
 * watching is not added back by the next comment, and once the rotation moves on its new on-duty person is not added
 * to older incidents. That it happened is recorded on the issue itself, in the property {@value #PROPERTY}, so a
 * restart or a second instance sees it too.
 */
public final class Staffing {

    public static final String PROPERTY = "prodsupport.staffed";

    private final List<String> watchers;
    private final OnDuty schedule;
    private final Clock clock;

    public Staffing(List<String> watchers, OnDuty schedule, Clock clock) {
        this.watchers = List.copyOf(watchers);
        this.schedule = schedule;
        this.clock = clock;
    }

    /** Whether the incident was staffed already, by this or an earlier run or another instance. */
    static boolean done(Issue issue) {
        return issue.properties().has(PROPERTY);
    }

    /** The crew for an incident staffed now: the on-duty person (if a rotation is set) and every watcher. */
    Crew crew() {
        Instant now = clock.instant();
        Optional<String> onDuty = schedule.onDuty(now);
        Set<String> watching = new LinkedHashSet<>(watchers);
        onDuty.ifPresent(watching::add);
        return new Crew(onDuty, List.copyOf(watching), now);
    }

    /** What {@value #PROPERTY} says of the incident, for {@code explain}; empty when it was never staffed. */
    static Optional<String> describe(Issue issue) {
        return issue.properties()
                .get(PROPERTY, Record.class)
                .map(r -> "staffed at " + r.at()
                        + (r.onDuty() != null ? ", on duty " + r.onDuty() : ", nobody on duty")
                        + (r.watchers().isEmpty() ? ", no watchers" : ", watchers " + String.join(", ", r.watchers())));
    }

    /**
     * The people an incident is staffed with at one moment.
     *
     * @param onDuty   the on-duty person, who owns the incident when nobody does
     * @param watchers everyone who should watch it, the on-duty person included
     */
    record Crew(Optional<String> onDuty, List<String> watchers, Instant at) {

        boolean isEmpty() {
            return watchers.isEmpty();
        }

        /** What {@value Staffing#PROPERTY} records: when, and with whom. */
        Record record() {
            return new Record(at.toString(), onDuty.orElse(null), watchers);
        }
    }

    /** The value of {@value #PROPERTY}. Its JSON field names are read by the Forge panel; keep them. */
    public record Record(String at, String onDuty, List<String> watchers) {}
}
