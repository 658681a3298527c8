package io.prodsupport.jirasim;

/**
 * The site most tests and the demo start from: a service account for prodsupport, two on-call engineers, a
 * reporter, the incident project OPS "Operations" (led by Alice) and the backlog SUP "Support Backlog".
 */
public record SimSite(JiraSimulator sim, SimUser bot, SimUser alice, SimUser bob, SimUser carol) {

    public static SimSite seed(JiraSimulator sim) {
        return seed(sim, true);
    }

    /** @param botIsSiteAdmin false for a service account that may not create versions or mute notifications */
    public static SimSite seed(JiraSimulator sim, boolean botIsSiteAdmin) {
        SimUser bot = sim.addUser("prodsupport-bot", "Prodsupport Bot", "prodsupport-bot@example.com", botIsSiteAdmin);
        SimUser alice = sim.addUser("alice", "Alice Oncall", "alice@example.com", false);
        SimUser bob = sim.addUser("bob", "Bob Oncall", "bob@example.com", false);
        SimUser carol = sim.addUser("carol", "Carol Reporter", "carol@example.com", false);
        sim.addProject("OPS", "Operations", alice);
        sim.addProject("SUP", "Support Backlog", alice);
        return new SimSite(sim, bot, alice, bob, carol);
    }

    /** OPS, SUP or any project added since, e.g. {@code site.project("SUP").linksOnCreateScreen(false)}. */
    public SimProject project(String key) {
        return sim.project(key);
    }

    /** The bot's secret: its API token on Cloud, its personal access token on Data Center. */
    public String botSecret() {
        return bot.apiToken() != null ? bot.apiToken() : bot.personalAccessToken();
    }
}
