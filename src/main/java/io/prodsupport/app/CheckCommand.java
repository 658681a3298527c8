package io.prodsupport.app;

import io.prodsupport.check.SiteCheck;
import io.prodsupport.config.Config;
import io.prodsupport.config.Secret;
import io.prodsupport.store.StoreProbe;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description = "Validate the configuration and the Jira connection (reachability, credentials, projects,"
                + " fix version, follow-up issue type, link type) and, when mail is configured, the mailbox (sign-in,"
                + " folders), and the store (reachable, schema, writable), one line each; exit 0 only if all pass.")
final class CheckCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Config loaded = config.loadOrReport(System.getenv(), spec.commandLine().getErr());
        if (loaded == null) {
            return ConfigOption.BAD_CONFIG;
        }
        out.println("✓ configuration " + config.file + " is valid");
        out.flush();
        Wiring wiring = new Wiring(loaded);
        try {
            boolean ok = new SiteCheck(wiring.jiraClient(), loaded, wiring.mailbox()).run(line -> {
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
            return ok && store.ok() ? 0 : 1;
        } finally {
            wiring.releaseHttp();
        }
    }
}
