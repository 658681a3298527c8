package io.prodsupport.app;

import io.prodsupport.config.Config;
import io.prodsupport.inbox.DeadLetter;
import io.prodsupport.inbox.Inbox;
import io.prodsupport.inbox.StoreUnavailableException;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "List the events that failed every attempt (dead letters), or put them back in the queue: "
                + "a running `serve` picks them up within a poll.")
final class ReplayCommand extends ConfiguredCommand {

    @Option(names = "--all", description = "Replay every dead letter.")
    boolean all;

    @Parameters(
            paramLabel = "DELIVERY_ID",
            arity = "0..*",
            description = "Delivery ids to replay (X-Atlassian-Webhook-Identifier, as listed). None: list them.")
    List<String> deliveryIds = List.of();

    @Override
    int run(Config loaded, PrintWriter out, PrintWriter err) {
        try (Inbox inbox = new Wiring(loaded).inbox()) {
            List<DeadLetter> dead = inbox.deadLetters();
            if (!all && deliveryIds.isEmpty()) {
                out.println(dead.isEmpty() ? "no dead letters" : dead.size() + " dead letter(s):");
                dead.forEach(d -> out.printf(
                        "  %s  %s %s  %d attempts, failed %s: %s%n",
                        d.deliveryId(), d.webhookEvent(), d.orderingKey(), d.attempts(), d.failedAt(), d.lastError()));
                return 0;
            }
            List<String> ids = all ? dead.stream().map(DeadLetter::deliveryId).toList() : deliveryIds;
            int unknown = 0;
            for (String id : ids) {
                if (inbox.replay(id)) {
                    out.println("✓ " + id + " is queued again");
                } else {
                    out.println("✗ " + id + " is not a dead letter");
                    unknown++;
                }
            }
            return unknown == 0 ? 0 : 1;
        } catch (StoreUnavailableException e) {
            err.println("prodsupport: " + e.getMessage());
            return 1;
        }
    }
}
