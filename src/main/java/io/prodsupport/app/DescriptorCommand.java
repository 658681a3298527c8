package io.prodsupport.app;

import io.prodsupport.config.Config;
import io.prodsupport.descriptor.ForgeManifest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "descriptor",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description =
                "Write the Forge app (forge/manifest.yml: the workflow validator and the incident panel; forge/src/rules.js)"
                        + " and the admin webhook registration (webhook.json, with webhook.publicUrl) for the configured"
                        + " incident projects, required sections, follow-up project, channels and rotation.")
final class DescriptorCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            defaultValue = "${sys:user.home}/prodsupport-descriptor",
            description = "Folder to write into (default: ${DEFAULT-VALUE}, outside any checkout, so a site's"
                    + " files never overwrite the committed plugin-descriptor/; give --out plugin-descriptor in a"
                    + " checkout to deploy the Forge app from there).")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Config loaded = config.loadOrReport(System.getenv(), err);
        if (loaded == null) {
            return ConfigOption.BAD_CONFIG;
        }
        try {
            ForgeManifest descriptor = ForgeManifest.of(loaded);
            PrintWriter stdout = spec.commandLine().getOut();
            for (Path written : descriptor.writeTo(out)) {
                stdout.println("wrote " + written);
            }
            if (loaded.webhook().publicUrl() == null) {
                stdout.println("webhook.json has a placeholder URL: set webhook.publicUrl to the URL Jira must call");
            }
            stdout.flush();
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("prodsupport: " + e.getMessage());
            err.flush();
            return ConfigOption.BAD_CONFIG;
        } catch (IOException e) {
            err.println("prodsupport: cannot write " + out + ": " + e.getMessage());
            err.flush();
            return 1;
        }
    }
}
