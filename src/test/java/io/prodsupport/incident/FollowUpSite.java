package io.prodsupport.incident;

import io.prodsupport.jira.HttpJiraClient;
import io.prodsupport.jira.JiraClient;
import io.prodsupport.jira.RetryBudget;
import io.prodsupport.jirasim.Flavour;
import io.prodsupport.jirasim.JiraSimulator;
import io.prodsupport.jirasim.SimComment;
import io.prodsupport.jirasim.SimIssue;
import io.prodsupport.jirasim.SimLink;
import io.prodsupport.jirasim.SimSite;
import io.prodsupport.store.Stores;
import io.prodsupport.testing.SettableClock;
import io.prodsupport.testing.SimulatedSite;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What the follow-up tests share: the seeded simulator, the production client over real HTTP, the ledger on a
 * SQLite file, a clock the test moves, and the questions the tests ask of the simulator's state.
 */
final class FollowUpSite implements AutoCloseable {

    static final FollowUpSettings SETTINGS =
            new FollowUpSettings("SUP", "Task", "Relates", List.of("prevention"), true);
    static final IncidentScope SCOPE = new IncidentScope(List.of("OPS"), List.of(), Optional.empty());
    static final Duration LEASE = Duration.ofMinutes(2);

    private final SimulatedSite simulated;
    final JiraSimulator sim;
    final SimSite site;
    final HttpJiraClient jira;
    final SettableClock clock = new SettableClock(Instant.parse("2026-11-23T10:00:00Z"));
    private final String storeUrl;
    private final List<FollowUpLedger> ledgers = new ArrayList<>();

    FollowUpSite(Flavour flavour, Path dir) {
        this(flavour, "jdbc:sqlite:" + dir.resolve("store.db"));
    }

    /**
     * A Cloud site with its SQLite store in a new folder {@code name} under {@code dir}, whose SUP create screen does
     * or does not take Linked Issues (then a follow-up is created linked in one call, or created and then linked).
     */
    static FollowUpSite cloudIn(Path dir, String name, boolean linksOnCreate) throws java.io.IOException {
        FollowUpSite s = new FollowUpSite(Flavour.CLOUD, java.nio.file.Files.createDirectory(dir.resolve(name)));
        s.sim.project("SUP").linksOnCreateScreen(linksOnCreate);
        return s;
    }

    /** With the ledger in this store: a SQLite file or a PostgreSQL database ({@code testing/PostgresServer}). */
    FollowUpSite(Flavour flavour, String storeUrl) {
        simulated = SimulatedSite.start(flavour);
        sim = simulated.sim();
        site = simulated.site();
        jira = simulated.clientFor(
                site.bot(), new RetryBudget(3, Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofSeconds(5)));
        this.storeUrl = storeUrl;
    }

    /** A connection to the ledger; each call opens another, as a restarted process would. */
    FollowUpLedger ledger() {
        FollowUpLedger ledger =
                Stores.openFollowUpLedger(storeUrl, storeUrl.startsWith("jdbc:postgresql:") ? "postgres" : null, null);
        ledgers.add(ledger);
        return ledger;
    }

    FollowUps followUps(JiraClient client, FollowUpLedger ledger) {
        return new FollowUps(client, SCOPE, SETTINGS, ledger, clock, LEASE);
    }

    static final PostMortemSettings POST_MORTEM = new PostMortemSettings("High", "SUP", "Task", "Relates");

    PostMortems postMortems(JiraClient client, FollowUpLedger ledger) {
        return new PostMortems(client, SCOPE, POST_MORTEM, ledger, clock, LEASE);
    }

    /** A resolved incident of this priority, with this Prevention / Mitigation body and a root cause. */
    String resolvedIncident(String priority, String prevention) {
        String key = sim.createIssue("OPS", "Incident", "Checkout down", description(prevention), site.carol());
        sim.setPriority(key, priority, site.alice());
        sim.transition(key, "In Progress", site.alice());
        sim.transition(key, "Done", site.alice());
        return key;
    }

    /** The post-mortem tasks made for the incident, by their origin property. */
    List<SimIssue> postMortemsOf(String incidentKey) {
        return followUpsOf(incidentKey).stream()
                .filter(i -> i.property(FollowUpOrigin.PROPERTY)
                        .path("actionId")
                        .asText()
                        .equals(PostMortems.ACTION_ID))
                .toList();
    }

    /** A resolved incident with this Prevention / Mitigation body and a root cause. */
    String resolvedIncident(String prevention) {
        String key = sim.createIssue("OPS", "Incident", "Checkout down", description(prevention), site.carol());
        sim.transition(key, "In Progress", site.alice());
        sim.transition(key, "Done", site.alice());
        return key;
    }

    static String description(String prevention) {
        return SectionTemplate.wrap("Checkout is down", null)
                .replace("h2. Root Cause(s)\nTBD", "h2. Root Cause(s)\nA config push disabled the payment pool")
                .replace("h2. Prevention / Mitigation\nTBD", "h2. Prevention / Mitigation\n" + prevention);
    }

    /** Every follow-up of the incident in Jira, by its origin property. */
    List<SimIssue> followUpsOf(String incidentKey) {
        return sim.issues().stream()
                .filter(i -> i.property(FollowUpOrigin.PROPERTY) != null)
                .filter(i -> incidentKey.equals(
                        i.property(FollowUpOrigin.PROPERTY).path("incidentKey").asText()))
                .toList();
    }

    /** Follow-ups per action id: exactly one each is the whole point. */
    Map<String, Long> followUpsPerAction(String incidentKey) {
        return followUpsOf(incidentKey).stream()
                .collect(Collectors.groupingBy(
                        i -> i.property(FollowUpOrigin.PROPERTY)
                                .path("actionId")
                                .asText(),
                        Collectors.counting()));
    }

    /** Follow-ups beyond the first for an action, summed over the incident's actions. */
    long duplicates(String incidentKey) {
        return followUpsPerAction(incidentKey).values().stream()
                .mapToLong(n -> n - 1)
                .sum();
    }

    /** Links between the incident and each other issue, counted per other issue. */
    Map<String, Long> linksPerIssue(String incidentKey) {
        return sim.issue(incidentKey).links().stream()
                .collect(Collectors.groupingBy(
                        (SimLink l) -> l.inwardKey().equals(incidentKey) ? l.outwardKey() : l.inwardKey(),
                        Collectors.counting()));
    }

    List<String> comments(String key) {
        return sim.issue(key).comments().stream().map(SimComment::body).toList();
    }

    @Override
    public void close() {
        ledgers.forEach(FollowUpLedger::close);
        simulated.close();
    }
}
