package io.prodsupport.app;

import io.prodsupport.check.SiteCheck;
import io.prodsupport.config.Config;
import io.prodsupport.jira.HttpJiraClient;
import java.io.PrintWriter;
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
                + " folders), one line each; exit 0 only if all pass.")
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
            HttpJiraClient jira = wiring.jiraClient();
            boolean ok = new SiteCheck(jira, loaded, wiring.mailbox())
                    .withWebhook(wiring.webhookSetup(jira))
                    .run(line -> {
                        out.println(line);
                        out.flush();
                    });
            return ok ? 0 : 1;
        } finally {
            wiring.releaseHttp();
        }
    }
}
