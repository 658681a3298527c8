package io.prodsupport.app;

import io.prodsupport.inbox.Inbox;
import io.prodsupport.inbox.InboxWorker;
import io.prodsupport.incident.FollowUpLedger;
import io.prodsupport.jira.HttpJiraClient;
import io.prodsupport.webhook.ServiceHttpServer;

/**
 * One running instance of {@code prodsupport serve}: the HTTP intake, the worker and the stores they share. Closes
 * in the order that loses nothing: stop taking deliveries, let in-flight events finish, then close the store.
 */
public final class ProdsupportService implements AutoCloseable {

    private final ServiceHttpServer server;
    private final InboxWorker worker;
    private final Inbox inbox;
    private final FollowUpLedger ledger;
    private final HttpJiraClient jira;

    ProdsupportService(ServiceHttpServer server, InboxWorker worker, Inbox inbox, FollowUpLedger ledger,
                       HttpJiraClient jira) {
        this.server = server;
        this.worker = worker;
        this.inbox = inbox;
        this.ledger = ledger;
        this.jira = jira;
    }

    public ProdsupportService start() {
        worker.start();
        server.start();
        return this;
    }

    public int port() {
        return server.port();
    }

    public Inbox inbox() {
        return inbox;
    }

    @Override
    public void close() {
        try (inbox; ledger; jira) {
            server.close();
            worker.close();
        }
    }
}
