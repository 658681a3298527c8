package io.prodsupport.mail;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParseException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Jakarta Mail message into a {@link MailMessage}: the headers that matter, the text (the plain-text part when
 * there is one, else the HTML converted by {@link HtmlText}), the quoted reply chain cut off, and the files.
 */
final class MessageReader {

    /** Text past this is not looked at: a comment holds 32,767 characters, and a pasted log can be megabytes. */
    static final int MAX_TEXT = 1_000_000;

    private static final Pattern ANGLE_ID = Pattern.compile("<[^<>\\s]+>");

    /** The headers a poll fetches for every message in one round trip; the body is read only when needed. */
    static final String[] HEADERS = {
        "Message-ID",
        "From",
        "Sender",
        "Date",
        "Subject",
        "In-Reply-To",
        "References",
        "Auto-Submitted",
        "X-Autoreply",
        "X-Autorespond",
        "Precedence"
    };

    private MessageReader() {}

    /**
     * The Message-ID; for a message without one (rare: mail servers add it), one made from the headers that stay the
     * same on every delivery of it (sender, recipients, date, subject), so that a second delivery is recognised.
     */
    static String messageId(Message message) throws MessagingException {
        String id = first(message, "Message-ID");
        if (id != null && !id.isBlank()) {
            return id.strip();
        }
        StringBuilder identity = new StringBuilder();
        for (String header : List.of("From", "To", "Cc", "Date", "Subject")) {
            identity.append(header)
                    .append(':')
                    .append(String.valueOf(first(message, header)))
                    .append('\n');
        }
        return "<sha256." + MessageKey.sha256(identity.toString()) + "@prodsupport.invalid>";
    }

    /** The sender's address, lower case; null when the message names none. */
    static String fromAddress(Message message) throws MessagingException {
        InternetAddress from = from(message);
        return from == null || from.getAddress() == null
                ? null
                : from.getAddress().toLowerCase(Locale.ROOT);
    }

    /** An out-of-office or other automatic reply (RFC 3834 and the headers older responders set). */
    static boolean automatic(Message message) throws MessagingException {
        String submitted = first(message, "Auto-Submitted");
        String precedence = first(message, "Precedence");
        return submitted != null && submitted.strip().toLowerCase(Locale.ROOT).startsWith("auto-replied")
                || first(message, "X-Autoreply") != null
                || first(message, "X-Autorespond") != null
                || precedence != null && precedence.strip().equalsIgnoreCase("auto_reply");
    }

    static MailMessage read(Message message) throws MessagingException, IOException {
        Body body = new Body();
        walk(message, body);
        String fullText;
        QuotedReply.Cut cut;
        if (body.plain != null) {
            fullText = limit(body.plain);
            cut = QuotedReply.strip(fullText);
        } else if (body.html != null) {
            HtmlText.Read html = HtmlText.read(limit(body.html));
            fullText = html.fullText();
            cut = html.reply();
        } else {
            fullText = "";
            cut = new QuotedReply.Cut("", false);
        }
        InternetAddress from = from(message);
        List<String> thread = new ArrayList<>();
        ids(first(message, "In-Reply-To"), thread);
        List<String> references = new ArrayList<>();
        ids(first(message, "References"), references);
        for (int i = references.size() - 1; i >= 0; i--) {
            if (!thread.contains(references.get(i))) {
                thread.add(references.get(i)); // the nearest ancestor is the last reference
            }
        }
        return new MailMessage(
                messageId(message),
                fromAddress(message),
                from == null ? null : from.getPersonal(),
                message.getSentDate() != null
                        ? message.getSentDate().toInstant()
                        : message.getReceivedDate() != null
                                ? message.getReceivedDate().toInstant()
                                : null,
                message.getSubject(),
                thread,
                cut.text(),
                fullText,
                cut.quoteLeftOut(),
                body.files,
                automatic(message));
    }

    private static final class Body {
        String plain;
        String html;
        final List<MailAttachment> files = new ArrayList<>();
    }

    /** The first plain-text part and the first HTML part are the body (alternatives of each other); files are listed. */
    private static void walk(Part part, Body body) throws MessagingException, IOException {
        if (part.isMimeType("multipart/*")) {
            if (part.getContent() instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    walk(multipart.getBodyPart(i), body);
                }
            }
            return;
        }
        if (isFile(part)) {
            body.files.add(file(part));
        } else if (part.isMimeType("text/plain") && body.plain == null) {
            body.plain = text(part);
        } else if (part.isMimeType("text/html") && body.html == null) {
            body.html = text(part);
        }
        // anything else inline (an image the HTML shows, a calendar part) is part of the body's look, not a file
    }

    /** A part sent as a file: marked as an attachment, or named and not an image shown inside the HTML. */
    private static boolean isFile(Part part) throws MessagingException {
        if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            return true;
        }
        if (part.isMimeType("message/rfc822")) {
            return true;
        }
        String name = part.getFileName();
        String[] contentId = part.getHeader("Content-ID");
        return name != null && !(Part.INLINE.equalsIgnoreCase(part.getDisposition()) && contentId != null);
    }

    private static MailAttachment file(Part part) throws MessagingException, IOException {
        String name = part.getFileName();
        if (name != null) {
            try {
                name = MimeUtility.decodeText(name);
            } catch (java.io.UnsupportedEncodingException e) {
                // keep the name as it came
            }
        }
        if (name == null || name.isBlank()) {
            name = part.isMimeType("message/rfc822") ? "forwarded-message.eml" : "attachment";
        }
        name = name.replaceAll("^.*[/\\\\]", "").replaceAll("\\p{Cntrl}", "").strip();
        if (name.length() > 200) {
            name = name.substring(0, 200);
        }
        byte[] content;
        try (InputStream in = part.getInputStream()) {
            content = in.readAllBytes();
        }
        return new MailAttachment(name.isEmpty() ? "attachment" : name, baseType(part), content);
    }

    private static String baseType(Part part) throws MessagingException {
        try {
            return new ContentType(part.getContentType()).getBaseType().toLowerCase(Locale.ROOT);
        } catch (ParseException e) {
            return "application/octet-stream";
        }
    }

    /** A text part decoded by its charset; an unknown or missing charset reads as UTF-8 rather than failing. */
    private static String text(Part part) throws MessagingException, IOException {
        Charset charset = StandardCharsets.UTF_8;
        try {
            String name = new ContentType(part.getContentType()).getParameter("charset");
            if (name != null) {
                charset = Charset.forName(MimeUtility.javaCharset(name.strip()));
            }
        } catch (ParseException | IllegalArgumentException e) {
            // keep UTF-8
        }
        try (InputStream in = part.getInputStream()) {
            // SMTP carries CRLF; Jira and everything after it want one kind of line break
            return new String(in.readAllBytes(), charset).replace("\r\n", "\n").replace('\r', '\n');
        }
    }

    private static String limit(String text) {
        return text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
    }

    private static InternetAddress from(Message message) throws MessagingException {
        Address[] from;
        try {
            from = message.getFrom();
        } catch (jakarta.mail.internet.AddressException e) {
            return null;
        }
        return from != null && from.length > 0 && from[0] instanceof InternetAddress address ? address : null;
    }

    private static String first(Message message, String header) throws MessagingException {
        String[] values = message.getHeader(header);
        return values == null || values.length == 0 ? null : values[0];
    }

    private static void ids(String header, List<String> out) {
        if (header == null) {
            return;
        }
        Matcher m = ANGLE_ID.matcher(header);
        while (m.find()) {
            if (!out.contains(m.group())) {
                out.add(m.group());
            }
        }
    }
}
