package io.prodsupport.jirasim;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * {@code @RegisterExtension JiraSimulatorExtension sim = JiraSimulatorExtension.cloud();} gives each test a
 * fresh simulator; {@code static} + {@link #perClass()} shares one per class. After each test it fails the
 * test if any request it sent did not conform to Jira's OpenAPI spec, then forgets those violations.
 */
public final class JiraSimulatorExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
    private final Flavour flavour;
    private final boolean perClass;
    private JiraSimulator sim;

    private JiraSimulatorExtension(Flavour flavour, boolean perClass) {
        this.flavour = flavour;
        this.perClass = perClass;
    }

    public static JiraSimulatorExtension cloud() {
        return new JiraSimulatorExtension(Flavour.CLOUD, false);
    }

    public static JiraSimulatorExtension dataCenter() {
        return new JiraSimulatorExtension(Flavour.DATA_CENTER, false);
    }

    /** One simulator for the whole class (register the extension in a static field). */
    public JiraSimulatorExtension perClass() {
        return new JiraSimulatorExtension(flavour, true);
    }

    public JiraSimulator sim() {
        if (sim == null) {
            throw new IllegalStateException("the simulator runs only while a test runs");
        }
        return sim;
    }

    public String baseUrl() {
        return sim().baseUrl();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (perClass) {
            sim = JiraSimulator.builder().flavour(flavour).start();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!perClass) {
            sim = JiraSimulator.builder().flavour(flavour).start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        JiraSimulator current = sim;
        try {
            current.assertNoSpecViolations();
        } finally {
            current.clearSpecViolations();
            if (!perClass) {
                current.close();
                sim = null;
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (perClass && sim != null) {
            sim.close();
            sim = null;
        }
    }
}
