package io.prodsupport.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.ArrayList;
import java.util.List;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A hand-over as each channel receives it (Slack's incoming webhook and a Teams workflow as local HTTP receivers,
 * e-mail through GreenMail): who is on duty until when, and each inherited incident's key, summary, status, priority,
 * owner and link; and its JSON as the outbox stores it, beside rows written before hand-overs existed.
 */
class HandoverMessagesTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    static final IncidentNotice CHECKOUT = new IncidentNotice(
            "OPS-12",
            "Checkout is down",
            "https://jira.example/browse/OPS-12",
            "OPS",
            "Highest",
            "Ann Reporter",
            "Carol Owner",
            "In Progress");
    static final IncidentNotice SEARCH = new IncidentNotice(
            "OPS-15", "Search is slow", "https://jira.example/browse/OPS-15", "OPS", "Medium", null, null, "Open");

    static final ChannelMessage HANDOVER = ChannelMessage.handover(
            "handover:2026-11-30T09:00:00Z:acc-bob",
            new ChannelMessage.Handover("Bob Builder", "2026-12-07T09:00:00Z", List.of(CHECKOUT, SEARCH), 3));

    private final OkHttpClient http = new OkHttpClient();

    @Test
    void slack_gets_a_header_then_each_incident_linked_with_status_priority_and_owner() throws Exception {
        try (ChatWebhookServer slack = new ChatWebhookServer()) {
            slack.answers(200, "ok");
            new SlackNotifier(slack.webhookUrl(), http, ChatWebhookServer.QUICK).deliver(HANDOVER);

            JsonNode body = slack.takeJson();
            assertThat(body.path("text").asText())
                    .isEqualTo("On-call hand-over: Bob Builder is on duty now, until Mon 2026-12-07 09:00 UTC;"
                            + " 5 open incidents to take over");
            JsonNode blocks = body.path("blocks");
            assertThat(blocks).hasSize(6);
            assertThat(blocks.get(0).path("text").path("text").asText())
                    .startsWith("*On-call hand-over*: Bob Builder is on duty now");
            assertThat(blocks.get(1).path("text").path("text").asText())
                    .isEqualTo("<https://jira.example/browse/OPS-12|OPS-12>: Checkout is down");
            assertThat(texts(blocks.get(2).path("elements")))
                    .containsExactly("Status: In Progress", "Priority: Highest", "Owner: Carol Owner");
            assertThat(texts(blocks.get(4).path("elements")))
                    .containsExactly("Status: Open", "Priority: Medium", "Owner: nobody");
            assertThat(texts(blocks.get(5).path("elements"))).containsExactly("and 3 more open incident(s)");
        }
    }

    @Test
    void teams_gets_an_adaptive_card_whose_keys_open_the_tickets() throws Exception {
        try (ChatWebhookServer teams = new ChatWebhookServer()) {
            teams.answers(202, "");
            new TeamsNotifier(teams.webhookUrl(), http, ChatWebhookServer.QUICK).deliver(HANDOVER);

            JsonNode message = teams.takeJson();
            assertThat(message.path("type").asText()).isEqualTo("message");
            JsonNode attachment = message.path("attachments").get(0);
            assertThat(attachment.path("contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
            JsonNode card = attachment.path("content");
            assertThat(card.path("type").asText()).isEqualTo("AdaptiveCard");
            JsonNode body = card.path("body");
            assertThat(body.get(0).path("text").asText()).isEqualTo("On-call hand-over");
            JsonNode key = body.get(2).path("inlines").get(0);
            assertThat(key.path("text").asText()).isEqualTo("OPS-12");
            assertThat(key.path("selectAction").path("type").asText()).isEqualTo("Action.OpenUrl");
            assertThat(key.path("selectAction").path("url").asText()).isEqualTo("https://jira.example/browse/OPS-12");
            assertThat(body.get(2).path("inlines").get(1).path("text").asText()).isEqualTo(": Checkout is down");
            List<String> facts = new ArrayList<>();
            for (int i = 3; i <= 5; i++) {
                JsonNode runs = body.get(i).path("inlines");
                facts.add(runs.get(0).path("text").asText()
                        + runs.get(1).path("text").asText());
            }
            assertThat(facts).containsExactly("Status: In Progress", "Priority: Highest", "Owner: Carol Owner");
            assertThat(body.get(body.size() - 1)
                            .path("inlines")
                            .get(0)
                            .path("text")
                            .asText())
                    .isEqualTo("and 3 more open incident(s)");
        }
    }

    @Test
    void email_gets_a_subject_naming_who_and_a_plain_text_and_html_body_listing_the_incidents() throws Exception {
        new EmailNotifier(new EmailSettings(
                        "127.0.0.1",
                        SMTP.getSmtp().getPort(),
                        false,
                        null,
                        null,
                        "prodsupport@example.com",
                        List.of("oncall@example.com"),
                        null))
                .deliver(HANDOVER);

        MimeMessage mail = SMTP.getReceivedMessages()[0];
        assertThat(mail.getSubject())
                .isEqualTo("[prodsupport] On-call hand-over: Bob Builder is on duty now, until Mon 2026-12-07 09:00"
                        + " UTC; 5 open incidents to take over");
        assertThat(EmailNotifier.incidentKeyOf(mail.getMessageID()))
                .as("a reply names no incident")
                .isEmpty();
        MimeMultipart parts = (MimeMultipart) mail.getContent();
        String text = ((String) parts.getBodyPart(0).getContent()).replace("\r\n", "\n");
        String html = (String) parts.getBodyPart(1).getContent();
        assertThat(text)
                .contains("OPS-12 Checkout is down\nhttps://jira.example/browse/OPS-12\nStatus: In Progress\n"
                        + "Priority: Highest\nOwner: Carol Owner\n")
                .contains("OPS-15 Search is slow\nhttps://jira.example/browse/OPS-15\nStatus: Open\n"
                        + "Priority: Medium\nOwner: nobody\n")
                .contains("and 3 more open incident(s).");
        assertThat(html)
                .contains("<a href=\"https://jira.example/browse/OPS-12\">https://jira.example/browse/OPS-12</a>");
    }

    @Test
    void a_hand_over_survives_the_outbox_json_and_rows_from_before_still_parse() {
        ChannelMessage back = ChannelMessage.fromJson(HANDOVER.toJson());
        assertThat(back).isEqualTo(HANDOVER);
        assertThat(back.about()).isEqualTo("-");

        // a row queued by the release before hand-overs and statuses: no "handover", no "status"
        String old = "{\"id\":\"new-incident:OPS-7\",\"kind\":\"NEW_INCIDENT\",\"incident\":{\"key\":\"OPS-7\","
                + "\"summary\":\"Checkout down\",\"url\":\"https://jira.example/browse/OPS-7\",\"projectKey\":\"OPS\","
                + "\"priority\":\"High\",\"reporterName\":\"Ann\",\"onDutyName\":\"Bob\"},\"changes\":[],"
                + "\"rootCause\":[],\"foldKey\":null,\"note\":null}";
        ChannelMessage parsed = ChannelMessage.fromJson(old);
        assertThat(parsed.kind()).isEqualTo(ChannelMessage.Kind.NEW_INCIDENT);
        assertThat(parsed.incident().key()).isEqualTo("OPS-7");
        assertThat(parsed.incident().status()).isNull();
        assertThat(parsed.handover()).isNull();
    }

    private static List<String> texts(JsonNode elements) {
        List<String> out = new ArrayList<>();
        elements.forEach(e -> out.add(e.path("text").asText()));
        return out;
    }
}
