package io.prodsupport.jirasim;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The site's one workflow, shaped like Jira's classic default: To Do, In Progress, Done, Reopened. Tests may
 * remove a transition or put a required field on its screen to provoke the failures a real site can have.
 */
public final class SimWorkflow {
    public static final SimStatus TO_DO = new SimStatus("10000", "To Do", "new");
    public static final SimStatus IN_PROGRESS = new SimStatus("3", "In Progress", "indeterminate");
    public static final SimStatus DONE = new SimStatus("10001", "Done", "done");
    public static final SimStatus REOPENED = new SimStatus("4", "Reopened", "indeterminate");
    static final List<SimStatus> STATUSES = List.of(TO_DO, IN_PROGRESS, DONE, REOPENED);

    private final List<SimTransition> transitions = new CopyOnWriteArrayList<>();

    SimWorkflow() {
        add("11", "Start Progress", TO_DO, IN_PROGRESS);
        add("21", "Stop Progress", IN_PROGRESS, TO_DO);
        add("31", "Done", TO_DO, DONE);
        add("31", "Done", IN_PROGRESS, DONE);
        add("41", "Reopen", DONE, REOPENED);
        add("11", "Start Progress", REOPENED, IN_PROGRESS);
        add("31", "Done", REOPENED, DONE);
    }

    private void add(String id, String name, SimStatus from, SimStatus to) {
        transitions.add(new SimTransition(id, name, from, to, Set.of()));
    }

    /** Removes the transition between two statuses (by status name); a no-op when there is none. */
    public SimWorkflow removeTransition(String fromStatus, String toStatus) {
        transitions.removeIf(t ->
                t.from().name().equalsIgnoreCase(fromStatus) && t.to().name().equalsIgnoreCase(toStatus));
        return this;
    }

    /**
     * Puts a required field (a field id such as "resolution" or "customfield_10050") on the screen of the
     * transition between two statuses, so a REST transition without that field in {@code fields} gets 400.
     */
    public SimWorkflow requireField(String fromStatus, String toStatus, String fieldId) {
        for (int i = 0; i < transitions.size(); i++) {
            SimTransition t = transitions.get(i);
            if (t.from().name().equalsIgnoreCase(fromStatus) && t.to().name().equalsIgnoreCase(toStatus)) {
                Set<String> fields = new HashSet<>(t.requiredFields());
                fields.add(fieldId);
                transitions.set(i, new SimTransition(t.id(), t.name(), t.from(), t.to(), Set.copyOf(fields)));
            }
        }
        return this;
    }

    List<SimTransition> availableFrom(SimStatus status) {
        List<SimTransition> out = new ArrayList<>();
        for (SimTransition t : transitions) {
            if (t.from().equals(status)) {
                out.add(t);
            }
        }
        return out;
    }

    Optional<SimTransition> byId(SimStatus from, String id) {
        return availableFrom(from).stream().filter(t -> t.id().equals(id)).findFirst();
    }

    Optional<SimTransition> toStatus(SimStatus from, String toStatusName) {
        return availableFrom(from).stream()
                .filter(t -> t.to().name().equalsIgnoreCase(toStatusName))
                .findFirst();
    }

    static Optional<SimStatus> status(String nameOrId) {
        return STATUSES.stream()
                .filter(s -> s.name().equalsIgnoreCase(nameOrId) || s.id().equals(nameOrId))
                .findFirst();
    }
}
