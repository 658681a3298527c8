package io.prodsupport.store;

import io.prodsupport.incident.FollowUpLedger;
import io.prodsupport.testing.PostgresServer;
import org.junit.jupiter.api.BeforeEach;

/** The follow-up ledger contract on a real PostgreSQL server (embedded binaries), one fresh database per test. */
class PostgresFollowUpLedgerTest extends FollowUpLedgerContract {

    private String url;

    @Override
    @BeforeEach
    void openLedger() {
        url = PostgresServer.freshDatabase("ledger");
        super.openLedger();
    }

    @Override
    FollowUpLedger open() {
        return Stores.openFollowUpLedger(url, "postgres", null);
    }
}
