package io.prodsupport.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Cuts the quoted reply chain off a plain-text e-mail: everything from the first quote marker on is left out, because
 * the earlier messages are already on the ticket (or were never meant for it). The markers are the ones mail programs
 * write: a line quoted with {@code >}, an attribution ("On Mon, 5 Jan 2026, Bob wrote:", in a few languages, also
 * wrapped over two lines), Outlook's "-----Original Message-----" or its "From: … Sent: …" header block.
 * A forwarded message is not a quote: it is often the very content someone wants on the ticket.
 *
 * <p>When nothing but quotes stands above the first marker (a reply written below the quote), the reply is what follows
 * it: then only the quoted lines and the attribution are left out.
 */
final class QuotedReply {

    /** What is left and whether anything was left out. */
    record Cut(String text, boolean quoteLeftOut) {}

    private static final Pattern ATTRIBUTION = Pattern.compile(
            // "On …, Bob wrote:" and "Am …, schrieb Bob <bob@…>:": the verb may come before the name
            "^\\s*(On|Am|Le|El|Il|Op|Den|På|Em)\\s.+(wrote|schrieb|a écrit|escribió|ha scritto|schreef|skrev|escreveu)"
                    + "\\b.*:\\s*$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern ATTRIBUTION_START =
            Pattern.compile("^\\s*(On|Am|Le|El|Il|Op|Den|På|Em)\\s.+", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern ATTRIBUTION_END = Pattern.compile(
            "^.*(wrote|schrieb|a écrit|escribió|ha scritto|schreef|skrev|escreveu)\\s*:\\s*$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern ORIGINAL_MESSAGE = Pattern.compile(
            "^\\s*-{2,}\\s*(Original Message|Ursprüngliche Nachricht|Message d'origine|Mensaje original)\\s*-{2,}\\s*$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern OUTLOOK_RULE = Pattern.compile("^\\s*_{20,}\\s*$");
    private static final Pattern HEADER_FROM = Pattern.compile("^\\s*(From|Von|De)\\s*:\\s*\\S.*$");
    private static final Pattern HEADER_SENT = Pattern.compile("^\\s*(Sent|Date|Gesendet|Datum|Envoyé)\\s*:\\s*\\S.*$");

    /** An attribution names a date and a person with an address; longer lines are text. */
    private static final int LONGEST_MARKER = 400;

    private QuotedReply() {}

    static Cut strip(String text) {
        List<String> lines = List.of(text.split("\r?\n", -1));
        for (int i = 0; i < lines.size(); i++) {
            int start = markerStart(lines, i);
            if (start < 0) {
                continue;
            }
            String above = String.join("\n", lines.subList(0, start)).stripTrailing();
            if (!above.isBlank()) {
                return new Cut(above, true);
            }
            return new Cut(unquoted(lines), true);
        }
        return new Cut(text.stripTrailing(), false);
    }

    /** Where the quote that line {@code i} marks begins, or -1 when line {@code i} marks none. */
    private static int markerStart(List<String> lines, int i) {
        String line = lines.get(i);
        if (line.startsWith(">")) {
            return i;
        }
        if (line.length() > LONGEST_MARKER) {
            return -1; // no marker is that long, and the patterns need not scan a pasted log line
        }
        if (ATTRIBUTION.matcher(line).matches()
                || ORIGINAL_MESSAGE.matcher(line).matches()
                || OUTLOOK_RULE.matcher(line).matches() && headerBlockFollows(lines, i + 1)
                || HEADER_FROM.matcher(line).matches() && headerBlockFollows(lines, i)) {
            return i;
        }
        // "On Mon, 5 Jan 2026 at 10:00, Bob Smith <bob@example.com>\nwrote:": the attribution wrapped
        if (i > 0
                && ATTRIBUTION_END.matcher(line).matches()
                && ATTRIBUTION_START.matcher(lines.get(i - 1)).matches()
                && i + 1 < lines.size()
                && quotedOrBlank(lines.get(i + 1))) {
            return i - 1;
        }
        return -1;
    }

    /** A "From:" line with a "Sent:"/"Date:" line within the next four: a reply header, not a sentence. */
    private static boolean headerBlockFollows(List<String> lines, int from) {
        boolean sawFrom = false;
        for (int j = from; j < Math.min(lines.size(), from + 5); j++) {
            String line = lines.get(j);
            if (HEADER_FROM.matcher(line).matches()) {
                sawFrom = true;
            } else if (sawFrom && HEADER_SENT.matcher(line).matches()) {
                return true;
            }
        }
        return false;
    }

    private static boolean quotedOrBlank(String line) {
        return line.isBlank() || line.startsWith(">");
    }

    /** The text without its quoted lines and their attribution: a reply written below the quote. */
    private static String unquoted(List<String> lines) {
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            boolean attribution = line.length() <= LONGEST_MARKER
                    && (ATTRIBUTION.matcher(line).matches()
                            || ATTRIBUTION_END.matcher(line).matches()
                                    && i > 0
                                    && ATTRIBUTION_START
                                            .matcher(lines.get(i - 1))
                                            .matches());
            if (line.startsWith(">") || attribution) {
                if (attribution
                        && !kept.isEmpty()
                        && ATTRIBUTION_START.matcher(kept.get(kept.size() - 1)).matches()) {
                    kept.remove(kept.size() - 1);
                }
                continue;
            }
            kept.add(line);
        }
        return String.join("\n", kept).strip();
    }
}
