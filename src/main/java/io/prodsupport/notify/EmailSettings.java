package io.prodsupport.notify;

import java.util.List;

/**
 * Where and how the e-mail channel sends: the SMTP server, the account, the envelope. The channel's own settings, so
 * that notify does not depend on how they are configured.
 *
 * @param startTls when true STARTTLS is required, so a server that does not offer it gets no password in clear text
 * @param username nullable; the channel authenticates only when it is set
 * @param password nullable; never shown by {@link #toString()}
 * @param to       the recipients; at least one
 * @param replyTo  nullable; the mailbox prodsupport reads, so that a reply lands on the ticket
 */
public record EmailSettings(
        String smtpHost,
        int smtpPort,
        boolean startTls,
        String username,
        String password,
        String from,
        List<String> to,
        String replyTo) {

    public EmailSettings {
        to = List.copyOf(to);
    }

    @Override
    public String toString() {
        return "EmailSettings[smtpHost=" + smtpHost + ", smtpPort=" + smtpPort + ", startTls=" + startTls
                + ", username=" + username + ", password=" + (password == null ? null : "****") + ", from=" + from
                + ", to=" + to + ", replyTo=" + replyTo + "]";
    }
}
