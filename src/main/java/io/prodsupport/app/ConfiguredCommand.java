package io.prodsupport.app;

import io.prodsupport.config.Config;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that works from the configuration: it takes {@code --config FILE}, and {@link #run} starts with the
 * config loaded (its {@code logging:} section applied) and picocli's out and err at hand. A config that cannot be used
 * ends the command before {@link #run}: one line per problem on err, exit {@value ConfigOption#BAD_CONFIG}.
 */
abstract class ConfiguredCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Config loaded = config.loadOrReport(System.getenv(), err);
        if (loaded == null) {
            return ConfigOption.BAD_CONFIG;
        }
        return run(loaded, out, err);
    }

    /** The command's work on a usable config; returns the exit code. */
    abstract int run(Config config, PrintWriter out, PrintWriter err) throws Exception;
}
