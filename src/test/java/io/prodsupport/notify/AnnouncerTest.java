package io.prodsupport.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

class AnnouncerTest {

    private static final IncidentNotice NOTICE = SlackNotifierTest.NOTICE;

    @Test
    void a_failing_channel_does_not_stop_the_channels_after_it() {
        RecordingNotifier teams = RecordingNotifier.working("teams");
        RecordingNotifier email = RecordingNotifier.working("email");
        Announcer announcer = new Announcer(List.of(
                RecordingNotifier.failingWith("slack", new NotifyException("slack", "answered HTTP 404 (no_service)")),
                teams,
                email));

        AnnounceResult result = announcer.announce(NOTICE);

        assertThat(result.told()).containsExactly("teams", "email");
        assertThat(result.failed()).isEqualTo(Map.of("slack", "slack: answered HTTP 404 (no_service)"));
        assertThat(result.complete()).isFalse();
        assertThat(teams.told).containsExactly(NOTICE);
        assertThat(email.told).containsExactly(NOTICE);
    }

    @Test
    void channels_already_told_are_skipped_and_count_as_told() {
        RecordingNotifier slack = RecordingNotifier.working("slack");
        RecordingNotifier teams = RecordingNotifier.working("teams");
        Announcer announcer = new Announcer(List.of(slack, teams));

        AnnounceResult result = announcer.announce(NOTICE, Set.of("slack"));

        assertThat(slack.told).isEmpty();
        assertThat(teams.told).containsExactly(NOTICE);
        assertThat(result.skipped()).containsExactly("slack");
        assertThat(result.told()).containsExactly("teams");
        assertThat(result.toldSoFar()).containsExactlyInAnyOrder("slack", "teams");
        assertThat(result.complete()).isTrue();
    }

    @Test
    void a_bug_in_one_channel_is_reported_as_a_failure_without_its_message() {
        RecordingNotifier email = RecordingNotifier.working("email");
        Announcer announcer = new Announcer(List.of(
                RecordingNotifier.failingWith("teams", new IllegalStateException("https://hooks.example/s3cr3t")),
                email));

        AnnounceResult result = announcer.announce(NOTICE);

        assertThat(result.failed()).containsOnlyKeys("teams");
        assertThat(result.failed().get("teams")).isEqualTo("teams: failed (IllegalStateException)");
        assertThat(email.told).containsExactly(NOTICE);
    }

    @Test
    void retrying_with_the_told_channels_tries_only_the_one_that_failed() throws Exception {
        OkHttpClient http = new OkHttpClient();
        try (ChatWebhookServer slackServer = new ChatWebhookServer();
                ChatWebhookServer teamsServer = new ChatWebhookServer()) {
            Announcer announcer = new Announcer(List.of(
                    new SlackNotifier(slackServer.webhookUrl(), http, ChatWebhookServer.QUICK),
                    new TeamsNotifier(teamsServer.webhookUrl(), http, ChatWebhookServer.QUICK)));
            slackServer.answers(200, "ok");
            teamsServer.answers(403, "");

            AnnounceResult first = announcer.announce(NOTICE);
            assertThat(first.told()).containsExactly("slack");
            assertThat(first.failed()).containsOnlyKeys("teams");

            teamsServer.answers(202, "");
            AnnounceResult second = announcer.announce(NOTICE, first.toldSoFar());

            assertThat(second.skipped()).containsExactly("slack");
            assertThat(second.told()).containsExactly("teams");
            assertThat(second.complete()).isTrue();
            assertThat(slackServer.requestCount()).isEqualTo(1);
            assertThat(teamsServer.requestCount()).isEqualTo(2);
        }
    }

    @Test
    void names_the_configured_channels() {
        Announcer announcer =
                new Announcer(List.of(RecordingNotifier.working("slack"), RecordingNotifier.working("email")));

        assertThat(announcer.channels()).containsExactly("slack", "email");
    }
}
