package io.prodsupport.mail;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.prodsupport.incident.IncidentScope;
import io.prodsupport.jira.JiraClient;
import io.prodsupport.jirasim.Flavour;
import io.prodsupport.jirasim.JiraSimulator;
import io.prodsupport.jirasim.SimComment;
import io.prodsupport.store.Stores;
import io.prodsupport.testing.SettableClock;
import io.prodsupport.testing.SimulatedSite;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * Everything an e-mail crosses, for real, on loopback: a mail server (GreenMail, SMTP and IMAP) with the incidents
 * mailbox, Jira (the simulator, with prodsupport's production client), and the store (SQLite in a temp folder). Time is
 * a {@link SettableClock}, so a lease runs out when the test says so.
 */
final class MailSite implements AutoCloseable {

    static final String MAILBOX = "incidents@example.com";
    static final String PASSWORD = "mailbox-pw";
    static final String BOT = "prodsupport@example.com";
    static final String DONE = "Processed";
    static final String UNMATCHED = "Unmatched";

    final GreenMail mail;
    final SimulatedSite jira;
    final JiraSimulator sim;
    final SettableClock clock = new SettableClock(Instant.parse("2026-11-23T10:00:00Z"));
    final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final String storeUrl;
    private final List<AutoCloseable> opened = new ArrayList<>();

    MailSite(Flavour flavour, Path dir) {
        this(flavour, "jdbc:sqlite:" + dir.resolve("store.db"));
    }

    MailSite(Flavour flavour, String storeUrl) {
        this.mail = new GreenMail(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP))
                .withConfiguration(GreenMailConfiguration.aConfig().withUser(MAILBOX, MAILBOX, PASSWORD));
        mail.start();
        this.jira = SimulatedSite.start(flavour);
        this.sim = jira.sim();
        this.storeUrl = storeUrl;
    }

    /** An incident in OPS, as Carol files it. */
    String incident(String summary) {
        return sim.createIssue(
                "OPS", "Incident", summary, "It broke.", jira.site().carol());
    }

    MailboxSettings settings(boolean folders, boolean attachments) {
        return new MailboxSettings(
                "127.0.0.1",
                mail.getImap().getPort(),
                false,
                MAILBOX,
                PASSWORD,
                "INBOX",
                folders ? Optional.of(DONE) : Optional.empty(),
                folders ? Optional.of(UNMATCHED) : Optional.empty(),
                attachments);
    }

    Mailbox mailbox(MailboxSettings settings) {
        return keep(new Mailbox(settings));
    }

    Mailbox mailbox() {
        return mailbox(settings(true, false));
    }

    MailLedger ledger() {
        return keep(Stores.openMailLedger(storeUrl, storeUrl.contains("postgresql") ? "postgres" : null, null));
    }

    MailIntake intake(JiraClient client, MailLedger ledger, boolean attachments) {
        return new MailIntake(
                client,
                new IncidentScope(List.of("OPS"), List.of(), Optional.empty()),
                ledger,
                List.of(BOT, MAILBOX),
                attachments,
                clock,
                MailIntake.DEFAULT_LEASE,
                metrics);
    }

    MailIntake intake() {
        return intake(jira.bot(), ledger(), false);
    }

    /** One poll of a fresh connection, as a just-started instance would do it. */
    MailIntake.PollResult poll(MailIntake intake, Mailbox mailbox) throws MessagingException {
        mailbox.connect();
        return intake.poll(mailbox);
    }

    MailIntake.PollResult poll(MailIntake intake) throws MessagingException {
        return poll(intake, mailbox());
    }

    /** A message from Bob with the given Message-ID (kept as set: Jakarta Mail would make a new one on sending). */
    MimeMessage letter(String messageId, String subject, String text) throws MessagingException {
        MimeMessage m = message(messageId);
        m.setFrom("Bob Oncall <bob@example.com>");
        m.setRecipients(Message.RecipientType.TO, MAILBOX);
        m.setSubject(subject, "UTF-8");
        m.setSentDate(java.util.Date.from(Instant.parse("2026-11-23T09:58:00Z")));
        if (text != null) {
            m.setText(text, "UTF-8");
        }
        return m;
    }

    MimeMessage message(String messageId) {
        return new MimeMessage(Session.getInstance(new Properties())) {
            @Override
            protected void updateMessageID() throws MessagingException {
                if (messageId != null) {
                    setHeader("Message-ID", messageId);
                } else {
                    removeHeader("Message-ID");
                }
            }
        };
    }

    /** Through the mail server's SMTP port, as any sender's would arrive. */
    void send(MimeMessage message) throws MessagingException {
        Properties p = new Properties();
        p.setProperty("mail.smtp.host", "127.0.0.1");
        p.setProperty("mail.smtp.port", Integer.toString(mail.getSmtp().getPort()));
        Session smtp = Session.getInstance(p);
        message.saveChanges();
        try (Transport t = smtp.getTransport("smtp")) {
            t.connect();
            t.sendMessage(message, message.getAllRecipients());
        }
    }

    /** The subjects of the messages in a folder of the incidents mailbox, read over IMAP. */
    List<String> subjectsIn(String folderName) throws MessagingException {
        List<String> subjects = new ArrayList<>();
        eachIn(folderName, m -> subjects.add(m.getSubject()));
        return subjects;
    }

    /** The keywords (user flags) set on the messages of a folder. */
    List<String> keywordsIn(String folderName) throws MessagingException {
        List<String> keywords = new ArrayList<>();
        eachIn(folderName, m -> keywords.addAll(List.of(m.getFlags().getUserFlags())));
        return keywords;
    }

    private interface MessageReading {
        void read(Message message) throws MessagingException;
    }

    /** Each message of a folder that is not deleted, over a connection of the test's own; none when it does not exist. */
    private void eachIn(String folderName, MessageReading reading) throws MessagingException {
        Store store = Session.getInstance(new Properties()).getStore("imap");
        store.connect("127.0.0.1", mail.getImap().getPort(), MAILBOX, PASSWORD);
        try {
            Folder folder = store.getFolder(folderName);
            if (!folder.exists()) {
                return;
            }
            folder.open(Folder.READ_ONLY);
            for (Message m : folder.getMessages()) {
                if (!m.isSet(jakarta.mail.Flags.Flag.DELETED)) {
                    reading.read(m);
                }
            }
            folder.close(false);
        } finally {
            store.close();
        }
    }

    List<SimComment> comments(String key) {
        return sim.issue(key).comments();
    }

    double counted(String outcome) {
        return metrics.counter("prodsupport.mail.messages", "outcome", outcome).count();
    }

    private <T extends AutoCloseable> T keep(T closeable) {
        opened.add(closeable);
        return closeable;
    }

    @Override
    public void close() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
        try {
            jira.close();
        } finally {
            mail.stop();
        }
    }
}
