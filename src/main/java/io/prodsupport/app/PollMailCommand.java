package io.prodsupport.app;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.prodsupport.config.Config;
import io.prodsupport.inbox.StoreUnavailableException;
import io.prodsupport.jira.JiraException;
import io.prodsupport.mail.MailIntake.Outcome;
import io.prodsupport.mail.MailIntake.PollResult;
import io.prodsupport.mail.MailLedger;
import io.prodsupport.mail.MailWatcher;
import io.prodsupport.mail.MailboxException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;

@Command(
        name = "poll-mail",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Read the mailbox (mail:) once: each waiting e-mail about an incident becomes one comment on it,"
                + " one that names no incident goes to the unmatched folder; says how many of each. `serve` does the"
                + " same continuously; both may run at once.")
final class PollMailCommand extends ConfiguredCommand {

    @Override
    int run(Config loaded, PrintWriter out, PrintWriter err) {
        if (loaded.mail() == null) {
            err.println(
                    "prodsupport: " + config.file + " names no mailbox (mail.imap); prodsupport.example.yml shows how");
            return ConfigOption.BAD_CONFIG;
        }
        Wiring wiring = new Wiring(loaded);
        try (MailLedger ledger = wiring.mailLedger();
                MailWatcher watcher = wiring.mail()
                        .watcher(wiring.jiraClient(), ledger, new SimpleMeterRegistry())
                        .orElseThrow()) {
            PollResult result = watcher.pollOnce();
            out.println(summary(result));
            return result.count(Outcome.FAILED) == 0 ? 0 : 1;
        } catch (MailboxException | JiraException | StoreUnavailableException e) {
            err.println("prodsupport: " + e.getMessage());
            return 1;
        } finally {
            wiring.releaseHttp();
        }
    }

    /** {@code 3 e-mail(s) read: 2 commented, 1 unmatched}; each outcome that happened, in the order of the enum. */
    static String summary(PollResult result) {
        int total =
                result.counts().values().stream().mapToInt(Integer::intValue).sum();
        if (total == 0) {
            return "no e-mail waiting";
        }
        List<String> parts = new ArrayList<>();
        for (Outcome outcome : Outcome.values()) {
            if (result.count(outcome) > 0) {
                parts.add(result.count(outcome) + " " + outcome.name().toLowerCase(Locale.ROOT));
            }
        }
        return total + " e-mail(s) read: " + String.join(", ", parts);
    }
}
