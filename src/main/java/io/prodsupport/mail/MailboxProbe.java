package io.prodsupport.mail;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.angus.mail.imap.IMAPStore;

/**
 * What {@code prodsupport check} learns from signing in to the mailbox: whether it could, whether the server offers
 * IDLE, and for each folder the config names whether it exists.
 *
 * @param account what was signed in to ({@link MailboxSettings#describe()})
 * @param error   why signing in failed; null when it worked
 * @param folders the polled folder, then the done and the unmatched folder, in that order; empty when signing in failed
 */
public record MailboxProbe(String account, String error, boolean idle, List<FolderState> folders) {

    /**
     * @param role     {@code folder}, {@code done folder} or {@code unmatched folder}
     * @param key      the config key that names it
     * @param name     the folder's name; empty when the config names none (then messages are flagged {@code keyword})
     * @param polled   whether it is the folder read (it must exist; the others are created on first use)
     * @param messages how many messages it holds; -1 when it does not exist
     */
    public record FolderState(
            String role,
            String key,
            Optional<String> name,
            boolean polled,
            boolean exists,
            int messages,
            String keyword) {}

    public MailboxProbe {
        folders = List.copyOf(folders);
    }

    public boolean signedIn() {
        return error == null;
    }

    static MailboxProbe failed(MailboxSettings settings, String error) {
        return new MailboxProbe(settings.describe(), error, false, List.of());
    }

    static MailboxProbe of(MailboxSettings settings, IMAPStore store) {
        List<FolderState> folders = new ArrayList<>();
        try {
            folders.add(state(store, "folder", "mail.imap.folder", Optional.of(settings.folder()), true, null));
            folders.add(
                    state(store, "done folder", "mail.doneFolder", settings.doneFolder(), false, Mailbox.DONE_KEYWORD));
            folders.add(state(
                    store,
                    "unmatched folder",
                    "mail.unmatchedFolder",
                    settings.unmatchedFolder(),
                    false,
                    Mailbox.UNMATCHED_KEYWORD));
            return new MailboxProbe(settings.describe(), null, store.hasCapability("IDLE"), folders);
        } catch (MessagingException | RuntimeException e) {
            return failed(settings, describe(e));
        }
    }

    private static FolderState state(
            IMAPStore store, String role, String key, Optional<String> name, boolean polled, String keyword)
            throws MessagingException {
        if (name.isEmpty()) {
            return new FolderState(role, key, name, polled, false, -1, keyword);
        }
        Folder folder = store.getFolder(name.get());
        boolean exists = folder.exists();
        return new FolderState(role, key, name, polled, exists, exists ? folder.getMessageCount() : -1, keyword);
    }

    /** An exception in one line without a password: its class and the server's words. */
    static String describe(Exception e) {
        String text = e.getMessage() == null
                ? ""
                : e.getMessage().replaceAll("[\\p{Cntrl}]+", " ").strip();
        if (text.length() > 200) {
            text = text.substring(0, 200) + "…";
        }
        return e.getClass().getSimpleName() + (text.isEmpty() ? "" : ": " + text);
    }
}
