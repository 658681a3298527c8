package io.prodsupport.app;

import io.prodsupport.check.SiteCheck;
import io.prodsupport.config.Config;
import io.prodsupport.config.Secret;
import io.prodsupport.jira.HttpJiraClient;
import io.prodsupport.store.StoreProbe;
import io.prodsupport.webhook.PemTls;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Optional;
import picocli.CommandLine.Command;

@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Validate the configuration and the Jira connection (reachability, credentials, projects,"
                + " fix version, follow-up issue type, link type) and, when mail is configured, the mailbox (sign-in,"
                + " folders), the store (reachable, schema, writable) and, with webhook.tls, the certificate and its"
                + " key; one line each; exit 0 only if all pass.")
final class CheckCommand extends ConfiguredCommand {

    @Override
    int run(Config loaded, PrintWriter out, PrintWriter err) {
        out.println("✓ configuration " + config.file + " is valid");
        out.flush();
        boolean tlsOk = tls(loaded.webhook().tls(), out);
        Wiring wiring = new Wiring(loaded);
        try {
            HttpJiraClient jira = wiring.jiraClient();
            boolean ok = new SiteCheck(jira, loaded, wiring.mail().mailbox())
                    .withWebhook(wiring.webhookSetup(jira))
                    .withCalendar(wiring.onCall().calendar())
                    .run(line -> {
                        out.println(line);
                        out.flush();
                    });
            StoreProbe store = StoreProbe.of(
                    loaded.store().url(),
                    loaded.store().username(),
                    Optional.ofNullable(loaded.store().password())
                            .map(Secret::value)
                            .orElse(null));
            store.lines().forEach(line -> out.println((line.ok() ? "✓ " : "✗ ") + line.text()));
            out.flush();
            return ok && store.ok() && tlsOk ? 0 : 1;
        } finally {
            wiring.releaseHttp();
        }
    }

    /** The files of {@code webhook.tls}, read as {@code serve} reads them: one line, true when serve could use them. */
    private static boolean tls(Config.Tls tls, PrintWriter out) {
        if (tls == null) {
            return true;
        }
        boolean ok;
        try {
            PemTls pem = PemTls.load(tls.certFile(), tls.keyFile());
            ok = pem.notAfter().isAfter(Instant.now());
            out.println(
                    ok
                            ? "✓ webhook.tls: the certificate of " + pem.subject() + " matches its key, valid until "
                                    + pem.notAfter()
                            : "✗ webhook.tls: the certificate of " + pem.subject() + " expired on " + pem.notAfter()
                                    + "; Jira will not deliver to it");
        } catch (IllegalArgumentException | IllegalStateException e) {
            ok = false;
            out.println("✗ " + e.getMessage());
        }
        out.flush();
        return ok;
    }
}
