package io.prodsupport.mail;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.iap.Argument;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.imap.protocol.BASE64MailboxEncoder;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.IMAPResponse;
import org.eclipse.angus.mail.imap.protocol.UID;

/**
 * One IMAP connection to the mailbox (Jakarta Mail, Angus implementation): the messages waiting in the folder, filing a
 * handled one away (moved to its folder, or flagged with a keyword when no folder is configured), and waiting for new
 * mail with IMAP IDLE. Messages are read with PEEK, so one left for a person is still unread in their mail program, and
 * addressed by UID.
 * Used by one thread at a time ({@link MailWatcher}); only {@link #wakeUp()} comes from another.
 */
public final class Mailbox implements AutoCloseable {

    /** The keyword on a handled message when {@code mail.doneFolder} is not set. */
    public static final String DONE_KEYWORD = "prodsupport-done";
    /** The keyword on a message that names no incident when {@code mail.unmatchedFolder} is not set. */
    public static final String UNMATCHED_KEYWORD = "prodsupport-unmatched";

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);
    /** Longer than any IDLE lasts ({@link MailWatcher} renews it sooner), so a quiet mailbox is not a dead one. */
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(30);

    /** Where a handled message goes. */
    enum Destination {
        DONE,
        UNMATCHED
    }

    private final MailboxSettings settings;
    private final Session session;
    private final ScheduledExecutorService alarm = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mailbox-idle-alarm");
        t.setDaemon(true);
        return t;
    });
    private IMAPStore store;
    private volatile IMAPFolder folder;

    public Mailbox(MailboxSettings settings) {
        this.settings = settings;
        this.session = Session.getInstance(properties(settings));
    }

    MailboxSettings settings() {
        return settings;
    }

    /** Signs in and opens the folder, creating the done and unmatched folders when they are missing; once. */
    void connect() throws MessagingException {
        if (folder != null && folder.isOpen() && store.isConnected()) {
            return;
        }
        disconnect();
        IMAPStore signedIn = signIn();
        try {
            IMAPFolder inbox = (IMAPFolder) signedIn.getFolder(settings.folder());
            if (!inbox.exists()) {
                throw new MessagingException("the folder \"" + settings.folder() + "\" does not exist");
            }
            for (Optional<String> target : List.of(settings.doneFolder(), settings.unmatchedFolder())) {
                if (target.isPresent()) {
                    Folder f = signedIn.getFolder(target.get());
                    // another instance may create it at the same moment: then it exists, which is all that counts
                    if (!f.exists() && !f.create(Folder.HOLDS_MESSAGES) && !f.exists()) {
                        throw new MessagingException("cannot create the folder \"" + target.get() + "\"");
                    }
                }
            }
            inbox.open(Folder.READ_WRITE);
            store = signedIn;
            folder = inbox;
        } catch (MessagingException | RuntimeException e) {
            closeQuietly(signedIn);
            throw e;
        }
    }

    private IMAPStore signIn() throws MessagingException {
        IMAPStore s = (IMAPStore) session.getStore(settings.tls() ? "imaps" : "imap");
        s.connect(settings.host(), settings.port(), settings.username(), settings.password());
        return s;
    }

    /**
     * The UIDs of the messages in the folder not yet handled. Everything here goes by UID, never by sequence number:
     * other instances move messages out of the same folder, and a number that went stale must not read or move someone
     * else's message.
     */
    List<Long> pending() throws MessagingException {
        Argument criteria = new Argument().writeAtom("UNDELETED");
        if (settings.doneFolder().isEmpty()) {
            criteria.writeAtom("UNKEYWORD").writeAtom(DONE_KEYWORD);
        }
        if (settings.unmatchedFolder().isEmpty()) {
            criteria.writeAtom("UNKEYWORD").writeAtom(UNMATCHED_KEYWORD);
        }
        List<Long> uids = new ArrayList<>();
        for (Response r : command("UID SEARCH", criteria)) {
            if (r instanceof IMAPResponse ir && ir.keyEquals("SEARCH")) {
                for (long uid = ir.readLong(); uid != -1; uid = ir.readLong()) {
                    uids.add(uid);
                }
            }
        }
        return List.copyOf(uids);
    }

    /** The message's header only (cheap): enough to claim it, or to see it is from prodsupport itself. */
    Optional<MimeMessage> headers(long uid) throws MessagingException {
        return fetch(uid, "BODY.PEEK[HEADER]");
    }

    /** The whole message, read once into memory; empty when another instance has moved it meanwhile. */
    Optional<MimeMessage> message(long uid) throws MessagingException {
        return fetch(uid, "BODY.PEEK[]");
    }

    private Optional<MimeMessage> fetch(long uid, String item) throws MessagingException {
        for (Response r : command("UID FETCH", new Argument().writeNumber(uid).writeAtom("(UID " + item + ")"))) {
            if (r instanceof FetchResponse fr) {
                UID fetched = fr.getItem(UID.class);
                BODY body = fr.getItem(BODY.class);
                if (fetched != null && fetched.uid == uid && body != null) {
                    return Optional.of(new MimeMessage(session, body.getByteArrayInputStream()));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Moves a handled message to its folder (IMAP MOVE where offered; else copy, delete, expunge), or flags it where no
     * folder is configured. A UID another instance moved away meanwhile is simply not there: nothing happens.
     */
    void file(long uid, Destination destination) throws MessagingException {
        Optional<String> target = destination == Destination.DONE ? settings.doneFolder() : settings.unmatchedFolder();
        if (target.isEmpty()) {
            String flags =
                    destination == Destination.DONE ? "(\\Seen " + DONE_KEYWORD + ")" : "(" + UNMATCHED_KEYWORD + ")";
            command(
                    "UID STORE",
                    new Argument().writeNumber(uid).writeAtom("+FLAGS.SILENT").writeAtom(flags));
            return;
        }
        String mailbox = BASE64MailboxEncoder.encode(target.get());
        if (store.hasCapability("MOVE")) {
            command("UID MOVE", new Argument().writeNumber(uid).writeString(mailbox));
            return;
        }
        command("UID COPY", new Argument().writeNumber(uid).writeString(mailbox));
        command(
                "UID STORE",
                new Argument().writeNumber(uid).writeAtom("+FLAGS.SILENT").writeAtom("(\\Deleted)"));
        command(
                store.hasCapability("UIDPLUS") ? "UID EXPUNGE" : "EXPUNGE",
                store.hasCapability("UIDPLUS") ? new Argument().writeNumber(uid) : null);
    }

    /** One command on the open folder; the untagged responses the folder tracks (EXISTS, EXPUNGE) are passed on. */
    private Response[] command(String command, Argument args) throws MessagingException {
        IMAPFolder f = open();
        return (Response[]) f.doCommand(protocol -> {
            Response[] responses = protocol.command(command, args);
            Response result = responses[responses.length - 1];
            protocol.notifyResponseHandlers(java.util.Arrays.stream(responses)
                    .filter(r ->
                            !(r instanceof FetchResponse) && !(r instanceof IMAPResponse ir && ir.keyEquals("SEARCH")))
                    .toArray(Response[]::new));
            protocol.handleResult(result);
            return responses;
        });
    }

    /** The folder a message goes to, as people name it: for the note on a comment that was cut. */
    String where(Destination destination) {
        Optional<String> target = destination == Destination.DONE ? settings.doneFolder() : settings.unmatchedFolder();
        return target.orElse(settings.folder());
    }

    /**
     * Waits with IMAP IDLE until the server reports a change in the folder (new mail), at most {@code max}.
     *
     * @return false at once when the server does not offer IDLE: the caller polls instead
     */
    boolean idle(Duration max) throws MessagingException {
        IMAPFolder f = open();
        if (!store.hasCapability("IDLE")) {
            return false;
        }
        ScheduledFuture<?> renew = alarm.schedule(this::wakeUp, max.toMillis(), TimeUnit.MILLISECONDS);
        try {
            f.idle(true);
        } finally {
            renew.cancel(false);
        }
        return true;
    }

    /** Ends a running IDLE (any command on the folder does): to renew it, or to stop. Safe from any thread. */
    void wakeUp() {
        IMAPFolder f = folder;
        if (f == null) {
            return;
        }
        try {
            f.doCommand(protocol -> {
                protocol.simpleCommand("NOOP", null);
                return null;
            });
        } catch (MessagingException | RuntimeException e) {
            // the connection is gone: the IDLE has ended anyway, and the watcher reconnects
        }
    }

    private IMAPFolder open() throws MessagingException {
        IMAPFolder f = folder;
        if (f == null || !f.isOpen()) {
            throw new jakarta.mail.FolderClosedException(f, "the mailbox is not connected");
        }
        return f;
    }

    /** Signs in without opening anything and says what `check` reports: the account and each folder. */
    public MailboxProbe probe() {
        IMAPStore s;
        try {
            s = signIn();
        } catch (MessagingException | RuntimeException e) {
            return MailboxProbe.failed(settings, MailboxProbe.describe(e));
        }
        try {
            return MailboxProbe.of(settings, s);
        } finally {
            closeQuietly(s);
        }
    }

    /** Logs out; the next {@link #connect()} signs in again. */
    void disconnect() {
        IMAPFolder f = folder;
        folder = null;
        if (f != null && f.isOpen()) {
            try {
                f.close(false);
            } catch (MessagingException | RuntimeException e) {
                // closing a broken connection
            }
        }
        closeQuietly(store);
        store = null;
    }

    @Override
    public void close() {
        disconnect();
        alarm.shutdownNow();
    }

    private static void closeQuietly(IMAPStore s) {
        if (s != null) {
            try {
                s.close();
            } catch (MessagingException | RuntimeException e) {
                // logging out of a broken connection
            }
        }
    }

    private static Properties properties(MailboxSettings settings) {
        Properties p = new Properties();
        String protocol = settings.tls() ? "imaps" : "imap";
        p.setProperty("mail." + protocol + ".connectiontimeout", Long.toString(CONNECT_TIMEOUT.toMillis()));
        p.setProperty("mail." + protocol + ".timeout", Long.toString(READ_TIMEOUT.toMillis()));
        if (settings.tls()) {
            p.setProperty("mail.imaps.ssl.checkserveridentity", "true");
        } else {
            p.setProperty("mail.imap.starttls.enable", "true");
        }
        return p;
    }
}
