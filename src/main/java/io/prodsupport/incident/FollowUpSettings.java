package io.prodsupport.incident;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Where follow-ups go (config section {@code followUps}): the backlog project and issue type, the link type that
 * ties them to the incident, extra labels, and whether they take the incident's priority.
 */
public record FollowUpSettings(
        String project, String issueType, String linkType, List<String> labels, boolean inheritPriority) {

    /** Every follow-up carries it, whatever the config says, so the search for lost ones can narrow on it. */
    public static final String LABEL = "prodsupport-followup";

    public FollowUpSettings {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(issueType, "issueType");
        Objects.requireNonNull(linkType, "linkType");
        labels = labels == null ? List.of() : List.copyOf(labels);
    }

    /**
     * The configured labels, {@link #LABEL} and the incident's {@linkplain #originLabel origin label}, without
     * repeats.
     */
    public List<String> labelsOnCreate(String incidentKey) {
        Set<String> all = new LinkedHashSet<>(labels);
        all.add(LABEL);
        all.add(originLabel(incidentKey));
        return List.copyOf(all);
    }

    /**
     * Names the incident a follow-up came from, as a label ({@code prodsupport-from-OPS-12}). Labels are searchable
     * on every Jira without configuration, unlike entity properties (which need an app to index them), so the
     * search for a follow-up lost in a crash works on Cloud and Data Center alike.
     */
    public static String originLabel(String incidentKey) {
        return "prodsupport-from-" + incidentKey;
    }
}
