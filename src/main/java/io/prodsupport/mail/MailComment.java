package io.prodsupport.mail;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The comment an e-mail becomes, in Jira wiki markup: who sent it and when, the subject, the text as sent (in a
 * {@code noformat} block, so nothing in it turns into markup or mentions), the files, and the marker by which a later
 * attempt recognises it. Never longer than Jira takes: a text that does not fit is cut with a note saying where the
 * whole message is kept.
 */
final class MailComment {

    /** Jira's limit on a comment: 32,767 characters. */
    static final int LIMIT = 32_767;

    private static final int MAX_SUBJECT = 500;
    private static final int MAX_FILES = 50;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern(
                    "EEE, d MMM yyyy HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    /**
     * A file of the message and what became of it.
     *
     * @param uploaded whether it is attached to the issue now (then the comment links it)
     * @param note     why it is not, when it is not and was meant to be; null otherwise
     */
    record FileLine(MailAttachment file, boolean uploaded, String note) {}

    private MailComment() {}

    /**
     * @param keptIn where the whole message stays, for the note on a cut text: the mailbox folder
     */
    static String render(MailMessage mail, List<FileLine> files, String marker, String keptIn) {
        StringBuilder head = new StringBuilder()
                .append("E-mail from *")
                .append(escape(oneLine(mail.sender(), 300)))
                .append('*');
        if (mail.sent() != null) {
            head.append(", ").append(DATE.format(mail.sent()));
        }
        head.append('\n');
        if (!mail.subject().isBlank()) {
            head.append("*Subject:* ")
                    .append(escape(oneLine(mail.subject(), MAX_SUBJECT)))
                    .append('\n');
        }
        StringBuilder tail = new StringBuilder();
        if (mail.quoteLeftOut()) {
            tail.append("_(the earlier messages it quoted are left out)_\n");
        }
        if (!files.isEmpty()) {
            tail.append(files(files)).append('\n');
        }
        tail.append("_Copied from e-mail by prodsupport_ · ").append(marker);

        String text = mail.text().strip().replaceAll("(?i)\\{noformat}", "{ noformat}");
        if (text.isEmpty()) {
            return head + "_(no text)_\n" + tail;
        }
        String open = "{noformat}\n";
        String close = "\n{noformat}\n";
        int room = LIMIT - head.length() - tail.length() - open.length() - close.length();
        if (text.length() <= room) {
            return head + open + text + close + tail;
        }
        String note = "_(cut here: the text is longer than a Jira comment holds; the whole message is kept in the"
                + " mailbox folder \"" + escape(oneLine(keptIn, 200)) + "\")_\n";
        String kept = cut(text, room - note.length());
        return head + open + kept + close + note + tail;
    }

    private static String files(List<FileLine> files) {
        List<String> names = new ArrayList<>();
        for (FileLine line : files.subList(0, Math.min(files.size(), MAX_FILES))) {
            String name = oneLine(line.file().name(), 200);
            StringBuilder entry =
                    new StringBuilder(line.uploaded() ? "[^" + name.replace("]", "") + "]" : escape(name));
            entry.append(" (").append(line.file().readableSize());
            if (line.note() != null) {
                entry.append(", ").append(escape(line.note()));
            }
            names.add(entry.append(')').toString());
        }
        if (files.size() > MAX_FILES) {
            names.add("and " + (files.size() - MAX_FILES) + " more");
        }
        return "*Attachments:* " + String.join(", ", names);
    }

    /** At most {@code max} characters, ending at a line break near the end when there is one, never mid-character. */
    private static String cut(String text, int max) {
        int end = Math.max(0, max);
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        int lineBreak = text.lastIndexOf('\n', end);
        if (lineBreak > end - 500 && lineBreak > 0) {
            end = lineBreak;
        }
        return text.substring(0, end).stripTrailing();
    }

    private static String oneLine(String text, int max) {
        String line = text.replaceAll("[\\p{Cntrl}\\u2028\\u2029]+", " ").strip();
        return line.length() > max ? line.substring(0, max) + "…" : line;
    }

    /** Backslash before the characters that are markup in Jira's wiki syntax, so a subject stays a subject. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if ("\\*_{}[]|!~^+?".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
