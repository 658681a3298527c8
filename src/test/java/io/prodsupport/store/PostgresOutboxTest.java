package io.prodsupport.store;

import io.prodsupport.notify.OutboxStore;
import io.prodsupport.testing.PostgresServer;
import org.junit.jupiter.api.BeforeEach;

/** The outbox contract on a real PostgreSQL server (embedded binaries), one fresh database per test. */
class PostgresOutboxTest extends OutboxContract {

    private String url;

    @Override
    @BeforeEach
    void openOutbox() {
        url = PostgresServer.freshDatabase("outbox");
        super.openOutbox();
    }

    @Override
    OutboxStore open() {
        return Stores.openOutbox(url, "postgres", null);
    }
}
