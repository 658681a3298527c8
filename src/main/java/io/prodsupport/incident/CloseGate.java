package io.prodsupport.incident;

import io.prodsupport.jira.Issue;
import io.prodsupport.jira.IssueEdit;
import io.prodsupport.jira.JiraClient;
import io.prodsupport.jira.JiraException;
import io.prodsupport.jira.Transition;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The reactive close gate (DESIGN.md §1): an incident moved to a done status while a required section is empty is
 * moved back to where it came from, with one comment that names the missing sections and mentions who closed it.
 *
 * <p>Each close is handled once, whatever the webhook does: the issue property {@value #PROPERTY} records the
 * changelog id being handled before the issue is moved back, and that the comment was made after it. A redelivered,
 * late or out-of-order event finds either that record or an issue that is no longer done, and does nothing.
 */
public final class CloseGate {

    static final String PROPERTY = "prodsupport.closeGate";
    static final String INCOMPLETE_LABEL = "prodsupport-incomplete";
    static final List<String> FIELDS = List.of("project", "issuetype", "labels", "status", "description");
    static final List<String> PROPERTIES = List.of(PROPERTY);

    private final JiraClient jira;
    private final IncidentScope scope;
    private final List<Section> required;
    /** Closes this instance refused since it started (moved back or labelled): for the service's metrics. */
    private final AtomicLong refused = new AtomicLong();

    public CloseGate(JiraClient jira, IncidentScope scope, List<Section> required) {
        this.jira = jira;
        this.scope = scope;
        this.required = List.copyOf(required);
    }

    /** How many closes this instance has refused (moved back, or labelled) since it started. */
    public long refusedSoFar() {
        return refused.get();
    }

    /**
     * Whether {@code issue} is closed while a required section is still empty: a close the gate refuses when its event
     * comes (or refused, where Jira offered no way back). Nothing is told of such a close.
     */
    public boolean refuses(Issue issue) {
        return scope.covers(issue)
                && issue.fields().isDone()
                && !IncidentDescription.parse(issue.fields().description())
                        .emptySections(required)
                        .isEmpty();
    }

    /**
     * Handles one reported move into a done status of {@code issue}, as read with {@link #FIELDS} and
     * {@link #PROPERTIES}; returns what it did, empty when the close stands.
     */
    public Optional<String> check(Issue issue, ClosingEvent close) {
        if (!scope.covers(issue)) {
            return Optional.empty();
        }
        String key = issue.key();
        Record record = issue.properties().get(PROPERTY, Record.class).orElse(null);
        boolean sameClose = record != null && close.changelogId().equals(record.changelogId());
        if (sameClose && record.commented()) {
            return Optional.empty(); // a redelivery of a close already bounced and explained
        }
        boolean done = issue.fields().isDone();
        if (!sameClose && !done) {
            return Optional.empty(); // moved on since (reopened, or already bounced for this close)
        }
        List<Section> missing =
                IncidentDescription.parse(issue.fields().description()).emptySections(required);
        if (missing.isEmpty()) {
            // filled in: the close stands (or, after a crash mid-way, was filled since; nothing left to say)
            if (sameClose) {
                jira.setIssueProperty(key, PROPERTY, record(close, true));
            }
            return Optional.empty();
        }
        if (!sameClose) {
            jira.setIssueProperty(key, PROPERTY, record(close, false));
        }
        Optional<String> movedTo = done
                ? moveBack(key, close.fromStatus())
                : Optional.of(issue.fields().status().name());
        String comment =
                movedTo.isPresent() ? revertComment(close, missing, movedTo.get()) : incompleteComment(close, missing);
        if (movedTo.isEmpty()) {
            jira.editIssue(key, new IssueEdit().addLabel(INCOMPLETE_LABEL), true);
        }
        jira.addComment(key, comment);
        jira.setIssueProperty(key, PROPERTY, record(close, true));
        refused.incrementAndGet();
        return Optional.of(movedTo.map(s -> "moved back to " + s).orElse("labelled " + INCOMPLETE_LABEL) + "; missing: "
                + titles(missing));
    }

    /** The status it went to, or empty when Jira offers no way back or refuses it (permissions, a screen). */
    private Optional<String> moveBack(String key, String fromStatus) {
        List<Transition> transitions = jira.transitions(key);
        Optional<Transition> back = transitions.stream()
                .filter(t -> t.toStatus() != null && t.toStatus().equalsIgnoreCase(fromStatus))
                .filter(t -> !t.leadsToDone())
                .findFirst()
                .or(() -> transitions.stream().filter(t -> !t.leadsToDone()).findFirst());
        if (back.isEmpty()) {
            return Optional.empty();
        }
        try {
            jira.transition(key, back.get().id());
            return Optional.of(back.get().toStatus());
        } catch (JiraException e) {
            if (e.status() >= 500 || e.status() == 429 || e.status() == 0) {
                throw e; // Jira is unwell, not refusing: try again later
            }
            return Optional.empty();
        }
    }

    private String revertComment(ClosingEvent close, List<Section> missing, String status) {
        return who(close) + "this incident went back to *" + status + "*: it cannot be done while "
                + (missing.size() == 1 ? "this section is" : "these sections are") + " empty or TBD: "
                + titles(missing) + ". Fill " + (missing.size() == 1 ? "it" : "them")
                + " in, then close it again.";
    }

    private String incompleteComment(ClosingEvent close, List<Section> missing) {
        return who(close) + "this incident was closed while " + titles(missing)
                + (missing.size() == 1 ? " is" : " are") + " empty or TBD, and prodsupport could not move it back."
                + " It is labelled " + INCOMPLETE_LABEL + " until the sections are filled in.";
    }

    private String who(ClosingEvent close) {
        return close.closedBy() == null || close.closedBy().isBlank()
                ? ""
                : IncidentReconciler.mention(close.closedBy(), jira.flavour()) + " ";
    }

    private static String titles(List<Section> sections) {
        return String.join(", ", sections.stream().map(Section::title).toList());
    }

    private static Record record(ClosingEvent close, boolean commented) {
        return new Record(close.changelogId(), close.fromStatus(), commented);
    }

    /** The value of {@value #PROPERTY}: which close is being handled, and whether its comment was made. */
    /** What {@value #PROPERTY} says of the last close the gate refused, for {@code explain}. */
    static Optional<String> describe(Issue issue) {
        return issue.properties()
                .get(PROPERTY, Record.class)
                .map(r -> "close gate: last refused the close of change "
                        + r.changelogId() + (r.fromStatus().isEmpty() ? "" : " (from " + r.fromStatus() + ")")
                        + (r.commented() ? " and said why in a comment" : "; the comment saying why is still to come"));
    }

    record Record(String changelogId, String fromStatus, boolean commented) {}
}
