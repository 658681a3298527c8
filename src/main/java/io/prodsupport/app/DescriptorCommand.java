package io.prodsupport.app;

import io.prodsupport.config.Config;
import io.prodsupport.descriptor.ForgeManifest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "descriptor",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description =
                "Write the Forge app (forge/manifest.yml: the workflow validator and the incident panel; forge/src/rules.js)"
                        + " and the admin webhook registration (webhook.json, with webhook.publicUrl) for the configured"
                        + " incident projects, required sections, follow-up project, channels and rotation.")
final class DescriptorCommand extends ConfiguredCommand {

    @Option(
            names = "--out",
            paramLabel = "DIR",
            defaultValue = "${sys:user.home}/prodsupport-descriptor",
            description = "Folder to write into (default: ${DEFAULT-VALUE}, outside any checkout, so a site's"
                    + " files never overwrite the committed plugin-descriptor/; give --out plugin-descriptor in a"
                    + " checkout to deploy the Forge app from there).")
    Path out;

    @Override
    int run(Config loaded, PrintWriter stdout, PrintWriter err) {
        try {
            ForgeManifest descriptor = ForgeManifest.of(loaded);
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
