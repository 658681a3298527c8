package io.prodsupport.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.prodsupport.jirasim.Flavour;
import io.prodsupport.jirasim.SimComment;
import io.prodsupport.mail.MailIntake.Outcome;
import io.prodsupport.notify.EmailNotifier;
import io.prodsupport.notify.EmailSettings;
import io.prodsupport.notify.IncidentNotice;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * E-mail into the ticket through every real boundary: the message goes in over SMTP and is read over IMAP (GreenMail),
 * the comment goes to Jira over HTTP (the simulator, both flavours), the ledger is a real SQLite file.
 */
class MailIntakeTest {

    @TempDir
    Path dir;

    private MailSite site;

    @AfterEach
    void close() throws Exception {
        if (site != null) {
            site.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void a_reply_naming_the_incident_in_its_subject_becomes_one_comment_and_moves_to_the_done_folder(Flavour flavour)
            throws Exception {
        site = new MailSite(flavour, dir);
        String key = site.incident("Checkout is down");
        site.send(site.letter(
                "<reply-1@mail.example.com>",
                "Re: [" + key + "] New incident: Checkout is down",
                "The payment pool is exhausted again; restarting pay-7 fixed it for now.\n\nBob"));

        MailIntake.PollResult result = site.poll(site.intake());

        assertThat(result.count(Outcome.COMMENTED)).isEqualTo(1);
        SimComment comment = site.comments(key).get(0);
        assertThat(site.comments(key)).hasSize(1);
        assertThat(comment.author()).isEqualTo(site.jira.site().bot());
        assertThat(comment.body())
                .startsWith("E-mail from *Bob Oncall <bob@example.com>*, Mon, 23 Nov 2026 09:58 UTC\n"
                        + "*Subject:* Re: \\[" + key + "\\] New incident: Checkout is down\n"
                        + "{noformat}\nThe payment pool is exhausted again; restarting pay-7 fixed it for now.\n\nBob\n"
                        + "{noformat}\n")
                .endsWith("_Copied from e-mail by prodsupport_ · "
                        + MessageKey.marker(MessageKey.of("<reply-1@mail.example.com>")));
        assertThat(site.subjectsIn("INBOX")).isEmpty();
        assertThat(site.subjectsIn(MailSite.DONE)).containsExactly("Re: [" + key + "] New incident: Checkout is down");
        assertThat(site.counted("commented")).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void a_reply_to_prodsupports_own_email_lands_on_its_incident_even_when_the_subject_was_rewritten(Flavour flavour)
            throws Exception {
        site = new MailSite(flavour, dir);
        String key = site.incident("Checkout is down");
        EmailNotifier notifier = new EmailNotifier(new EmailSettings(
                "127.0.0.1",
                site.mail.getSmtp().getPort(),
                false,
                null,
                null,
                MailSite.BOT,
                List.of("oncall@example.com"),
                MailSite.MAILBOX));
        notifier.announce(new IncidentNotice(
                key, "Checkout is down", site.sim.baseUrl() + "/browse/" + key, "OPS", "High", "Carol", "Alice"));
        MimeMessage announcement = Arrays.stream(site.mail.getReceivedMessages())
                .filter(m -> {
                    try {
                        return m.getSubject().startsWith("[" + key + "]");
                    } catch (jakarta.mail.MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .findFirst()
                .orElseThrow();
        assertThat(announcement.getReplyTo()).extracting(Object::toString).containsExactly(MailSite.MAILBOX);
        MimeMessage reply = (MimeMessage) announcement.reply(false, false);
        reply.setFrom("Alice Oncall <alice@example.com>");
        reply.setRecipients(Message.RecipientType.TO, announcement.getReplyTo());
        reply.setSubject("the pool again?"); // someone rewrote it: no key left
        reply.setText("Looking at it now.");
        site.send(reply);

        assertThat(site.poll(site.intake()).count(Outcome.COMMENTED)).isEqualTo(1);
        assertThat(site.comments(key))
                .singleElement()
                .satisfies(c -> assertThat(c.body())
                        .contains("E-mail from *Alice Oncall <alice@example.com>*")
                        .contains("*Subject:* the pool again\\?")
                        .contains("Looking at it now."));
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void the_same_message_delivered_twice_is_one_comment(Flavour flavour) throws Exception {
        site = new MailSite(flavour, dir);
        String key = site.incident("Checkout is down");
        String subject = "Re: [" + key + "] pool exhausted";
        site.send(site.letter("<twice@mail.example.com>", subject, "Same words, twice."));
        site.send(site.letter("<twice@mail.example.com>", subject, "Same words, twice."));
        MailIntake intake = site.intake();

        MailIntake.PollResult first = site.poll(intake);
        site.send(site.letter("<twice@mail.example.com>", subject, "Same words, twice.")); // a third, after the move
        MailIntake.PollResult second = site.poll(intake);

        assertThat(first.count(Outcome.COMMENTED)).isEqualTo(1);
        assertThat(first.count(Outcome.DUPLICATE)).isEqualTo(1);
        assertThat(second.count(Outcome.DUPLICATE)).isEqualTo(1);
        assertThat(site.comments(key)).hasSize(1);
        assertThat(site.subjectsIn("INBOX")).isEmpty();
        assertThat(site.subjectsIn(MailSite.DONE)).containsExactly(subject, subject, subject);
        assertThat(site.sim.calls().count("POST /rest/api/2/issue/{issueIdOrKey}/comment"))
                .isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void an_html_only_message_with_a_quoted_reply_chain_posts_only_the_new_words(Flavour flavour) throws Exception {
        site = new MailSite(flavour, dir);
        String key = site.incident("Checkout is down");
        MimeMessage m = site.letter("<html-1@mail.example.com>", "RE: " + key + " checkout", null);
        m.setContent("""
                <html><head><style>p{margin:0}</style></head><body>
                <div dir="ltr"><p>Root cause found: the <b>pool size</b> was set to 8 in the last deploy.</p>
                <ul><li>rolled back at 10:40</li><li>dashboard: <a href="https://grafana.example.com/d/pay">pay</a></li></ul>
                </div><br>
                <div class="gmail_quote"><div dir="ltr" class="gmail_attr">On Mon, 23 Nov 2026 at 09:50, Carol Reporter
                &lt;carol@example.com&gt; wrote:<br></div>
                <blockquote class="gmail_quote" style="margin:0 0 0 .8ex">Checkout is down, customers get HTTP 500.
                <blockquote>Earlier: is anything deployed today?</blockquote></blockquote></div>
                </body></html>""", "text/html; charset=UTF-8");
        site.send(m);

        site.poll(site.intake());

        assertThat(site.comments(key)).singleElement().satisfies(c -> {
            assertThat(c.body())
                    .contains("{noformat}\nRoot cause found: the pool size was set to 8 in the last deploy.\n"
                            + "- rolled back at 10:40\n"
                            + "- dashboard: pay <https://grafana.example.com/d/pay>\n{noformat}\n")
                    .contains("_(the earlier messages it quoted are left out)_")
                    .doesNotContain("Checkout is down, customers")
                    .doesNotContain("Earlier:")
                    .doesNotContain("wrote:")
                    .doesNotContain("<b>")
                    .doesNotContain("margin");
        });
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void a_5_mb_message_is_cut_at_jiras_comment_limit_with_a_note(Flavour flavour) throws Exception {
        site = new MailSite(flavour, dir);
        String key = site.incident("Checkout is down");
        StringBuilder log = new StringBuilder("Full log of pay-7 below.\n");
        for (int i = 0; log.length() < 5 * 1024 * 1024; i++) {
            log.append("2026-11-23T09:40:")
                    .append(i % 60)
                    .append(" ERROR pool exhausted, waiters=")
                    .append(i)
                    .append('\n');
        }
        site.send(site.letter("<big@mail.example.com>", "[" + key + "] logs", log.toString()));

        assertThat(site.poll(site.intake()).count(Outcome.COMMENTED)).isEqualTo(1);

        assertThat(site.comments(key)).singleElement().satisfies(c -> {
            assertThat(c.body().length()).isLessThanOrEqualTo(32_767).isGreaterThan(30_000);
            assertThat(c.body())
                    .contains("Full log of pay-7 below.")
                    .contains("_(cut here: the text is longer than a Jira comment holds; the whole message is kept in"
                            + " the mailbox folder \"Processed\")_")
                    .endsWith(MessageKey.marker(MessageKey.of("<big@mail.example.com>")));
        });
        assertThat(site.subjectsIn(MailSite.DONE)).containsExactly("[" + key + "] logs");
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void a_message_for_an_unknown_key_another_project_or_no_key_goes_to_the_unmatched_folder_and_is_counted(
            Flavour flavour) throws Exception {
        site = new MailSite(flavour, dir);
        String followUp = site.sim.createIssue(
                "SUP", "Task", "Not an incident", "", site.jira.site().alice());
        site.send(site.letter("<unknown@x>", "Re: [OPS-999] gone?", "Is OPS-999 still happening?"));
        site.send(site.letter("<backlog@x>", "About " + followUp, "A backlog ticket, not an incident."));
        site.send(site.letter("<nokey@x>", "Checkout broken??", "Nobody told me the ticket number."));
        site.sim.calls().reset();

        MailIntake.PollResult result = site.poll(site.intake());

        assertThat(result.count(Outcome.UNMATCHED)).isEqualTo(3);
        assertThat(site.counted("unmatched")).isEqualTo(3);
        assertThat(site.subjectsIn(MailSite.UNMATCHED))
                .containsExactlyInAnyOrder("Re: [OPS-999] gone?", "About " + followUp, "Checkout broken??");
        assertThat(site.subjectsIn("INBOX")).isEmpty();
        assertThat(site.sim.calls().count("POST /rest/api/2/issue/{issueIdOrKey}/comment"))
                .isZero();
        assertThat(site.sim.calls().count("GET /rest/api/2/issue/{issueIdOrKey}"))
                .as("only the OPS key is looked up")
                .isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void mail_from_prodsupports_own_address_and_automatic_replies_are_filed_away_without_a_comment(Flavour flavour)
            throws Exception {
        site = new MailSite(flavour, dir);
        String key = site.incident("Checkout is down");
        MimeMessage own = site.letter("<own@x>", "[" + key + "] New incident: Checkout is down", "announcement");
        own.setFrom(MailSite.BOT);
        MimeMessage away = site.letter("<away@x>", "Automatic reply: [" + key + "] New incident", "I am away.");
        away.setHeader("Auto-Submitted", "auto-replied");
        site.send(own);
        site.send(away);

        MailIntake.PollResult result = site.poll(site.intake());

        assertThat(result.count(Outcome.IGNORED)).isEqualTo(2);
        assertThat(site.comments(key)).isEmpty();
        assertThat(site.subjectsIn(MailSite.DONE)).hasSize(2);
        assertThat(site.counted("ignored")).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void files_are_listed_and_with_attachments_on_uploaded_once_and_linked(Flavour flavour) throws Exception {
        site = new MailSite(flavour, dir);
        String key = site.incident("Checkout is down");
        byte[] dump = new byte[5 * 1024 * 1024];
        new java.util.Random(7).nextBytes(dump);
        site.send(withFiles(site.letter("<files@x>", "[" + key + "] dumps", null), dump));
        site.send(withFiles(site.letter("<files-2@x>", "[" + key + "] dumps again", null), dump));

        MailIntake.PollResult result = site.poll(site.intake(site.jira.bot(), site.ledger(), true));
        site.sim.maxAttachmentSize(1024 * 1024);

        assertThat(result.count(Outcome.COMMENTED)).isEqualTo(2);
        assertThat(site.sim.issue(key).attachments())
                .extracting(a -> a.filename() + " " + a.size())
                .containsExactly("heap dump.bin 5242880", "notes.txt 13", "heap dump.bin 5242880", "notes.txt 13");
        assertThat(site.sim.issue(key).attachments().get(0).content()).isEqualTo(dump);
        assertThat(site.comments(key).get(0).body())
                .contains("See the files.")
                .contains("*Attachments:* [^heap dump.bin] (5.0 MB), [^notes.txt] (13 bytes)");
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void a_file_jira_refuses_is_listed_with_the_reason_and_the_comment_still_posted(Flavour flavour) throws Exception {
        site = new MailSite(flavour, dir);
        String key = site.incident("Checkout is down");
        site.sim.maxAttachmentSize(1024 * 1024);
        site.send(withFiles(site.letter("<toobig@x>", "[" + key + "] dump", null), new byte[2 * 1024 * 1024]));

        site.poll(site.intake(site.jira.bot(), site.ledger(), true));

        assertThat(site.sim.issue(key).attachments())
                .extracting(a -> a.filename())
                .containsExactly("notes.txt");
        assertThat(site.comments(key).get(0).body())
                .contains("*Attachments:* heap dump.bin (2.0 MB, not attached: larger than Jira accepts),"
                        + " [^notes.txt] (13 bytes)");
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void with_attachments_off_files_are_only_listed(Flavour flavour) throws Exception {
        site = new MailSite(flavour, dir);
        String key = site.incident("Checkout is down");
        site.send(withFiles(site.letter("<listed@x>", "[" + key + "] dump", null), new byte[2048]));

        site.poll(site.intake());

        assertThat(site.sim.issue(key).attachments()).isEmpty();
        assertThat(site.comments(key).get(0).body())
                .contains("*Attachments:* heap dump.bin (2.0 KB), notes.txt (13 bytes)");
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void without_folders_handled_messages_stay_flagged_and_are_not_read_again(Flavour flavour) throws Exception {
        site = new MailSite(flavour, dir);
        String key = site.incident("Checkout is down");
        site.send(site.letter("<stay@x>", "[" + key + "] update", "Still down."));
        site.send(site.letter("<stay-2@x>", "no key here", "Hello?"));
        MailIntake intake = site.intake();
        Mailbox mailbox = site.mailbox(site.settings(false, false));

        MailIntake.PollResult first = site.poll(intake, mailbox);
        site.sim.calls().reset();
        MailIntake.PollResult second = site.poll(intake, mailbox);

        assertThat(first.count(Outcome.COMMENTED)).isEqualTo(1);
        assertThat(first.count(Outcome.UNMATCHED)).isEqualTo(1);
        assertThat(second.counts()).isEmpty();
        assertThat(site.sim.calls().total()).isZero();
        assertThat(site.subjectsIn("INBOX")).containsExactlyInAnyOrder("[" + key + "] update", "no key here");
        assertThat(site.keywordsIn("INBOX")).containsExactlyInAnyOrder(Mailbox.DONE_KEYWORD, Mailbox.UNMATCHED_KEYWORD);
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void a_comment_jira_failed_to_take_waits_in_the_inbox_and_is_posted_once_by_the_next_poll(Flavour flavour)
            throws Exception {
        site = new MailSite(flavour, dir);
        String key = site.incident("Checkout is down");
        site.send(site.letter("<later@x>", "[" + key + "] update", "Still down."));
        MailIntake intake = site.intake();
        site.sim.faults().on("POST /rest/api/2/issue/{issueIdOrKey}/comment").failNext(1, 503);

        MailIntake.PollResult first = site.poll(intake);
        MailIntake.PollResult second = site.poll(intake);

        assertThat(first.count(Outcome.FAILED)).isEqualTo(1);
        assertThat(second.count(Outcome.COMMENTED)).isEqualTo(1);
        assertThat(site.comments(key)).hasSize(1);
        assertThat(site.subjectsIn(MailSite.DONE)).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void a_comment_jira_refuses_goes_to_the_unmatched_folder_for_a_person(Flavour flavour) throws Exception {
        site = new MailSite(flavour, dir);
        String key = site.incident("Checkout is down");
        site.send(site.letter("<refused@x>", "[" + key + "] update", "Still down."));
        site.sim.faults().on("POST /rest/api/2/issue/{issueIdOrKey}/comment").failNext(1, 403);

        MailIntake.PollResult result = site.poll(site.intake());

        assertThat(result.count(Outcome.REFUSED)).isEqualTo(1);
        assertThat(site.subjectsIn(MailSite.UNMATCHED)).containsExactly("[" + key + "] update");
        assertThat(site.counted("refused")).isEqualTo(1);
    }

    /** A short text, a binary file and a small text file, as a mail program attaches them. */
    private static MimeMessage withFiles(MimeMessage message, byte[] binary) throws Exception {
        MimeBodyPart text = new MimeBodyPart();
        text.setText("See the files.", "UTF-8");
        MimeBodyPart dump = new MimeBodyPart();
        dump.setContent(binary, "application/octet-stream");
        dump.setFileName("heap dump.bin");
        dump.setDisposition(MimeBodyPart.ATTACHMENT);
        MimeBodyPart notes = new MimeBodyPart();
        notes.setText("restart pay-7", "UTF-8");
        notes.setFileName("notes.txt");
        notes.setDisposition(MimeBodyPart.ATTACHMENT);
        Multipart mixed = new MimeMultipart("mixed", text, dump, notes);
        message.setContent(mixed);
        return message;
    }
}
