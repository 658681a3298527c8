package io.prodsupport.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.prodsupport.app.ConfigLoaders;
import io.prodsupport.testing.MinimalConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code onCall.ical} and {@code onCall.people}: read, defaulted, and every mistake said in one line. */
class OnCallCalendarConfigTest {

    private final Map<String, String> env = new HashMap<>(Map.of(
            "JIRA_API_TOKEN", "tok-123-very-secret",
            "HOOK_SECRET", "hook-456-very-secret",
            "ONCALL_ICAL_URL", "webcal://acme.pagerduty.com/private/very-secret-token/feed/PX1Y2Z3"));

    private Config load(String yaml) {
        return ConfigLoaders.withTemplateSections(env).parse(MinimalConfig.YAML + yaml, "prodsupport.yml");
    }

    private List<String> problems(String yaml) {
        try {
            load(yaml);
        } catch (ConfigException e) {
            assertThat(e.getMessage()).doesNotContain("very-secret");
            return e.problems();
        }
        throw new AssertionError("expected the config to be refused");
    }

    @Test
    void the_calendar_url_is_a_secret_read_from_the_environment_with_a_default_refresh_and_a_map_of_people() {
        Config c = load("""
                onCall:
                  ical:
                    url: ${ONCALL_ICAL_URL}
                  people:
                    Alice Example: 5b10a2844c20165700ede21g
                    bob@example.com: bob
                """);

        assertThat(c.onCall().ical().url().value()).startsWith("webcal://acme.pagerduty.com/");
        assertThat(c.onCall().ical().url().toString()).doesNotContain("secret-token");
        assertThat(c.onCall().ical().refreshEvery()).isEqualTo(Duration.ofMinutes(15));
        assertThat(c.onCall().people())
                .containsEntry("Alice Example", "5b10a2844c20165700ede21g")
                .containsEntry("bob@example.com", "bob");
        assertThat(c.onCall().rotation()).isEmpty();
    }

    @Test
    void each_mistake_is_one_line_and_the_url_is_never_shown() {
        assertThat(problems("onCall:\n  ical:\n    url: https://calendar.example/private/very-secret.ics\n"))
                .containsExactly("onCall.ical.url: secrets are not written in the file; use ${ENV_VAR} or"
                        + " file:/path/to/secret");
        env.put("ONCALL_ICAL_URL", "ftp://very-secret.example/feed");
        assertThat(problems("onCall:\n  ical:\n    url: ${ONCALL_ICAL_URL}\n    refreshEvery: 15m\n"))
                .containsExactlyInAnyOrder(
                        "onCall.ical.url: expected an http(s) or webcal URL (a secret) (value not shown)",
                        "onCall.ical.refreshEvery: expected an ISO-8601 duration such as PT30S or P7D, got \"15m\"");
        assertThat(problems("onCall:\n  people: [alice]\n"))
                .containsExactly("onCall.people: expected a section of names, e.g. {Alice Example: alice}");
        assertThat(problems("onCall:\n  people:\n    Alice: [a, b]\n"))
                .containsExactly("onCall.people.Alice: expected a string, got a list");
        env.put("ONCALL_ICAL_URL", "https://acme.app.opsgenie.com/webcal/very-secret.ics?token=very-secret");
        assertThat(problems("onCall:\n  ical:\n    url: ${ONCALL_ICAL_URL}\n    refreshEvry: PT5M\n"))
                .containsExactly("onCall.ical.refreshEvry: unknown key; did you mean onCall.ical.refreshEvery?");
    }

    @Test
    void a_rotation_and_a_calendar_together_are_refused() {
        env.put("ONCALL_ICAL_URL", "https://calendar.google.com/calendar/ical/x/private-very-secret/basic.ics");
        assertThat(problems("""
                        onCall:
                          rotation: [alice, bob]
                          start: 2026-01-05T09:00:00Z
                          ical:
                            url: ${ONCALL_ICAL_URL}
                        """))
                .containsExactly(
                        "onCall: set onCall.rotation or onCall.ical, not both (the calendar replaces the rotation)");
    }
}
