package io.prodsupport.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MailCommentTest {

    private static MailMessage mail(String subject, String text) {
        return new MailMessage(
                "<a@b>",
                "mallory@example.com",
                "Mallory [~accountid:123]",
                Instant.parse("2026-11-23T09:58:00Z"),
                subject,
                List.of(),
                text,
                text,
                false,
                List.of(),
                false);
    }

    @Test
    void markup_in_the_sender_subject_and_text_stays_text() {
        String comment = MailComment.render(
                mail("*urgent* {code}x{code} [link|http://x]", "Hi [~accountid:557058:abc] {noformat}*bold*"),
                List.of(),
                "prodsupport-mail-0123",
                "Processed");

        assertThat(comment)
                .startsWith("E-mail from *Mallory \\[\\~accountid:123\\] <mallory@example.com>*, Mon, 23 Nov 2026"
                        + " 09:58 UTC\n*Subject:* \\*urgent\\* \\{code\\}x\\{code\\} \\[link\\|http://x\\]\n")
                .contains("{noformat}\nHi [~accountid:557058:abc] { noformat}*bold*\n{noformat}\n");
    }

    @Test
    void an_empty_text_says_so_and_a_long_subject_is_shortened() {
        String comment = MailComment.render(mail("s".repeat(2000), "  "), List.of(), "m", "Processed");

        assertThat(comment).contains("_(no text)_\n").doesNotContain("{noformat}");
        assertThat(comment.lines()
                        .filter(l -> l.startsWith("*Subject:*"))
                        .findFirst()
                        .orElseThrow())
                .hasSize("*Subject:* ".length() + 501);
    }

    @Test
    void a_text_that_does_not_fit_is_cut_on_a_line_break_and_the_whole_stays_under_the_limit() {
        String text = "line of a log that goes on\n".repeat(5000);

        String comment = MailComment.render(mail("logs", text), List.of(), "prodsupport-mail-0123", "Processed");

        assertThat(comment.length()).isLessThanOrEqualTo(MailComment.LIMIT);
        assertThat(comment)
                .contains("line of a log that goes on\n{noformat}\n_(cut here:")
                .endsWith("prodsupport-mail-0123");
    }

    @Test
    void a_cut_never_splits_a_character_made_of_two_chars() {
        String text = "😀".repeat(20_000); // 40,000 chars, no line breaks

        String comment = MailComment.render(mail("emoji", text), List.of(), "m", "Processed");

        assertThat(comment.length()).isLessThanOrEqualTo(MailComment.LIMIT);
        String kept = comment.substring(comment.indexOf("{noformat}\n") + 11, comment.lastIndexOf("\n{noformat}"));
        assertThat(kept.codePoints().allMatch(c -> c == "😀".codePointAt(0))).isTrue();
    }
}
