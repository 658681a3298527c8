package io.prodsupport.app;

import io.micrometer.core.instrument.MeterRegistry;
import io.prodsupport.config.Config;
import io.prodsupport.incident.IncidentScope;
import io.prodsupport.jira.JiraClient;
import io.prodsupport.mail.MailIntake;
import io.prodsupport.mail.MailLedger;
import io.prodsupport.mail.MailWatcher;
import io.prodsupport.mail.Mailbox;
import io.prodsupport.mail.MailboxSettings;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Part of the wiring ({@link Wiring#mail()}): the mailbox of {@code mail}, read into incidents. */
final class MailWiring {

    private final Config config;
    private final Clock clock;
    private final IncidentScope scope;

    MailWiring(Config config, Clock clock, IncidentScope scope) {
        this.config = config;
        this.clock = clock;
        this.scope = scope;
    }

    /**
     * The address of the mailbox prodsupport reads, for the {@code Reply-To} of its e-mails: {@code mail.imap.username}
     * when it is an address (an account named otherwise has no address prodsupport could know).
     */
    Optional<String> address() {
        Config.Mail mail = config.mail();
        if (mail == null || !mail.imap().username().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            return Optional.empty();
        }
        return Optional.of(mail.imap().username());
    }

    /** The mailbox {@code mail.imap} names, not yet connected; empty when {@code mail} is not configured. */
    Optional<Mailbox> mailbox() {
        Config.Mail mail = config.mail();
        if (mail == null) {
            return Optional.empty();
        }
        Config.Imap imap = mail.imap();
        return Optional.of(new Mailbox(new MailboxSettings(
                imap.host(),
                imap.port(),
                imap.tls(),
                imap.username(),
                imap.password().value(),
                imap.folder(),
                Optional.ofNullable(mail.doneFolder()),
                Optional.ofNullable(mail.unmatchedFolder()),
                mail.attachments())));
    }

    /**
     * Reads the mailbox into incidents over {@code jira}: start it for the service, or call
     * {@link MailWatcher#pollOnce()} for one poll (the {@code poll-mail} command, a demo). Empty when {@code mail} is not
     * configured. Closing it logs out; the ledger is the caller's to close.
     */
    Optional<MailWatcher> watcher(JiraClient jira, MailLedger ledger, MeterRegistry metrics) {
        return mailbox()
                .map(mailbox -> new MailWatcher(
                        mailbox,
                        new MailIntake(
                                jira,
                                scope,
                                ledger,
                                ownAddresses(),
                                config.mail().attachments(),
                                clock,
                                MailIntake.DEFAULT_LEASE,
                                metrics),
                        MailWatcher.IDLE_RENEWAL,
                        MailWatcher.POLL_INTERVAL,
                        metrics));
    }

    /** prodsupport's own addresses: mail from them is not conversation (its announcements, a loop through a list). */
    Set<String> ownAddresses() {
        Set<String> own = new LinkedHashSet<>();
        if (config.notifications().email() != null) {
            own.add(config.notifications().email().from().toLowerCase(Locale.ROOT));
        }
        address().ifPresent(address -> own.add(address.toLowerCase(Locale.ROOT)));
        return own;
    }
}
