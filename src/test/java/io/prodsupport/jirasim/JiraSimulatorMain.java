package io.prodsupport.jirasim;

import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a seeded simulator until killed, for {@code scripts/demo} and manual poking.
 * Usage: {@code JiraSimulatorMain [cloud|dc] [port]}; defaults from JIRASIM_FLAVOUR and JIRASIM_PORT, else
 * Cloud on a free port. Prints {@code key=value} lines (base URL, the bot's credentials) so scripts can read them.
 */
public final class JiraSimulatorMain {
    private JiraSimulatorMain() {}

    public static void main(String[] args) throws InterruptedException {
        String flavourArg = args.length > 0 ? args[0] : envOr("JIRASIM_FLAVOUR", "cloud");
        int port = Integer.parseInt(args.length > 1 ? args[1] : envOr("JIRASIM_PORT", "0"));
        Flavour flavour = flavourArg.toLowerCase(Locale.ROOT).startsWith("d") ? Flavour.DATA_CENTER : Flavour.CLOUD;

        JiraSimulator sim = JiraSimulator.builder().flavour(flavour).port(port).start();
        SimSite site = SimSite.seed(sim);
        SimUser bot = site.bot();

        System.out.println("JIRA_BASE_URL=" + sim.baseUrl());
        System.out.println("JIRA_FLAVOUR=" + flavour);
        if (flavour == Flavour.CLOUD) {
            System.out.println("JIRA_EMAIL=" + bot.email());
            System.out.println("JIRA_API_TOKEN=" + bot.apiToken());
        } else {
            System.out.println("JIRA_PERSONAL_ACCESS_TOKEN=" + bot.personalAccessToken());
        }
        for (SimUser u : new SimUser[] {site.alice(), site.bob(), site.carol()}) {
            System.out.println("USER_" + u.username().toUpperCase(Locale.ROOT) + "=" + u.jiraId());
        }
        System.out.flush();

        Runtime.getRuntime().addShutdownHook(new Thread(sim::close, "jirasim-shutdown"));
        new CountDownLatch(1).await();
    }

    private static String envOr(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
