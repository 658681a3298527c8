package io.prodsupport.notify;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Entities;

/**
 * Mails a new incident through an SMTP server (Jakarta Mail, Angus implementation): subject
 * {@code [OPS-12] New incident: <summary>}, a plain-text body with the link, priority, reporter and the person on
 * duty. A reply should land on the ticket: when prodsupport reads a mailbox, it is the {@code Reply-To}, and the
 * {@code Message-ID} carries the key ({@code <prodsupport.OPS-12.…@example.com>}), so a reply names the incident in
 * its {@code In-Reply-To} even when someone rewrote the subject. Authenticates when a username is configured; when STARTTLS is configured it is required, so a server (or
 * someone in between) that does not offer it gets no password in clear text.
 *
 * <p>Not retried here: an SMTP server that failed will most likely fail again within seconds, and the announcer's
 * result lets the caller try the channel again later.
 */
public final class EmailNotifier implements Notifier {

    public static final String CHANNEL = "email";

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern KEY_IN_MESSAGE_ID =
            Pattern.compile("^<?prodsupport\\.([A-Za-z][A-Za-z0-9_]*-[0-9]+)\\.[^@>]+@[^>]+>?$");

    private final EmailSettings settings;
    private final Session session;
    private final InternetAddress from;
    private final InternetAddress[] to;
    private final InternetAddress[] replyTo;

    public EmailNotifier(EmailSettings settings) {
        this.settings = settings;
        this.session = Session.getInstance(properties(settings));
        this.from = address(settings.from());
        this.to = settings.to().stream().map(EmailNotifier::address).toArray(InternetAddress[]::new);
        if (to.length == 0) {
            throw new IllegalArgumentException(CHANNEL + ": no recipients configured (notify.email.to)");
        }
        this.replyTo = settings.replyTo() == null
                ? new InternetAddress[0]
                : new InternetAddress[] {address(settings.replyTo())};
    }

    /**
     * The Message-ID of an e-mail about incident {@code key} sent from {@code from}: unique, and carrying the key so a
     * reply can be matched to the incident by its {@code In-Reply-To} (see {@link #incidentKeyOf}).
     */
    public static String messageId(String key, String from) {
        int at = from.lastIndexOf('@');
        String domain =
                at >= 0 && at < from.length() - 1 ? from.substring(at + 1).replace(">", "") : "prodsupport";
        return "<prodsupport." + key + "." + UUID.randomUUID() + "@" + domain + ">";
    }

    /** The incident key in a Message-ID {@link #messageId} made; empty for any other Message-ID. */
    public static Optional<String> incidentKeyOf(String messageId) {
        Matcher m = KEY_IN_MESSAGE_ID.matcher(messageId.strip());
        return m.matches() ? Optional.of(m.group(1).toUpperCase(Locale.ROOT)) : Optional.empty();
    }

    @Override
    public String channel() {
        return CHANNEL;
    }

    @Override
    public void announce(IncidentNotice notice) {
        send(notice, "New incident", body(notice));
    }

    @Override
    public void progress(ChannelMessage progress) {
        String what = switch (progress.kind()) {
            case PROGRESS -> progress.resolves() ? "Resolved" : "Update";
            default -> progress.title();
        };
        send(progress.incident(), what, progressBody(progress));
    }

    /** Subject {@code [prodsupport] On-call hand-over: <who> is on duty now, until …}; the incidents in the body. */
    @Override
    public void handover(ChannelMessage handover) {
        send("handover", "[prodsupport] " + handover.title() + ": " + oneLine(handover.line()), handoverBody(handover));
    }

    static String handoverBody(ChannelMessage handover) {
        ChannelMessage.Handover h = handover.handover();
        StringBuilder body = new StringBuilder()
                .append(oneLine(handover.line()))
                .append('\n')
                .append('\n');
        if (h.inherited().isEmpty()) {
            body.append("No open incidents to take over.\n");
        } else {
            body.append("Open incidents to take over:\n\n");
        }
        for (IncidentNotice notice : h.inherited()) {
            body.append(oneLine(notice.key()))
                    .append(' ')
                    .append(oneLine(notice.summary()))
                    .append('\n')
                    .append(notice.url())
                    .append('\n');
            appendFact(body, "Status", notice.status());
            appendFact(body, "Priority", notice.priority());
            appendFact(body, "Owner", notice.onDutyName() != null ? notice.onDutyName() : "nobody");
            body.append('\n');
        }
        if (h.moreIncidents() > 0) {
            body.append("and ").append(h.moreIncidents()).append(" more open incident(s).\n");
        }
        return body.toString();
    }

    static String progressBody(ChannelMessage progress) {
        IncidentNotice notice = progress.incident();
        StringBuilder body = new StringBuilder()
                .append(oneLine(progress.line()))
                .append('\n')
                .append('\n')
                .append(notice.url())
                .append('\n')
                .append('\n');
        if (!progress.rootCause().isEmpty()) {
            body.append("Root cause:\n");
            progress.rootCause()
                    .forEach(l -> body.append("  ").append(oneLine(l)).append('\n'));
            body.append('\n');
        }
        appendFact(body, "Priority", notice.priority());
        appendFact(body, "Owner", notice.onDutyName() != null ? notice.onDutyName() : "nobody");
        return body.toString();
    }

    private void send(IncidentNotice notice, String what, String text) {
        send(oneLine(notice.key()), "[" + oneLine(notice.key()) + "] " + what + ": " + oneLine(notice.summary()), text);
    }

    /** @param about what the Message-ID names: an incident key, so a reply finds the incident, or another word */
    private void send(String about, String subject, String text) {
        try {
            MimeMessage message = message(about, subject, text);
            try (Transport transport = session.getTransport("smtp")) {
                transport.connect(settings.smtpHost(), settings.smtpPort(), settings.username(), settings.password());
                transport.sendMessage(message, message.getAllRecipients());
            }
        } catch (MessagingException e) {
            throw new NotifyException(
                    CHANNEL,
                    "could not send through " + settings.smtpHost() + ":" + settings.smtpPort() + " (" + describe(e)
                            + ")");
        }
    }

    MimeMessage message(IncidentNotice notice) throws MessagingException {
        return message(notice, "New incident", body(notice));
    }

    private MimeMessage message(IncidentNotice notice, String what, String text) throws MessagingException {
        return message(
                oneLine(notice.key()),
                "[" + oneLine(notice.key()) + "] " + what + ": " + oneLine(notice.summary()),
                text);
    }

    private MimeMessage message(String about, String subject, String text) throws MessagingException {
        String messageId = messageId(about, from.getAddress());
        MimeMessage message = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        message.setFrom(from);
        message.setRecipients(Message.RecipientType.TO, to);
        if (replyTo.length > 0) {
            message.setReplyTo(replyTo);
        }
        message.setSentDate(new Date());
        message.setSubject(subject, "UTF-8");
        // the same words twice: plain text for every client and for the mailbox's own reading, HTML with a link
        MimeBodyPart plain = new MimeBodyPart();
        plain.setText(text, "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(html(text), "UTF-8", "html");
        MimeMultipart alternatives = new MimeMultipart("alternative");
        alternatives.addBodyPart(plain); // least preferred first (RFC 2046 §5.1.4)
        alternatives.addBodyPart(html);
        message.setContent(alternatives);
        return message;
    }

    private static final Pattern URL = Pattern.compile("https?://\\S+");

    /**
     * The plain text as HTML: each paragraph a {@code <p>}, its lines kept, web addresses made links, everything else
     * escaped (jsoup), so a summary with markup in it stays text.
     */
    static String html(String text) {
        StringBuilder out = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family: sans-serif\">");
        for (String paragraph : text.strip().split("\n\\s*\n")) {
            out.append("<p>");
            List<String> lines = paragraph.lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                if (i > 0) {
                    out.append("<br>");
                }
                out.append(linked(lines.get(i)));
            }
            out.append("</p>");
        }
        return out.append("</body></html>").toString();
    }

    private static String linked(String line) {
        Matcher m = URL.matcher(line);
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (m.find()) {
            out.append(Entities.escape(line.substring(at, m.start())));
            String url = Entities.escape(m.group());
            out.append("<a href=\"").append(url).append("\">").append(url).append("</a>");
            at = m.end();
        }
        return out.append(Entities.escape(line.substring(at))).toString();
    }

    static String body(IncidentNotice notice) {
        StringBuilder body = new StringBuilder()
                .append("A new incident was opened: ")
                .append(oneLine(notice.key()))
                .append('\n')
                .append('\n')
                .append(oneLine(notice.summary()))
                .append('\n')
                .append('\n')
                .append(notice.url())
                .append('\n')
                .append('\n');
        appendFact(body, "Priority", notice.priority());
        appendFact(body, "Reporter", notice.reporterName());
        appendFact(body, "On duty", notice.onDutyName() != null ? notice.onDutyName() : "nobody");
        return body.toString();
    }

    private static void appendFact(StringBuilder body, String label, String value) {
        if (value != null && !value.isBlank()) {
            body.append(label).append(": ").append(oneLine(value)).append('\n');
        }
    }

    /**
     * Folds every run of control characters (CR, LF, tab, Unicode line separators) into one space: a subject or a
     * fact is one line, and a summary carrying {@code \r\nBcc: ...} must not become a header.
     */
    static String oneLine(String text) {
        return text.replaceAll("[\\p{Cntrl}\\u2028\\u2029\\u0085]+", " ").strip();
    }

    private static Properties properties(EmailSettings settings) {
        Properties p = new Properties();
        String timeout = Long.toString(TIMEOUT.toMillis());
        p.setProperty("mail.smtp.connectiontimeout", timeout);
        p.setProperty("mail.smtp.timeout", timeout);
        p.setProperty("mail.smtp.writetimeout", timeout);
        p.setProperty(
                "mail.smtp.auth",
                Boolean.toString(
                        settings.username() != null && !settings.username().isBlank()));
        if (settings.startTls()) {
            p.setProperty("mail.smtp.starttls.enable", "true");
            p.setProperty("mail.smtp.starttls.required", "true");
        }
        return p;
    }

    private static InternetAddress address(String text) {
        try {
            return new InternetAddress(text, true);
        } catch (AddressException e) {
            throw new IllegalArgumentException(CHANNEL + ": not an e-mail address: " + oneLine(text));
        }
    }

    /** The exception's class and the server's reply, on one line; a reply never echoes the password. */
    private static String describe(MessagingException e) {
        String text = e.getMessage() == null ? "" : oneLine(e.getMessage());
        if (text.length() > 200) {
            text = text.substring(0, 200) + "…";
        }
        return e.getClass().getSimpleName() + (text.isEmpty() ? "" : ": " + text);
    }
}
