package io.prodsupport.jirasim;

import io.prodsupport.jirasim.jql.JqlQuery;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Everything the site stores. One monitor (this object) guards it all: requests arrive concurrently, and a
 * single lock keeps each Jira operation atomic (an issue and its properties appear together) at no cost that
 * matters for a test double.
 */
final class SimState {
    final Flavour flavour;
    final Clock clock;
    final SimWorkflow workflow = new SimWorkflow();
    final List<SimUser> users = new ArrayList<>();
    final Map<String, SimProject> projects = new LinkedHashMap<>();
    /** By key, in creation order. Add through {@link #addIssue}, which keeps the indexes below. */
    final Map<String, IssueRecord> issues = new LinkedHashMap<>();
    /** The version a Data Center site reports in serverInfo (Cloud reports 1001.0.0-SNAPSHOT). */
    volatile String dataCenterVersion = "9.12.15";
    /*
     * Indexes, so a site of 100,000 issues costs a request what a site of 100 does: rendering an issue reads its own
     * links, not every link; a search restricted to a project or a label (the follow-up search is both) evaluates the
     * issues that can match, not every issue.
     */
    private final Map<String, IssueRecord> issuesById = new HashMap<>();
    private final Map<String, List<SimLink>> linksByKey = new HashMap<>();
    /** Per project, its issue keys by issue number: key order, for searches paged by key. */
    private final Map<String, NavigableMap<Long, String>> keysByProject = new HashMap<>();

    private final Map<String, Set<String>> keysByLabel = new HashMap<>();
    /** Bytes one attachment may have; Jira answers 413 above it. */
    volatile long maxAttachmentSize = AttachmentRoutes.DEFAULT_MAX_SIZE;

    private final AtomicLong ids = new AtomicLong(10000);
    private final Random random = new Random(42);

    SimState(Flavour flavour, Clock clock) {
        this.flavour = flavour;
        this.clock = clock;
    }

    /** The major version of a Data Center site: Jira 10 brought secrets to admin webhooks registered over REST. */
    int dataCenterMajor() {
        return Integer.parseInt(dataCenterVersion.split("\\.")[0]);
    }

    long nextId() {
        return ids.getAndIncrement();
    }

    Instant now() {
        return clock.instant();
    }

    synchronized SimUser addUser(String username, String displayName, String email, boolean siteAdmin) {
        if (findUser(username).isPresent()) {
            throw new IllegalArgumentException("user exists: " + username);
        }
        SimUser user;
        if (flavour == Flavour.CLOUD) {
            // Cloud accountIds look like "5b10ac8d82e05b22cc7d4ef5": 24 hex digits.
            byte[] b = new byte[12];
            random.nextBytes(b);
            user = new SimUser(
                    username, displayName, email, siteAdmin, HexFormat.of().formatHex(b), token("ATATT3x"), null);
        } else {
            user = new SimUser(username, displayName, email, siteAdmin, null, null, token("NjE"));
        }
        users.add(user);
        return user;
    }

    private String token(String prefix) {
        byte[] b = new byte[18];
        random.nextBytes(b);
        return prefix + HexFormat.of().formatHex(b);
    }

    /** By username, accountId (Cloud) or key (DC, same as username). */
    synchronized Optional<SimUser> findUser(String idOrName) {
        return users.stream()
                .filter(u -> u.username().equals(idOrName) || idOrName.equals(u.accountId()))
                .findFirst();
    }

    /** The user a REST body names: {accountId} on Cloud, {name} or {key} on DC, exactly as Jira reads it. */
    synchronized Optional<SimUser> userByRestId(String id) {
        return users.stream()
                .filter(u -> flavour == Flavour.CLOUD ? id.equals(u.accountId()) : id.equals(u.username()))
                .findFirst();
    }

    synchronized Optional<SimProject> project(String keyOrId) {
        SimProject byKey = projects.get(keyOrId.toUpperCase());
        if (byKey != null) {
            return Optional.of(byKey);
        }
        return projects.values().stream()
                .filter(p -> String.valueOf(p.id()).equals(keyOrId))
                .findFirst();
    }

    /** By key or id; 404 with Jira's message when there is none. */
    synchronized IssueRecord issue(String keyOrId) {
        return findIssue(keyOrId).orElseThrow(JiraError::issueNotFound);
    }

    synchronized Optional<IssueRecord> findIssue(String keyOrId) {
        IssueRecord byKey = issues.get(keyOrId.toUpperCase());
        return byKey != null ? Optional.of(byKey) : Optional.ofNullable(issuesById.get(keyOrId));
    }

    synchronized void addIssue(IssueRecord r) {
        issues.put(r.key, r);
        issuesById.put(String.valueOf(r.id), r);
        keysByProject.computeIfAbsent(r.project.key(), k -> new TreeMap<>()).put(number(r.key), r.key);
        relabelled(r, List.of());
    }

    /** Call after {@code r.labels} changed from {@code before}. */
    synchronized void relabelled(IssueRecord r, List<String> before) {
        for (String label : before) {
            Set<String> keys = keysByLabel.get(label);
            if (keys != null) {
                keys.remove(r.key);
            }
        }
        for (String label : r.labels) {
            keysByLabel.computeIfAbsent(label, k -> new LinkedHashSet<>()).add(r.key);
        }
    }

    synchronized void addLink(SimLink link) {
        linksByKey.computeIfAbsent(link.inwardKey(), k -> new ArrayList<>()).add(link);
        if (!link.outwardKey().equals(link.inwardKey())) {
            linksByKey
                    .computeIfAbsent(link.outwardKey(), k -> new ArrayList<>())
                    .add(link);
        }
    }

    synchronized List<SimLink> linksOf(String key) {
        return List.copyOf(linksByKey.getOrDefault(key, List.of()));
    }

    /**
     * The issues a search for {@code query} has to look at: every issue that can match, maybe more (the query is still
     * evaluated on each). Narrowed by an index when the query requires a project or a label of every match.
     */
    synchronized Collection<IssueRecord> candidates(JqlQuery query) {
        Optional<Set<String>> labels = query.requiredLabels();
        if (labels.isPresent()) {
            return keysOf(labels.get().stream().map(l -> keysByLabel.getOrDefault(l, Set.of())));
        }
        Optional<Set<String>> wantedProjects = query.requiredProjects();
        if (wantedProjects.isPresent()) {
            return keysOf(resolve(wantedProjects.get()).stream()
                    .map(p -> keysByProject.getOrDefault(p.key(), EMPTY).values()));
        }
        return issues.values();
    }

    /**
     * The one project every match of {@code query} is in, when the query says so: a search ordered by key can then
     * walk that project's issues in key order from where the previous page ended.
     */
    synchronized Optional<String> soleProject(JqlQuery query) {
        return query.requiredProjects()
                .map(this::resolve)
                .filter(projects -> projects.size() == 1)
                .map(projects -> projects.get(0).key());
    }

    /** The issues of {@code projectKey} after {@code afterKey} (null: from its first), in key order. */
    synchronized Iterable<IssueRecord> inKeyOrder(String projectKey, String afterKey) {
        NavigableMap<Long, String> keys = keysByProject.getOrDefault(projectKey, EMPTY);
        NavigableMap<Long, String> after = afterKey == null ? keys : keys.tailMap(number(afterKey), false);
        return () -> after.values().stream()
                .map(issues::get)
                .filter(Objects::nonNull)
                .iterator();
    }

    /** JQL names a project by key, name or id; one this site does not know matches nothing. */
    private List<SimProject> resolve(Set<String> wanted) {
        List<SimProject> found = new ArrayList<>();
        for (String w : wanted) {
            project(w)
                    .or(() -> projects.values().stream()
                            .filter(p -> p.name().equalsIgnoreCase(w))
                            .findFirst())
                    .filter(p -> !found.contains(p))
                    .ifPresent(found::add);
        }
        return found;
    }

    private static long number(String key) {
        return Long.parseLong(key.substring(key.lastIndexOf('-') + 1));
    }

    private static final NavigableMap<Long, String> EMPTY = new TreeMap<>();

    private List<IssueRecord> keysOf(Stream<? extends Collection<String>> keySets) {
        return keySets.flatMap(Collection::stream)
                .distinct()
                .map(issues::get)
                .filter(Objects::nonNull)
                .toList();
    }

    synchronized SimIssue snapshot(IssueRecord r) {
        return SimIssue.of(r, linksOf(r.key));
    }

    /** Site admins administer every project; a project's lead administers that project (Cloud project admin). */
    synchronized boolean isProjectAdmin(SimUser user, SimProject project) {
        return user.siteAdmin() || project.lead().equals(user);
    }
}
