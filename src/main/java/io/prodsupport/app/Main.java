package io.prodsupport.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code prodsupport} command. Subcommands do the work; this only dispatches and maps exit codes. */
@Command(
        name = "prodsupport",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Production-support discipline for Jira incident tickets.",
        subcommands = {
            ServeCommand.class,
            BackfillCommand.class,
            CheckCommand.class,
            ReplayCommand.class,
            ReportCommand.class,
            PollMailCommand.class,
            DescriptorCommand.class,
            WebhookCommand.class,
            ExplainCommand.class,
            OnCallCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code (0 ok, 1 failed, 2 bad usage or config). */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** The configured command line, for callers that redirect its output (tests, the demo). */
    public static CommandLine commandLine() {
        return new CommandLine(new Main());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {
                "prodsupport " + (version != null ? version : "(development build)"),
                "Java " + System.getProperty("java.version")
            };
        }
    }
}
