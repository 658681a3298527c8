package io.prodsupport.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prodsupport.jira.JiraClient;
import io.prodsupport.jirasim.Flavour;
import io.prodsupport.mail.MailIntake.Outcome;
import io.prodsupport.mail.MailRecord.State;
import io.prodsupport.testing.Intercepted;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The intake killed after each of its steps in turn — the ledger's claim, the read of the incident, the upload, the
 * comment, the ledger's finish — and a restarted one (a new client, a new connection to the same store and mailbox)
 * taking over once the dead one's lease ran out. Killed after the comment is "a crash between comment and move"; killed
 * after the finish is a crash between the ledger and the move. Every time: one comment, one copy of the file, the
 * message in the done folder.
 */
class MailCrashTest {

    /** The calls of a clean run, in order: the kill comes right after the n-th. */
    private static final List<String> STEPS = List.of("claim", "getIssue", "addAttachment", "addComment", "finish");

    @TempDir
    Path dir;

    private MailSite site;

    @AfterEach
    void close() throws Exception {
        if (site != null) {
            site.close();
        }
    }

    /** Thrown by the kill and by every call after it: the process is gone. */
    static final class Killed extends RuntimeException {
        Killed(String after) {
            super("process killed after " + after);
        }
    }

    /** Jira and ledger calls of one process, counted together; it dies right after call {@code killAfter}. */
    private static final class Process {
        final AtomicInteger steps = new AtomicInteger();
        final List<String> trace = new ArrayList<>();
        final int killAfter;
        volatile boolean dead;

        Process(int killAfter) {
            this.killAfter = killAfter;
        }

        Runnable step(String what) {
            if (dead) {
                throw new Killed("earlier");
            }
            trace.add(what);
            if (steps.incrementAndGet() == killAfter) {
                return () -> {
                    dead = true;
                    throw new Killed(what);
                };
            }
            return Intercepted.NOTHING;
        }
    }

    static Stream<Arguments> killPoints() {
        return Stream.concat(
                IntStream.rangeClosed(1, STEPS.size()).mapToObj(n -> Arguments.of(Flavour.CLOUD, n)),
                Stream.of(Arguments.of(Flavour.DATA_CENTER, 4), Arguments.of(Flavour.DATA_CENTER, 5)));
    }

    @ParameterizedTest(name = "{0}: killed after {1}")
    @MethodSource("killPoints")
    void a_crash_after_any_step_still_gives_one_comment_one_file_and_the_message_filed(Flavour flavour, int killAfter)
            throws Exception {
        site = new MailSite(flavour, dir);
        String key = site.incident("Checkout is down");
        site.send(withFile(site.letter("<crash@mail.example.com>", "[" + key + "] pool", "Restarted pay-7.")));
        Process first = new Process(killAfter);
        MailIntake dying = site.intake(
                Intercepted.calls(JiraClient.class, site.jira.bot(), first::step),
                Intercepted.calls(MailLedger.class, site.ledger(), first::step),
                true);

        assertThatThrownBy(() -> site.poll(dying)).isInstanceOf(Killed.class);
        assertThat(first.trace).isEqualTo(STEPS.subList(0, killAfter));

        site.clock.advance(MailIntake.DEFAULT_LEASE.plusSeconds(1));
        MailIntake.PollResult restarted = site.poll(site.intake(site.jira.bot(), site.ledger(), true));

        assertThat(restarted.count(killAfter == STEPS.size() ? Outcome.DUPLICATE : Outcome.COMMENTED))
                .isEqualTo(1);
        assertThat(site.comments(key))
                .singleElement()
                .satisfies(
                        c -> assertThat(c.body()).contains("Restarted pay-7.").contains("[^pool.log] (11 bytes)"));
        assertThat(site.sim.issue(key).attachments())
                .extracting(a -> a.filename())
                .containsExactly("pool.log");
        assertThat(site.subjectsIn("INBOX")).isEmpty();
        assertThat(site.subjectsIn(MailSite.DONE)).containsExactly("[" + key + "] pool");
        MailLedger ledger = site.ledger();
        assertThat(ledger.record(MessageKey.of("<crash@mail.example.com>"))).hasValueSatisfying(r -> {
            assertThat(r.state()).isEqualTo(State.COMMENTED);
            assertThat(r.issueKey()).isEqualTo(key);
            assertThat(r.commentId())
                    .isEqualTo(String.valueOf(site.comments(key).get(0).id()));
        });
    }

    @Test
    void a_restart_on_sqlite_releases_the_dead_process_claims_at_once() throws Exception {
        site = new MailSite(Flavour.CLOUD, dir);
        String key = site.incident("Checkout is down");
        site.send(site.letter("<sqlite@mail.example.com>", "[" + key + "] pool", "Restarted pay-7."));
        Process first = new Process(3); // claim, read, comment: killed before the ledger knows
        MailIntake dying = site.intake(
                Intercepted.calls(JiraClient.class, site.jira.bot(), first::step),
                Intercepted.calls(MailLedger.class, site.ledger(), first::step),
                false);
        assertThatThrownBy(() -> site.poll(dying)).isInstanceOf(Killed.class);

        MailLedger restartedLedger = site.ledger();
        assertThat(restartedLedger.releaseAll()).isEqualTo(1);
        MailIntake.PollResult restarted = site.poll(site.intake(site.jira.bot(), restartedLedger, false));

        assertThat(restarted.count(Outcome.COMMENTED)).isEqualTo(1);
        assertThat(site.comments(key)).hasSize(1);
        assertThat(site.subjectsIn(MailSite.DONE)).hasSize(1);
    }

    @Test
    void while_the_dead_process_lease_runs_another_instance_leaves_the_message_alone() throws Exception {
        site = new MailSite(Flavour.CLOUD, dir);
        String key = site.incident("Checkout is down");
        site.send(site.letter("<leased@mail.example.com>", "[" + key + "] pool", "Restarted pay-7."));
        Process first = new Process(1); // right after the claim
        MailIntake dying = site.intake(
                Intercepted.calls(JiraClient.class, site.jira.bot(), first::step),
                Intercepted.calls(MailLedger.class, site.ledger(), first::step),
                false);
        assertThatThrownBy(() -> site.poll(dying)).isInstanceOf(Killed.class);
        site.sim.calls().reset();

        MailIntake.PollResult other = site.poll(site.intake());

        assertThat(other.count(Outcome.BUSY)).isEqualTo(1);
        assertThat(other.finishedAny()).isFalse();
        assertThat(site.sim.calls().total()).isZero();
        assertThat(site.subjectsIn("INBOX")).hasSize(1);
    }

    private static MimeMessage withFile(MimeMessage message) throws Exception {
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Restarted pay-7.", "UTF-8");
        MimeBodyPart log = new MimeBodyPart();
        log.setText("waiters=214", "UTF-8");
        log.setFileName("pool.log");
        log.setDisposition(MimeBodyPart.ATTACHMENT);
        message.setContent(new MimeMultipart("mixed", text, log));
        return message;
    }
}
