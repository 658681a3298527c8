package io.prodsupport.mail;

import java.util.Optional;

/**
 * The mailbox prodsupport reads and what it does with what it read: the package's own settings, so that it does not
 * depend on how they are configured ({@code app} builds them from {@code mail:}).
 *
 * @param tls             implicit TLS (IMAPS, usually port 993); false connects in clear text and upgrades with
 *                        STARTTLS when the server offers it
 * @param password        never shown by {@link #toString()}
 * @param folder          the folder polled, usually {@code INBOX}
 * @param doneFolder      where handled messages go; empty: they stay in {@code folder}, flagged
 *                        {@value Mailbox#DONE_KEYWORD}
 * @param unmatchedFolder where messages that name no incident go; empty: they stay, flagged
 *                        {@value Mailbox#UNMATCHED_KEYWORD}
 * @param attachments     upload an e-mail's files to the incident (otherwise they are listed by name and size)
 */
public record MailboxSettings(
        String host,
        int port,
        boolean tls,
        String username,
        String password,
        String folder,
        Optional<String> doneFolder,
        Optional<String> unmatchedFolder,
        boolean attachments) {

    /** {@code user@host:port}, for logs and the check; without the password. */
    public String describe() {
        return username + " at " + host + ":" + port + (tls ? " (TLS)" : "");
    }

    @Override
    public String toString() {
        return "MailboxSettings[host=" + host + ", port=" + port + ", tls=" + tls + ", username=" + username
                + ", password=****, folder=" + folder + ", doneFolder=" + doneFolder + ", unmatchedFolder="
                + unmatchedFolder + ", attachments=" + attachments + "]";
    }
}
