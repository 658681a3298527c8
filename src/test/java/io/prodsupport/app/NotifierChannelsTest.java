package io.prodsupport.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.prodsupport.config.Config;
import io.prodsupport.notify.Notifier;
import io.prodsupport.testing.MinimalConfig;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/** The wiring builds the notify channels the config names, and only those. */
class NotifierChannelsTest {

    private static final String MINIMAL = MinimalConfig.YAML;

    private final OkHttpClient http = new OkHttpClient();

    private static Config config(String extraYaml) {
        return ConfigLoaders.withTemplateSections(Map.of(
                        "JIRA_API_TOKEN", "t",
                        "HOOK_SECRET", "s",
                        "SLACK_WEBHOOK_URL", "https://hooks.example/services/T/B/x",
                        "MAIL_PASSWORD", "m"))
                .parse(MINIMAL + extraYaml, "prodsupport.yml");
    }

    @Test
    void builds_only_the_channels_the_config_names() {
        Config onlySlackAndEmail = config("""
                notify:
                  slack:
                    webhookUrl: ${SLACK_WEBHOOK_URL}
                  email:
                    smtpHost: smtp.example.com
                    from: ops@example.com
                    to: [a@example.com]
                """);

        assertThat(new Wiring(onlySlackAndEmail).notifiers(http))
                .extracting(Notifier::channel)
                .containsExactly("slack", "email");
    }

    @Test
    void builds_nothing_when_nothing_is_configured() {
        assertThat(new Wiring(config("")).notifiers(http)).isEmpty();
    }

    @Test
    void the_mailbox_is_the_reply_to_when_its_account_is_an_address_and_both_addresses_are_prodsupports_own() {
        Config withMailbox = config("""
                notify:
                  email: {smtpHost: smtp.example.com, from: Ops-Bot@example.com, to: [a@example.com]}
                mail:
                  imap: {host: imap.example.com, username: Incidents@example.com, password: "${MAIL_PASSWORD}"}
                """);
        Config withAccountName = config("""
                mail:
                  imap: {host: imap.example.com, username: EXAMPLE\\incidents, password: "${MAIL_PASSWORD}"}
                """);

        assertThat(new Wiring(withMailbox).mail().address()).contains("Incidents@example.com");
        assertThat(new Wiring(withMailbox).mail().ownAddresses())
                .containsExactly("ops-bot@example.com", "incidents@example.com");
        assertThat(new Wiring(withAccountName).mail().address()).isEmpty();
        assertThat(new Wiring(config("")).mail().address()).isEmpty();
        assertThat(new Wiring(config("")).mail().mailbox()).isEmpty();
    }
}
