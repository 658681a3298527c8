package io.prodsupport.jirasim;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The mutable state of one issue; guarded by the {@link SimState} lock, never handed out (see {@link SimIssue}). */
final class IssueRecord {
    final long id;
    final String key;
    final SimProject project;
    final SimProject.IssueType issueType;
    final Instant created;
    final SimUser creator;
    SimUser reporter;
    SimUser assignee;
    String summary;
    String description;
    String environment;
    SimPriority priority = SimPriority.MEDIUM;
    SimStatus status = SimWorkflow.TO_DO;
    String resolution;
    Instant resolutionDate;
    Instant updated;
    final List<String> labels = new ArrayList<>();
    final List<SimVersion> fixVersions = new ArrayList<>();
    final Set<SimUser> watchers = new LinkedHashSet<>();
    final List<SimComment> comments = new ArrayList<>();
    final List<SimAttachment> attachments = new ArrayList<>();
    final Map<String, JsonNode> properties = new LinkedHashMap<>();
    /** The changelog, oldest first: every change after the create (the create itself is not a history entry). */
    final List<SimHistory> history = new ArrayList<>();

    IssueRecord(
            long id, String key, SimProject project, SimProject.IssueType issueType, SimUser creator, Instant created) {
        this.id = id;
        this.key = key;
        this.project = project;
        this.issueType = issueType;
        this.creator = creator;
        this.created = created;
        this.updated = created;
    }
}
