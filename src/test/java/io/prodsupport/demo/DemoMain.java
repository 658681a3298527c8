package io.prodsupport.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.prodsupport.incident.IncidentDescription;
import io.prodsupport.incident.PostMortems;
import io.prodsupport.incident.Section;
import io.prodsupport.jirasim.Flavour;
import io.prodsupport.jirasim.JiraSimulator;
import io.prodsupport.jirasim.SimIssue;
import io.prodsupport.jirasim.SimSite;
import io.prodsupport.jirasim.SimUser;
import io.prodsupport.testing.SimulatedService;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * The story so far, against a simulated Jira Cloud site, with prodsupport as it runs in production: the real jar
 * in its own process, configured by a YAML file with its secrets in files, receiving signed webhooks.
 */
public final class DemoMain {

    private static final String MAILBOX = "incidents@example.com";

    private static final String REPORT = """
            Since 09:40 UTC customers get "HTTP 500 – something went wrong" when they press *Pay* on /checkout.
            Roughly 30% of attempts fail, EU and US alike. Support has 14 tickets so far.
            {noformat}
            java.lang.IllegalStateException: payment pool exhausted
                at com.acme.pay.PoolClient.borrow(PoolClient.java:88)
            {noformat}""";

    private final Path jar;
    private final Path work;
    private final HttpClient http = HttpClient.newHttpClient();
    private final MockWebServer slack = new MockWebServer();
    /** The incidents mailbox (IMAP) and the mail server people reply through (SMTP), on loopback. */
    private final GreenMail mail = new GreenMail(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP))
            .withConfiguration(GreenMailConfiguration.aConfig().withUser(MAILBOX, MAILBOX, "demo-mailbox-password"));

    private final List<String> slackMessages = new CopyOnWriteArrayList<>();
    /** Hand-over messages, apart: the story counts the messages about its incident. */
    private final List<String> handoverMessages = new CopyOnWriteArrayList<>();

    private DemoMain(Path jar, Path work) {
        this.jar = jar;
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args.length > 0 ? args[0] : "target/prodsupport.jar").toAbsolutePath();
        int exit;
        try {
            exit = new DemoMain(jar, Files.createTempDirectory("prodsupport-demo")).run();
        } catch (Exception | AssertionError e) {
            e.printStackTrace();
            exit = 1; // and do not hang on the simulator's and the service's threads
        }
        System.exit(exit);
    }

    private int run() throws Exception {
        try (JiraSimulator sim = JiraSimulator.builder().flavour(Flavour.CLOUD).start()) {
            SimSite site = SimSite.seed(sim);
            step("A Jira Cloud site (the simulator) is up at " + sim.baseUrl() + ": projects OPS (Operations) and"
                    + " SUP (Support Backlog); Alice and Bob are on call, Carol reports problems.");
            slack.start();
            slack.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    String body = request.getBody().utf8();
                    (body.contains("On-call hand-over") ? handoverMessages : slackMessages).add(body);
                    return new MockResponse.Builder().code(200).body("ok").build();
                }
            });
            Path slackUrl = Files.writeString(
                    work.resolve("slack-webhook-url"),
                    slack.url("/services/T000/B000/demo").toString());
            int port = SimulatedService.freePort();
            mail.start();
            Path mailPassword = Files.writeString(work.resolve("mailbox-password"), "demo-mailbox-password\n");
            Path config = SimulatedService.config(
                    site,
                    work,
                    port,
                    "notify:\n  slack:\n    webhookUrl: file:" + slackUrl + "\n  foldWithin: PT3S\n"
                            + "  checkEvery: PT5S\n"
                            + "mail:\n  imap:\n    host: 127.0.0.1\n    port: "
                            + mail.getImap().getPort()
                            + "\n    tls: false\n    username: " + MAILBOX + "\n    password: file:" + mailPassword
                            + "\n  doneFolder: Processed\n  unmatchedFolder: Unmatched\n"
                            + "postmortem:\n  minPriority: High\n");
            // Alice's turn began 30 s ago (Bob's before it): serve finds a hand-over to announce
            Files.writeString(
                    config,
                    Files.readString(config)
                            .replace(
                                    "  start: 2026-01-05T09:00:00Z\n",
                                    "  start: "
                                            + Instant.now()
                                                    .minusSeconds(30)
                                                    .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                                            + "\n")
                            // week-long turns, as a team would have them (the tests' rotation never turns)
                            .replace("  period: P36500D\n", "  period: P7D\n"));
            step("prodsupport is configured by " + config + "; its secrets are files beside it. A stand-in for a"
                    + " Slack incoming webhook listens at " + slack.url("/").host() + ":" + slack.getPort() + ".");

            step("$ prodsupport check");
            int check = prodsupport("check", "--config", config.toString())
                    .inheritIO()
                    .start()
                    .waitFor();
            if (check != 0) {
                return fail("check failed with exit code " + check);
            }

            step("$ prodsupport serve   (Jira's admin webhook points at http://127.0.0.1:" + port + "/webhook/jira)");
            Process serve = prodsupport("serve", "--config", config.toString(), "--host", "127.0.0.1")
                    .redirectErrorStream(true)
                    .redirectOutput(work.resolve("serve.log").toFile())
                    .start();
            try {
                awaitHealthy(port, serve);
                sim.webhooks().register("http://127.0.0.1:" + port + "/webhook/jira", SimulatedService.WEBHOOK_SECRET);
                step("Alice's on-call turn began 30 s ago: the channels are told who is on duty now, until when, and"
                        + " the open incidents she inherits (looked for every notify.checkEvery, 5 s here)");
                await("the hand-over message", () -> !handoverMessages.isEmpty());
                System.out.println("    Slack was told: "
                        + new ObjectMapper()
                                .readTree(handoverMessages.get(0))
                                .path("text")
                                .asText());
                String key = story(sim, site, port);
                step("$ prodsupport explain " + key + "   (what it did to the incident, and why)");
                int explain = prodsupport("explain", "--config", config.toString(), key)
                        .inheritIO()
                        .start()
                        .waitFor();
                if (explain != 0) {
                    return fail("explain failed with exit code " + explain);
                }
                step("prodsupport's log:");
                Files.readAllLines(work.resolve("serve.log")).forEach(line -> System.out.println("    " + line));
            } finally {
                serve.destroy();
                serve.waitFor();
            }
            step("Jira received " + sim.calls().total() + " calls from prodsupport (check, serve and the sweep):");
            new TreeMap<>(sim.calls().snapshot()).forEach((call, n) -> System.out.printf("    %4d  %s%n", n, call));
            sim.assertNoSpecViolations();
            step("Every request prodsupport sent conformed to Atlassian's OpenAPI spec.");
        }
        slack.close();
        mail.stop();
        step("Done.");
        return 0;
    }

    /** The incident's life; returns its key. */
    private String story(JiraSimulator sim, SimSite site, int port) throws Exception {
        step("Carol files an incident in OPS:");
        Instant filed = Instant.now();
        String key = sim.createIssue("OPS", "Incident", "Checkout fails with HTTP 500", REPORT, site.carol());
        show(sim, sim.issue(key));

        await("the ticket to be well-formed", () -> {
            SimIssue i = sim.issue(key);
            return i.fixVersions().contains("Production Support")
                    && i.assignee() != null
                    && i.description().contains("h2. Root Cause(s)")
                    && i.watchers().contains(site.alice());
        });
        await("prodsupport to finish", () -> idle(sim, port));
        step(Duration.between(filed, Instant.now()).toMillis() + " ms later, after the webhook round trip:");
        show(sim, sim.issue(key));
        await("the Slack announcement", () -> !slackMessages.isEmpty());
        System.out.println("    Slack was told: "
                + new ObjectMapper().readTree(slackMessages.get(0)).path("text").asText());

        step("Bob asks in a comment: \"Why did the pool run out of connections?\" …");
        sim.addComment(key, "Looking at the pool metrics.\nWhy did the pool run out of connections?", site.bob());
        await("the question under Whys", () -> sim.issue(key).description().contains("asked by Bob"));
        await("prodsupport to finish", () -> idle(sim, port));
        String whys = IncidentDescription.parse(sim.issue(key).description())
                .section(Section.WHYS)
                .orElseThrow()
                .body()
                .strip();
        System.out.println("    it landed under Whys, and nothing else in the description moved:");
        System.out.println("    │ h2. Whys\n    │ " + whys.replace("\n", "\n    │ "));

        step("Bob raises the priority to High: a third of all payments fail …");
        sim.setPriority(key, "High", site.bob());
        await("prodsupport to finish", () -> idle(sim, port));

        step("Dave from Payments, who is not in Jira, replies by e-mail to " + MAILBOX + " …");
        int commentsBeforeMail = sim.issue(key).comments().size();
        GreenMailUtil.sendTextEmail(
                MAILBOX,
                "dave@payments.example.com",
                "Re: [" + key + "] Checkout fails with HTTP 500",
                "We rotated the payment provider's credentials at 09:35; that may be related.\n\n"
                        + "On Mon, Carol wrote:\n> Checkout fails with HTTP 500",
                mail.getSmtp().getServerSetup());
        await("the e-mail as a comment", () -> sim.issue(key).comments().size() > commentsBeforeMail);
        await("prodsupport to finish", () -> idle(sim, port));
        System.out.println("    it became a comment on " + key + " (the quoted reply left out):");
        System.out.println("    │ "
                + sim.issue(key).comments().get(commentsBeforeMail).body().replace("\n", "\n    │ "));

        step("Alice closes it while Symptoms, Root Cause(s) and Fixes for the Root Cause are still TBD …");
        int commentsBefore = sim.issue(key).comments().size();
        sim.transition(key, "Done", site.alice());
        await("the close gate", () -> sim.issue(key).comments().size() > commentsBefore);
        SimIssue bounced = sim.issue(key);
        System.out.println("    status: " + bounced.status() + " (it bounced back), comment:");
        System.out.println(
                "    " + rendered(sim, bounced.comments().get(commentsBefore).body()));

        step("Alice fills in the sections and closes it again …");
        String filledIn = bounced.description()
                .replaceFirst("h2. Symptoms\nTBD", "h2. Symptoms\n30% of payments fail with HTTP 500 since 09:40.")
                .replaceFirst(
                        "h2. Root Cause\\(s\\)\nTBD",
                        "h2. Root Cause(s)\nThe 4.2 deploy halved the payment connection pool.")
                .replaceFirst(
                        "h2. Fixes for the Root Cause\nTBD",
                        "h2. Fixes for the Root Cause\nRestore the pool size; alert on pool exhaustion.");
        sim.editDescription(key, filledIn, site.alice());
        sim.transition(key, "Done", site.alice());
        await("prodsupport to finish", () -> idle(sim, port));
        SimIssue closed = sim.issue(key);
        System.out.println("    status: " + closed.status() + ", resolution: " + closed.resolution() + ", comments: "
                + closed.comments().size() + " (the close stands)");
        await(
                "the resolution in Slack (changes are folded for notify.foldWithin, 3 s here)",
                () -> slackMessages.size() >= 2);
        JsonNode resolution = new ObjectMapper().readTree(slackMessages.get(1));
        System.out.println("    Slack was told: " + resolution.path("text").asText());
        System.out.println("      "
                + resolution.path("blocks").path(1).path("text").path("text").asText());

        step("It was resolved at High, and postmortem.minPriority is High: prodsupport opens the post-mortem task …");
        await("the post-mortem task", () -> postMortems(sim, key).size() == 1 && idle(sim, port));
        SimIssue review = postMortems(sim, key).get(0);
        boolean reviewLinked = review.links().stream()
                .anyMatch(l -> l.inwardKey().equals(key) || l.outwardKey().equals(key));
        System.out.println("    " + review.key() + " [" + review.issueType() + "] \"" + review.summary() + "\"  labels "
                + review.labels() + (reviewLinked ? ", linked to " + key : ", NOT linked"));
        System.out.println("    │ " + review.description().strip().replace("\n", "\n    │ "));

        step("The team writes down three prevention actions on the resolved incident …");
        String withActions = closed.description()
                .replaceFirst(
                        "h2. Prevention / Mitigation\nTBD",
                        "h2. Prevention / Mitigation\n* Alert when the payment pool is 80% used\n"
                                + "* Load-test checkout before each release\n** include the 3-D Secure path\n"
                                + "* Make the pool size a reviewed config value");
        sim.editDescription(key, withActions, site.alice());
        await("three follow-ups", () -> followUps(sim, key).size() == 3 && idle(sim, port));
        showFollowUps(sim, key);

        step("A week later someone adds a fourth action …");
        sim.editDescription(key, sim.issue(key).description() + "\n* Page the payments team, not only SRE", site.bob());
        await("the fourth follow-up", () -> followUps(sim, key).size() >= 4 && idle(sim, port));
        showFollowUps(sim, key);
        System.out.println("    " + followUps(sim, key).size() + " follow-ups for 4 actions; comments on " + key + ":");
        sim.issue(key)
                .comments()
                .forEach(c ->
                        System.out.println("    │ " + rendered(sim, c.body()).replace("\n", "\n    │ ")));
        return key;
    }

    private static List<SimIssue> followUps(JiraSimulator sim, String incident) {
        return sim.issues().stream()
                .filter(i -> i.projectKey().equals("SUP")
                        && i.labels().contains("prodsupport-followup")
                        && i.labels().contains("prodsupport-from-" + incident))
                .toList();
    }

    private static List<SimIssue> postMortems(JiraSimulator sim, String incident) {
        return sim.issues().stream()
                .filter(i ->
                        i.labels().contains(PostMortems.LABEL) && i.labels().contains("prodsupport-from-" + incident))
                .toList();
    }

    private static void showFollowUps(JiraSimulator sim, String incident) {
        for (SimIssue f : followUps(sim, incident)) {
            boolean linked = f.links().stream()
                    .anyMatch(l ->
                            l.inwardKey().equals(incident) || l.outwardKey().equals(incident));
            System.out.println("    " + f.key() + " [" + f.issueType() + "] \"" + f.summary() + "\"  labels "
                    + f.labels() + (linked ? ", linked to " + incident : ", NOT linked"));
        }
    }

    private boolean idle(JiraSimulator sim, int port) throws IOException, InterruptedException {
        sim.webhooks().awaitIdle(Duration.ofSeconds(10));
        String health = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        return health.contains("\"depth\":0");
    }

    private static void show(JiraSimulator sim, SimIssue issue) {
        System.out.println("    " + issue.key() + " \"" + issue.summary() + "\"  status: " + issue.status());
        System.out.println("    fix versions: " + issue.fixVersions() + ", assignee: " + name(issue.assigneeUser())
                + ", watchers: " + issue.watchers().stream().map(DemoMain::name).collect(Collectors.joining(", ")));
        System.out.println("    description:");
        rendered(sim, issue.description()).lines().forEach(line -> System.out.println("    │ " + line));
    }

    /** Jira shows a mention as the person's name; so does the demo ({@code [~accountid:…]} → {@code @Alice Oncall}). */
    private static String rendered(JiraSimulator sim, String text) {
        Matcher m = MENTION.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            SimUser user;
            try {
                user = sim.user(m.group(1));
            } catch (RuntimeException unknown) {
                user = null;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(user != null ? "@" + user.displayName() : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static final Pattern MENTION = Pattern.compile("\\[~(?:accountid:)?([^\\]\\n]+)]");

    private static String name(SimUser user) {
        return user == null ? "(nobody)" : user.displayName();
    }

    private ProcessBuilder prodsupport(String... args) {
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    private void awaitHealthy(int port, Process serve) throws Exception {
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                .timeout(Duration.ofSeconds(2))
                .build();
        await("prodsupport serve to answer /health", () -> {
            if (!serve.isAlive()) {
                throw new IllegalStateException(
                        "prodsupport serve exited with " + serve.exitValue() + "; see " + work.resolve("serve.log"));
            }
            try {
                return http.send(health, HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
            } catch (IOException notYetListening) {
                return false;
            }
        });
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void await(String what, Condition condition) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (!condition.holds()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("gave up waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    private static void step(String text) {
        System.out.println();
        System.out.println("▶ " + text);
        System.out.flush();
    }

    private static int fail(String why) {
        System.out.println("✗ demo failed: " + why);
        return 1;
    }
}
