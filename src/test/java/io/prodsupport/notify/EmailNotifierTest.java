package io.prodsupport.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EmailNotifierTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(
                    GreenMailConfiguration.aConfig().withUser("prodsupport@example.com", "prodsupport", "pw"));

    private static final List<String> TO = List.of("oncall@example.com", "lead@example.com");

    @Test
    void mails_every_recipient_a_subject_with_the_key_and_a_body_with_the_link() throws Exception {
        notifier(false, null, null).announce(SlackNotifierTest.NOTICE);

        MimeMessage[] received = SMTP.getReceivedMessages();
        assertThat(received).hasSize(2);
        MimeMessage mail = received[0];
        assertThat(mail.getSubject()).isEqualTo("[OPS-12] New incident: Checkout is down");
        assertThat(mail.getFrom()[0].toString()).isEqualTo("prodsupport@example.com");
        assertThat(Arrays.stream(mail.getRecipients(Message.RecipientType.TO)).map(Object::toString))
                .containsExactlyElementsOf(TO);
        assertThat(mail.getContentType()).startsWith("multipart/alternative");
        assertThat(part(mail, "text/plain"))
                .contains("https://jira.example/browse/OPS-12")
                .contains("Priority: Highest")
                .contains("Reporter: Ann Reporter")
                .contains("On duty: Bob On-Duty");
        assertThat(part(mail, "text/html"))
                .contains("<a href=\"https://jira.example/browse/OPS-12\">")
                .contains("Priority: Highest<br>");
    }

    @Test
    void the_html_part_escapes_what_the_summary_says() throws Exception {
        notifier(false, null, null)
                .announce(new IncidentNotice(
                        "OPS-12",
                        "<script>alert(1)</script> & down",
                        "https://jira.example/browse/OPS-12",
                        "OPS",
                        "High",
                        "Ann",
                        null));

        String html = part(SMTP.getReceivedMessages()[0], "text/html");
        assertThat(html)
                .contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; down")
                .doesNotContain("<script>");
    }

    /** The content of the first part of {@code mail} of this type (the e-mail is multipart/alternative). */
    static String part(MimeMessage mail, String type) throws Exception {
        MimeMultipart parts = (MimeMultipart) mail.getContent();
        for (int i = 0; i < parts.getCount(); i++) {
            if (parts.getBodyPart(i).isMimeType(type)) {
                return (String) parts.getBodyPart(i).getContent();
            }
        }
        throw new AssertionError("no " + type + " part");
    }

    @Test
    void with_a_mailbox_configured_a_reply_goes_to_it_and_names_the_incident_in_its_thread() throws Exception {
        new EmailNotifier(new EmailSettings(
                        "127.0.0.1",
                        SMTP.getSmtp().getPort(),
                        false,
                        null,
                        null,
                        "prodsupport@example.com",
                        TO,
                        "incidents@example.com"))
                .announce(SlackNotifierTest.NOTICE);

        MimeMessage mail = SMTP.getReceivedMessages()[0];
        assertThat(mail.getReplyTo()).extracting(Object::toString).containsExactly("incidents@example.com");
        assertThat(mail.getMessageID()).matches("<prodsupport\\.OPS-12\\.[0-9a-f-]{36}@example\\.com>");
        MimeMessage reply = (MimeMessage) mail.reply(false);
        assertThat(EmailNotifier.incidentKeyOf(reply.getHeader("In-Reply-To")[0]))
                .contains("OPS-12");
    }

    @Test
    void without_a_mailbox_replies_go_to_the_sender() throws Exception {
        notifier(false, null, null).announce(SlackNotifierTest.NOTICE);

        MimeMessage mail = SMTP.getReceivedMessages()[0];
        assertThat(mail.getHeader("Reply-To")).isNull();
        assertThat(mail.getReplyTo()).extracting(Object::toString).containsExactly("prodsupport@example.com");
    }

    @Test
    void a_summary_with_line_breaks_cannot_add_headers_or_recipients() throws Exception {
        String summary = "Down\r\nBcc: attacker@evil.example\r\nX-Injected: yes\n\nbody";
        notifier(false, null, null)
                .announce(new IncidentNotice(
                        "OPS-13",
                        summary,
                        "https://jira.example/browse/OPS-13",
                        "OPS",
                        "High",
                        "Mallory\r\nCc: attacker@evil.example",
                        null));

        MimeMessage[] received = SMTP.getReceivedMessages();
        assertThat(received).hasSize(TO.size());
        MimeMessage mail = received[0];
        assertThat(mail.getSubject())
                .isEqualTo("[OPS-13] New incident: Down Bcc: attacker@evil.example X-Injected: yes body");
        assertThat(mail.getHeader("X-Injected")).isNull();
        assertThat(mail.getHeader("Bcc")).isNull();
        assertThat(mail.getHeader("Cc")).isNull();
        assertThat(Arrays.stream(mail.getAllRecipients()).map(Object::toString)).containsExactlyElementsOf(TO);
    }

    @Test
    void a_non_ascii_summary_arrives_as_written() throws Exception {
        notifier(false, null, null)
                .announce(new IncidentNotice(
                        "OPS-14",
                        "Zahlung schlägt fehl — 5 €",
                        "https://jira.example/browse/OPS-14",
                        "OPS",
                        null,
                        "Jörg",
                        "Zoë"));

        MimeMessage mail = SMTP.getReceivedMessages()[0];
        assertThat(mail.getSubject()).isEqualTo("[OPS-14] New incident: Zahlung schlägt fehl — 5 €");
        assertThat(part(mail, "text/plain")).contains("Reporter: Jörg").contains("On duty: Zoë");
        assertThat(part(mail, "text/html")).contains("Reporter: Jörg");
    }

    @Test
    void logs_in_when_a_username_is_configured() {
        notifier(false, "prodsupport", "pw").announce(SlackNotifierTest.NOTICE);

        assertThat(SMTP.getReceivedMessages()).hasSize(TO.size());
    }

    @Test
    void a_wrong_password_fails_naming_the_channel_but_not_the_password() {
        assertThatThrownBy(() -> notifier(false, "prodsupport", "not-the-pw").announce(SlackNotifierTest.NOTICE))
                .isInstanceOf(NotifyException.class)
                .hasMessageStartingWith("email: could not send through 127.0.0.1:")
                .hasMessageContaining("AuthenticationFailedException")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("not-the-pw"));
        assertThat(SMTP.getReceivedMessages()).isEmpty();
    }

    @Test
    void when_starttls_is_configured_a_server_without_it_gets_nothing_in_clear_text() {
        assertThatThrownBy(() -> notifier(true, "prodsupport", "pw").announce(SlackNotifierTest.NOTICE))
                .isInstanceOf(NotifyException.class)
                .hasMessageStartingWith("email: ")
                .hasMessageContaining("STARTTLS");
        assertThat(SMTP.getReceivedMessages()).isEmpty();
    }

    @Test
    void an_unreachable_smtp_host_fails_naming_the_channel() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        EmailNotifier notifier = new EmailNotifier(
                new EmailSettings("127.0.0.1", closedPort, false, null, null, "prodsupport@example.com", TO, null));

        assertThatThrownBy(() -> notifier.announce(SlackNotifierTest.NOTICE))
                .isInstanceOf(NotifyException.class)
                .hasMessageStartingWith("email: could not send through 127.0.0.1:" + closedPort)
                .satisfies(e -> assertThat(((NotifyException) e).channel()).isEqualTo("email"));
    }

    @Test
    void a_malformed_recipient_is_refused_at_construction() {
        assertThatThrownBy(() -> new EmailNotifier(new EmailSettings(
                        "127.0.0.1",
                        25,
                        false,
                        null,
                        null,
                        "prodsupport@example.com",
                        List.of("oncall@example.com\r\nBcc: x@evil.example"),
                        null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("email: not an e-mail address");
    }

    private static EmailNotifier notifier(boolean startTls, String username, String password) {
        return new EmailNotifier(new EmailSettings(
                "127.0.0.1",
                SMTP.getSmtp().getPort(),
                startTls,
                username,
                password,
                "prodsupport@example.com",
                TO,
                null));
    }

    @Test
    void mails_a_resolution_with_its_root_cause() throws Exception {
        notifier(false, null, null)
                .progress(ChannelMessage.progress(
                        "progress:OPS-12:3",
                        SlackNotifierTest.NOTICE,
                        List.of(
                                new ChannelMessage.Change(ChannelMessage.STATUS, "In Progress", "Done"),
                                new ChannelMessage.Change(ChannelMessage.RESOLUTION, null, "Fixed")),
                        List.of("The 4.2 deploy halved the pool", "It was sized for 4 cores")));

        MimeMessage mail = SMTP.getReceivedMessages()[0];
        assertThat(mail.getSubject()).isEqualTo("[OPS-12] Resolved: Checkout is down");
        assertThat(part(mail, "text/plain"))
                .contains("OPS-12 Checkout is down: status In Progress → Done; resolved (Fixed)")
                .contains("Root cause:")
                .contains("  The 4.2 deploy halved the pool")
                .contains("https://jira.example/browse/OPS-12")
                .contains("Owner: Bob On-Duty");
    }
}
