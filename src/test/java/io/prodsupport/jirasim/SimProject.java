package io.prodsupport.jirasim;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A project: key, name, lead (its administrator), versions and the issue types every project here has. */
public final class SimProject {
    /** An issue type; ids are what a fresh Jira Software site tends to hand out. */
    public record IssueType(String id, String name, String description) {}

    static final List<IssueType> ISSUE_TYPES = List.of(
            new IssueType("10001", "Task", "A small, distinct piece of work."),
            new IssueType("10002", "Bug", "A problem or error."),
            new IssueType("10003", "Story", "A user story."),
            new IssueType("10004", "Incident", "A problem which impairs or stops the operation of a service."));

    private final long id;
    private final String key;
    private final String name;
    private final SimUser lead;
    private final List<SimVersion> versions = new CopyOnWriteArrayList<>();
    private final AtomicInteger issueNumbers = new AtomicInteger();
    private volatile boolean linksOnCreateScreen = true;

    SimProject(long id, String key, String name, SimUser lead) {
        this.id = id;
        this.key = key;
        this.name = name;
        this.lead = lead;
    }

    public long id() {
        return id;
    }

    public String key() {
        return key;
    }

    public String name() {
        return name;
    }

    public SimUser lead() {
        return lead;
    }

    public List<SimVersion> versions() {
        return List.copyOf(versions);
    }

    public List<IssueType> issueTypes() {
        return ISSUE_TYPES;
    }

    /**
     * Whether the "Linked Issues" field is on this project's create screen, as it is on Jira's default screen.
     * Jira accepts {@code issuelinks} in a create only when it is; off, such a create is refused like any field
     * that is not on the screen, and nothing is created.
     */
    public SimProject linksOnCreateScreen(boolean onScreen) {
        this.linksOnCreateScreen = onScreen;
        return this;
    }

    public boolean linksOnCreateScreen() {
        return linksOnCreateScreen;
    }

    Optional<SimVersion> version(String name) {
        return versions.stream().filter(v -> v.name().equalsIgnoreCase(name)).findFirst();
    }

    Optional<SimVersion> version(long versionId) {
        return versions.stream().filter(v -> v.id() == versionId).findFirst();
    }

    void addVersion(SimVersion version) {
        versions.add(version);
    }

    String nextIssueKey() {
        return key + "-" + issueNumbers.incrementAndGet();
    }

    static Optional<IssueType> issueType(String nameOrId) {
        return ISSUE_TYPES.stream()
                .filter(t -> t.name().equalsIgnoreCase(nameOrId) || t.id().equals(nameOrId))
                .findFirst();
    }
}
