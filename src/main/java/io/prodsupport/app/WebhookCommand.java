package io.prodsupport.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.prodsupport.check.WebhookSetup;
import io.prodsupport.config.Config;
import io.prodsupport.jira.AdminWebhook;
import io.prodsupport.jira.HttpJiraClient;
import io.prodsupport.jira.JiraException;
import io.prodsupport.jira.JiraUnreachableException;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "webhook",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "The admin webhook Jira calls prodsupport with.",
        subcommands = {WebhookCommand.Register.class, CommandLine.HelpCommand.class})
final class WebhookCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ConfigOption.BAD_CONFIG;
    }

    @Command(
            name = "register",
            mixinStandardHelpOptions = true,
            versionProvider = Main.Version.class,
            description = "Create or update (idempotent) prodsupport's admin webhook in Jira through"
                    + " /rest/webhooks/1.0/webhook: the URL webhook.publicUrl, the events the service handles, a JQL"
                    + " filter for the incident projects, and the first of webhook.secrets where Jira's API takes a"
                    + " secret (Cloud; Data Center 10 and later). Needs a Jira administrator's account.")
    static final class Register extends ConfiguredCommand {

        @Option(
                names = "--dry-run",
                description = "Print the JSON that would be sent (without the secret) and call nothing.")
        boolean dryRun;

        @Override
        int run(Config loaded, PrintWriter out, PrintWriter err) {
            Wiring wiring = new Wiring(loaded);
            try (HttpJiraClient jira = wiring.jiraClient()) {
                WebhookSetup setup = wiring.webhookSetup(jira);
                if (dryRun) {
                    out.println(pretty(setup.desired()));
                    err.println("(dry run: nothing sent. On Cloud and Data Center 10+ the request also carries"
                            + " \"secret\": the first of webhook.secrets)");
                    return 0;
                }
                WebhookSetup.Registration done = setup.register();
                AdminWebhook w = done.webhook();
                String what = switch (done.action()) {
                    case CREATED -> "✓ created webhook \"" + w.name() + "\"";
                    case UPDATED -> "✓ updated webhook \"" + w.name() + "\"";
                    case UNCHANGED -> "✓ webhook \"" + w.name() + "\" was already right";
                };
                out.println(what + " (" + w.self() + "): " + w.url());
                out.println("  events " + String.join(", ", w.events()) + "; JQL filter: " + w.jql());
                if (done.secretSent()) {
                    out.println("  secret: the first of webhook.secrets");
                }
                done.secretByHand().ifPresent(line -> out.println("! Jira's REST API takes no secret here: " + line));
                return 0;
            } catch (WebhookSetup.NotConfiguredException e) {
                err.println("prodsupport: " + e.getMessage());
                return ConfigOption.BAD_CONFIG;
            } catch (JiraUnreachableException e) {
                err.println(
                        "prodsupport: Jira not reachable at " + loaded.jira().baseUrl() + ": " + e.getMessage());
                return 1;
            } catch (JiraException e) {
                err.println(
                        e.status() == 403
                                ? "prodsupport: Jira refused (403): registering a webhook needs a Jira administrator"
                                        + " (the Administer Jira global permission); register it as an administrator,"
                                        + " or run `webhook register --dry-run` and hand the JSON to one"
                                : "prodsupport: Jira refused the webhook: " + e.getMessage());
                return 1;
            } finally {
                out.flush();
                err.flush();
                wiring.releaseHttp();
            }
        }

        private static String pretty(AdminWebhook webhook) {
            try {
                return new ObjectMapper()
                        .writerWithDefaultPrettyPrinter()
                        .writeValueAsString(webhook.toJson(Optional.empty()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
