package io.prodsupport.store;

import io.prodsupport.inbox.Inbox;
import io.prodsupport.testing.PostgresServer;
import org.junit.jupiter.api.BeforeEach;

/** The inbox contract on a real PostgreSQL server (embedded binaries), one fresh database per test. */
class PostgresInboxTest extends InboxContract {

    private String url;

    @Override
    @BeforeEach
    void openInbox() {
        url = PostgresServer.freshDatabase("inbox");
        super.openInbox();
    }

    @Override
    Inbox open() {
        return Stores.open(url, "postgres", null);
    }
}
