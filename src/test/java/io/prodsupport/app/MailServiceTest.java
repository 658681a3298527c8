package io.prodsupport.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.prodsupport.config.Config;
import io.prodsupport.jirasim.Flavour;
import io.prodsupport.jirasim.JiraSimulator;
import io.prodsupport.jirasim.SimComment;
import io.prodsupport.jirasim.SimSite;
import io.prodsupport.testing.SimulatedService;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The service with a mailbox, as it runs: prodsupport announces a new incident by e-mail with the incidents mailbox as
 * Reply-To, a person replies, and the reply lands on the ticket — through the real SMTP and IMAP of GreenMail, the
 * simulator's webhooks, and the service's own watcher.
 */
class MailServiceTest {

    private static final String MAILBOX = "incidents@example.com";

    @TempDir
    Path dir;

    private JiraSimulator sim;
    private SimSite site;
    private GreenMail mail;
    private ProdsupportService service;
    private int port;

    private Path config() throws Exception {
        mail = new GreenMail(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP))
                .withConfiguration(GreenMailConfiguration.aConfig().withUser(MAILBOX, MAILBOX, "mail-pw"));
        mail.start();
        sim = JiraSimulator.builder().flavour(Flavour.CLOUD).start();
        site = SimSite.seed(sim);
        port = SimulatedService.freePort();
        Path password = Files.writeString(dir.resolve("mail-password"), "mail-pw\n");
        return SimulatedService.config(
                site,
                dir,
                port,
                "notify:\n  email:\n    smtpHost: 127.0.0.1\n    smtpPort: "
                        + mail.getSmtp().getPort()
                        + "\n    startTls: false\n    from: prodsupport@example.com\n"
                        + "    to: [oncall@example.com, " + MAILBOX + "]\n"
                        + "mail:\n  imap:\n    host: 127.0.0.1\n    port: "
                        + mail.getImap().getPort()
                        + "\n    tls: false\n    username: " + MAILBOX + "\n    password: file:" + password
                        + "\n  doneFolder: Processed\n  unmatchedFolder: Unmatched\n");
    }

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
        if (mail != null) {
            mail.stop();
        }
        if (sim != null) {
            sim.assertNoSpecViolations();
            sim.close();
        }
    }

    @Test
    void a_reply_to_the_announcement_lands_on_the_ticket_and_the_announcement_itself_does_not() throws Exception {
        Config config = ConfigLoaders.withTemplateSections(Map.of()).load(config());
        service = new Wiring(config, Clock.systemUTC()).service("127.0.0.1").start();
        sim.webhooks().register("http://127.0.0.1:" + port + "/webhook/jira", SimulatedService.WEBHOOK_SECRET);

        String key = sim.createIssue("OPS", "Incident", "Checkout is down", "500s on /checkout", site.carol());
        MimeMessage announcement = await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> Arrays.stream(mail.getReceivedMessages())
                                .filter(m -> subject(m).startsWith("[" + key + "] New incident"))
                                .findFirst()
                                .orElse(null),
                        m -> m != null);
        assertThat(announcement.getReplyTo()).extracting(Object::toString).containsExactly(MAILBOX);

        MimeMessage reply = (MimeMessage) announcement.reply(false);
        reply.setFrom("Alice Oncall <alice@example.com>");
        reply.setRecipients(Message.RecipientType.TO, announcement.getReplyTo());
        reply.setText("On it: the payment pool is exhausted.");
        send(reply);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> !sim.issue(key).comments().isEmpty());
        List<SimComment> comments = sim.issue(key).comments();
        assertThat(comments)
                .singleElement()
                .satisfies(c -> assertThat(c.body())
                        .contains("E-mail from *Alice Oncall <alice@example.com>*")
                        .contains("On it: the payment pool is exhausted."));
        await().atMost(Duration.ofSeconds(20)).until(() -> metrics().contains("outcome=\"ignored\"} 1.0"));
        assertThat(metrics())
                .contains("prodsupport_mail_messages_total{outcome=\"commented\"} 1.0")
                .contains("prodsupport_mail_messages_total{outcome=\"ignored\"} 1.0")
                .contains("prodsupport_mail_messages_total{outcome=\"unmatched\"} 0.0");
    }

    @Test
    void poll_mail_reads_the_mailbox_once_and_says_what_became_of_each_message() throws Exception {
        Path config = config();
        String key = sim.createIssue("OPS", "Incident", "Checkout is down", "500s", site.carol());
        MimeMessage update = new MimeMessage(Session.getInstance(new Properties()));
        update.setFrom("bob@example.com");
        update.setRecipients(Message.RecipientType.TO, MAILBOX);
        update.setSubject("[" + key + "] rolled back");
        update.setText("Rolled back at 10:40.");
        send(update);
        MimeMessage stray = new MimeMessage(Session.getInstance(new Properties()));
        stray.setFrom("dan@example.com");
        stray.setRecipients(Message.RecipientType.TO, MAILBOX);
        stray.setSubject("lunch?");
        stray.setText("Anyone?");
        send(stray);
        StringWriter out = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));

        assertThat(cli.execute("poll-mail", "--config", config.toString())).isZero();

        assertThat(out.toString()).isEqualTo("2 e-mail(s) read: 1 commented, 1 unmatched" + System.lineSeparator());
        assertThat(sim.issue(key).comments()).hasSize(1);
        out.getBuffer().setLength(0);
        assertThat(cli.execute("poll-mail", "--config", config.toString())).isZero();
        assertThat(out.toString()).isEqualTo("no e-mail waiting" + System.lineSeparator());
    }

    private void send(MimeMessage message) throws Exception {
        Properties p = new Properties();
        p.setProperty("mail.smtp.host", "127.0.0.1");
        p.setProperty("mail.smtp.port", Integer.toString(mail.getSmtp().getPort()));
        try (Transport t = Session.getInstance(p).getTransport("smtp")) {
            t.connect();
            message.saveChanges();
            t.sendMessage(message, message.getAllRecipients());
        }
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String metrics() throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }
}
