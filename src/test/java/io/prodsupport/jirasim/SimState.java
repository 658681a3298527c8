package io.prodsupport.jirasim;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

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
    final Map<String, IssueRecord> issues = new LinkedHashMap<>();
    final List<SimLink> links = new ArrayList<>();
    /** The version a Data Center site reports in serverInfo (Cloud reports 1001.0.0-SNAPSHOT). */
    volatile String dataCenterVersion = "9.12.15";
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
        if (byKey != null) {
            return Optional.of(byKey);
        }
        return issues.values().stream()
                .filter(i -> String.valueOf(i.id).equals(keyOrId))
                .findFirst();
    }

    synchronized List<SimLink> linksOf(String key) {
        return links.stream()
                .filter(l -> l.inwardKey().equals(key) || l.outwardKey().equals(key))
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
