package io.prodsupport.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.prodsupport.config.Config;
import io.prodsupport.config.Secret;
import java.util.List;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

class NotifiersTest {

    private final OkHttpClient http = new OkHttpClient();

    @Test
    void builds_only_the_channels_the_config_names() {
        Config.Notify onlySlackAndEmail = new Config.Notify(
                new Config.Slack(new Secret("https://hooks.example/services/T/B/x")),
                null,
                new Config.Email(
                        "smtp.example.com", null, null, null, null, "ops@example.com", List.of("a@example.com")));

        assertThat(Notifiers.fromConfig(onlySlackAndEmail, http))
                .extracting(Notifier::channel)
                .containsExactly("slack", "email");
    }

    @Test
    void builds_nothing_when_nothing_is_configured() {
        assertThat(Notifiers.fromConfig(new Config.Notify(null, null, null), http))
                .isEmpty();
    }

    @Test
    void the_shared_clients_interceptors_never_reach_a_chat_webhook() throws Exception {
        // The instance's shared client may carry Jira's authentication; a webhook must not receive it.
        OkHttpClient jiraLike = http.newBuilder()
                .addInterceptor(chain -> chain.proceed(chain.request()
                        .newBuilder()
                        .header("Authorization", "Basic amlyYTpzZWNyZXQ=")
                        .build()))
                .build();
        try (ChatWebhookServer slack = new ChatWebhookServer()) {
            slack.answers(200, "ok");
            List<Notifier> notifiers =
                    Notifiers.fromConfig(new Config.Notify(new Config.Slack(slack.webhookUrl()), null, null), jiraLike);

            notifiers.get(0).announce(SlackNotifierTest.NOTICE);

            assertThat(slack.takeRequest().getHeaders().get("Authorization")).isNull();
        }
    }
}
