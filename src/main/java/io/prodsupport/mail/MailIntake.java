package io.prodsupport.mail;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.prodsupport.inbox.StoreUnavailableException;
import io.prodsupport.incident.IncidentScope;
import io.prodsupport.jira.Comment;
import io.prodsupport.jira.Issue;
import io.prodsupport.jira.JiraClient;
import io.prodsupport.jira.JiraException;
import io.prodsupport.mail.MailLedger.Claim;
import io.prodsupport.mail.MailRecord.State;
import io.prodsupport.mail.Mailbox.Destination;
import jakarta.mail.FolderClosedException;
import jakarta.mail.MessagingException;
import jakarta.mail.StoreClosedException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns each e-mail waiting in the mailbox into one comment on the incident it is about, exactly once:
 *
 * <ol>
 *   <li>claim its Message-ID in the {@link MailLedger} — before anything is written to Jira. A message already handled
 *       (delivered twice, or a crash came before it was moved) is only filed away; one another instance is working on
 *       is left alone;</li>
 *   <li>find the incident ({@link IncidentKeys}: a reply to prodsupport's own e-mail, the subject, the body; only
 *       issues of the incident scope count). None: it goes to the unmatched folder, for a person;</li>
 *   <li>when an earlier attempt stopped half-way, look among the incident's newest comments for this message's marker
 *       ({@link MessageKey#marker}) and attach only the files not already there;</li>
 *   <li>attach the files ({@code mail.attachments}) and post the comment ({@link MailComment});</li>
 *   <li>finish the ledger row, then move the message to the done folder (or flag it).</li>
 * </ol>
 *
 * A crash between any two steps is taken over by the next poll of any instance once the claim's lease has run out; it
 * neither posts twice nor loses the message. Mail from prodsupport's own address and automatic replies are filed away
 * without a comment.
 */
public final class MailIntake {

    /** What became of one message. */
    public enum Outcome {
        /** Posted as a comment. */
        COMMENTED,
        /** Handled before (the same message delivered twice, or a crash before it was moved): only filed away. */
        DUPLICATE,
        /** Names no incident of the configured projects: moved to the unmatched folder. */
        UNMATCHED,
        /** Jira refused the comment, or the message cannot be read: moved to the unmatched folder for a person. */
        REFUSED,
        /** From prodsupport itself, or an automatic reply: filed away without a comment. */
        IGNORED,
        /** Another instance is working on it, or filed it since this poll looked. */
        BUSY,
        /** Jira, the store or the mailbox failed: left where it is for the next poll. */
        FAILED
    }

    /** How many messages of one poll ended how. */
    public record PollResult(Map<Outcome, Integer> counts) {
        public PollResult {
            counts = Map.copyOf(counts);
        }

        public int count(Outcome outcome) {
            return counts.getOrDefault(outcome, 0);
        }

        /** Whether any message reached an end (so more may have arrived meanwhile and the poll is worth repeating). */
        public boolean finishedAny() {
            return counts.entrySet().stream()
                    .anyMatch(e -> e.getKey() != Outcome.BUSY && e.getKey() != Outcome.FAILED && e.getValue() > 0);
        }
    }

    /** Long enough for a message's Jira calls with their retries; then another instance may take it over. */
    public static final Duration DEFAULT_LEASE = Duration.ofMinutes(5);
    /** How many of the incident's newest comments a resumed attempt looks through for its marker. */
    static final int COMMENTS_TO_SEARCH = 100;

    private static final Logger log = LoggerFactory.getLogger(MailIntake.class);
    private static final List<String> FIELDS = List.of("project", "issuetype", "labels");
    private static final List<String> FIELDS_RESUMED = List.of("project", "issuetype", "labels", "attachment");

    private final JiraClient jira;
    private final IncidentScope scope;
    private final MailLedger ledger;
    private final IncidentKeys keys;
    private final Set<String> ownAddresses;
    private final boolean attachments;
    private final Clock clock;
    private final Duration lease;
    private final String claimant = "mail-" + UUID.randomUUID();
    private final Map<Outcome, Counter> counters = new EnumMap<>(Outcome.class);

    /**
     * @param ownAddresses prodsupport's own addresses (the notification sender, the mailbox): mail from them is ignored
     * @param attachments  upload an e-mail's files to the incident; otherwise they are listed
     */
    public MailIntake(
            JiraClient jira,
            IncidentScope scope,
            MailLedger ledger,
            Collection<String> ownAddresses,
            boolean attachments,
            Clock clock,
            Duration lease,
            MeterRegistry registry) {
        this.jira = jira;
        this.scope = scope;
        this.ledger = ledger;
        this.keys = new IncidentKeys(scope.projects());
        this.ownAddresses = ownAddresses.stream()
                .map(a -> a.strip().toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
        this.attachments = attachments;
        this.clock = clock;
        this.lease = lease;
        for (Outcome outcome : Outcome.values()) {
            if (outcome != Outcome.BUSY) {
                counters.put(
                        outcome,
                        Counter.builder("prodsupport.mail.messages")
                                .description("E-mails taken from the mailbox, by what became of them")
                                .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                                .register(registry));
            }
        }
    }

    /**
     * Handles every message waiting in the mailbox, one after the other.
     *
     * @throws MessagingException when the connection to the mailbox is lost: the messages not yet handled wait for the
     *                            next poll
     */
    public PollResult poll(Mailbox mailbox) throws MessagingException {
        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        for (long uid : mailbox.pending()) {
            Outcome outcome = handle(mailbox, uid);
            counts.merge(outcome, 1, Integer::sum);
            Counter counter = counters.get(outcome);
            if (counter != null) {
                counter.increment();
            }
        }
        return new PollResult(counts);
    }

    Outcome handle(Mailbox mailbox, long uid) throws MessagingException {
        Optional<MimeMessage> headers = mailbox.headers(uid);
        if (headers.isEmpty()) {
            return Outcome.BUSY; // another instance filed it since this poll's search
        }
        String messageId = MessageReader.messageId(headers.get());
        String key = MessageKey.of(messageId);
        Instant now = clock.instant();
        Claim claim;
        try {
            claim = ledger.claim(key, messageId, claimant, now, now.plus(lease));
        } catch (StoreUnavailableException e) {
            log.warn("e-mail {} waits: {}", messageId, e.getMessage());
            return Outcome.FAILED;
        }
        if (claim == Claim.BUSY) {
            return Outcome.BUSY;
        }
        try {
            if (claim == Claim.FINISHED) {
                boolean unmatched =
                        ledger.record(key).map(r -> r.state().unmatched()).orElse(false);
                mailbox.file(uid, unmatched ? Destination.UNMATCHED : Destination.DONE);
                log.info("e-mail {} was handled before; filed away again", messageId);
                return Outcome.DUPLICATE;
            }
            return take(mailbox, uid, headers.get(), messageId, key, claim == Claim.RESUMED);
        } catch (FolderClosedException | StoreClosedException e) {
            release(key);
            throw e; // the connection is gone: the watcher reconnects, the next poll retries
        } catch (JiraException | StoreUnavailableException | MessagingException e) {
            release(key);
            log.warn("e-mail {} waits for the next poll: {}", messageId, e.getMessage());
            return Outcome.FAILED;
        }
    }

    private Outcome take(Mailbox mailbox, long uid, MimeMessage headers, String messageId, String key, boolean resumed)
            throws MessagingException {
        String from = MessageReader.fromAddress(headers);
        if (from != null && ownAddresses.contains(from) || MessageReader.automatic(headers)) {
            return finish(mailbox, uid, key, State.IGNORED, null, null, Outcome.IGNORED);
        }
        Optional<MimeMessage> message = mailbox.message(uid);
        if (message.isEmpty()) {
            release(key);
            return Outcome.BUSY; // someone moved it out of the folder meanwhile: it is where they put it
        }
        MailMessage mail;
        try {
            mail = MessageReader.read(message.get());
        } catch (IOException | MessagingException | RuntimeException e) {
            log.warn("e-mail {} cannot be read ({}); it goes to the unmatched folder", messageId, e.toString());
            return finish(mailbox, uid, key, State.UNMATCHED, null, null, Outcome.REFUSED);
        }
        Optional<Issue> incident = incident(mail, resumed);
        if (incident.isEmpty()) {
            log.info("e-mail {} from {} names no incident; it goes to the unmatched folder", messageId, mail.sender());
            return finish(mailbox, uid, key, State.UNMATCHED, null, null, Outcome.UNMATCHED);
        }
        Issue issue = incident.get();
        String marker = MessageKey.marker(key);
        Optional<Comment> posted = resumed ? commentWith(issue.key(), marker) : Optional.empty();
        String commentId;
        if (posted.isPresent()) {
            commentId = posted.get().id();
            log.info("e-mail {} was already posted on {} before a restart; not again", messageId, issue.key());
        } else {
            try {
                List<MailComment.FileLine> files = files(issue, mail, resumed);
                commentId = jira.addComment(
                                issue.key(), MailComment.render(mail, files, marker, mailbox.where(Destination.DONE)))
                        .id();
            } catch (JiraException e) {
                if (!refusal(e)) {
                    throw e;
                }
                log.warn(
                        "Jira refused e-mail {} on {} ({}); it goes to the unmatched folder",
                        messageId,
                        issue.key(),
                        e.getMessage());
                return finish(mailbox, uid, key, State.UNMATCHED, null, null, Outcome.REFUSED);
            }
            log.info("e-mail {} from {} is comment {} on {}", messageId, mail.sender(), commentId, issue.key());
        }
        return finish(mailbox, uid, key, State.COMMENTED, issue.key(), commentId, Outcome.COMMENTED);
    }

    /** The ledger first, the mailbox after: a crash between the two finds the row finished and only files it. */
    private Outcome finish(
            Mailbox mailbox, long uid, String key, State state, String issueKey, String commentId, Outcome outcome)
            throws MessagingException {
        if (!ledger.finish(key, state, issueKey, commentId, claimant, clock.instant())) {
            log.warn("lost the claim on an e-mail to another instance; it files the message");
            return Outcome.BUSY;
        }
        mailbox.file(uid, state == State.UNMATCHED ? Destination.UNMATCHED : Destination.DONE);
        return outcome;
    }

    /** The first key the message names that is an incident; a key Jira does not know is passed over. */
    private Optional<Issue> incident(MailMessage mail, boolean resumed) {
        for (String candidate : keys.in(mail)) {
            Issue issue;
            try {
                issue = jira.getIssue(candidate, resumed ? FIELDS_RESUMED : FIELDS);
            } catch (JiraException e) {
                if (e.status() == 404) {
                    continue;
                }
                throw e;
            }
            if (scope.covers(issue)) {
                return Optional.of(issue);
            }
        }
        return Optional.empty();
    }

    private Optional<Comment> commentWith(String issueKey, String marker) {
        return jira.latestComments(issueKey, COMMENTS_TO_SEARCH).stream()
                .filter(c -> c.body() != null && c.body().contains(marker))
                .findFirst();
    }

    /**
     * The files and what became of each. Uploaded when {@code mail.attachments} is on; a resumed attempt skips a file
     * the issue already has under the same name and size. A file Jira refuses (too large, attachments off) is listed
     * with the reason; a failure that may pass (5xx, unreachable) fails the message, to be retried.
     */
    private List<MailComment.FileLine> files(Issue issue, MailMessage mail, boolean resumed) {
        return mail.attachments().stream()
                .map(file -> {
                    if (!attachments) {
                        return new MailComment.FileLine(file, false, null);
                    }
                    if (resumed
                            && issue.fields().attachments().stream()
                                    .anyMatch(a -> file.name().equals(a.filename()) && file.size() == a.size())) {
                        return new MailComment.FileLine(file, true, null);
                    }
                    try {
                        jira.addAttachment(issue.key(), file.name(), file.mimeType(), file.content());
                        return new MailComment.FileLine(file, true, null);
                    } catch (JiraException e) {
                        if (!refusal(e)) {
                            throw e;
                        }
                        String why =
                                e.status() == 413 ? "larger than Jira accepts" : "Jira refused it (" + e.status() + ")";
                        return new MailComment.FileLine(file, false, "not attached: " + why);
                    }
                })
                .toList();
    }

    /** A 4xx that asking again would not change (not 408, 409, 425 or 429, which the client already rode out). */
    private static boolean refusal(JiraException e) {
        int s = e.status();
        return s >= 400 && s < 500 && s != 408 && s != 409 && s != 425 && s != 429;
    }

    private void release(String key) {
        try {
            ledger.release(key, claimant);
        } catch (StoreUnavailableException e) {
            // the lease runs out by itself
        }
    }
}
