package io.prodsupport.app;

import io.prodsupport.config.Config;
import io.prodsupport.config.ConfigException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** The {@code --config FILE} option every command shares, and how a bad config ends a command. */
final class ConfigOption {

    /** Exit code for a config that cannot be used (as for picocli's usage errors). */
    static final int BAD_CONFIG = 2;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            defaultValue = "prodsupport.yml",
            description = "Configuration file (default: ${DEFAULT-VALUE}).")
    Path file;

    /**
     * Loads the config and applies its {@code logging:} section, or prints one line per problem to {@code err} and
     * returns null.
     */
    Config loadOrReport(Map<String, String> env, PrintWriter err) {
        try {
            Config config = ConfigLoaders.withTemplateSections(env).load(file);
            LoggingSetup.apply(config.logging());
            return config;
        } catch (ConfigException e) {
            err.println("prodsupport: the configuration in " + file + " cannot be used:");
            e.problems().forEach(p -> err.println("  " + p));
            err.flush();
            return null;
        }
    }
}
