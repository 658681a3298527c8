package io.prodsupport.testing;

import io.prodsupport.jirasim.Flavour;
import io.prodsupport.jirasim.JiraSimulator;
import io.prodsupport.jirasim.SimSite;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A prodsupport config for a simulated site: the bot's credentials and the webhook secret as files in
 * {@code dir}, a SQLite store there, incidents in OPS (type Incident), follow-ups in SUP, Alice then Bob on call.
 */
public final class SimulatedService {

    public static final String WEBHOOK_SECRET = "simulated-webhook-secret";

    private SimulatedService() {}

    /** Writes {@code prodsupport.yml} into {@code dir} and returns its path; {@code extraYaml} is appended. */
    public static Path config(SimSite site, Path dir, int port, String extraYaml) {
        return config(site, dir, port, List.of(), extraYaml);
    }

    /** As {@link #config(SimSite, Path, int, String)}, with these people (Jira refs) in {@code incidents.watchers}. */
    public static Path config(SimSite site, Path dir, int port, List<String> watchers, String extraYaml) {
        JiraSimulator sim = site.sim();
        try {
            Path token = Files.writeString(dir.resolve("jira-token"), site.botSecret() + "\n");
            Path secret = Files.writeString(dir.resolve("webhook-secret"), WEBHOOK_SECRET + "\n");
            String credentials = sim.flavour() == Flavour.CLOUD
                    ? "  email: " + site.bot().email() + "\n  apiToken: file:" + token + "\n"
                    : "  personalAccessToken: file:" + token + "\n";
            return Files.writeString(
                    dir.resolve("prodsupport.yml"),
                    "jira:\n"
                            + "  baseUrl: " + sim.baseUrl() + "\n"
                            + credentials
                            + "  retries: {maxAttempts: 3, maxWait: PT5S}\n"
                            + "webhook:\n"
                            + "  port: " + port + "\n"
                            + "  secrets: [\"file:" + secret + "\"]\n"
                            + "store:\n"
                            + "  url: jdbc:sqlite:" + dir.resolve("prodsupport.db") + "\n"
                            + "incidents:\n"
                            + "  projects: [OPS]\n"
                            + "  issueTypes: [Incident]\n"
                            + "  watchers: [" + String.join(", ", watchers) + "]\n"
                            + "followUps:\n"
                            + "  project: SUP\n"
                            + "onCall:\n"
                            + "  rotation: [" + site.alice().jiraId() + ", "
                            + site.bob().jiraId() + "]\n"
                            + "  start: 2026-01-05T09:00:00Z\n"
                            + "  period: P36500D\n"
                            + extraYaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
