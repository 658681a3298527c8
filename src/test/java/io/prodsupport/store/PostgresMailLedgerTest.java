package io.prodsupport.store;

import io.prodsupport.mail.MailLedger;
import io.prodsupport.testing.PostgresServer;
import org.junit.jupiter.api.BeforeEach;

/** The mail ledger contract on a real PostgreSQL server (embedded binaries), one fresh database per test. */
class PostgresMailLedgerTest extends MailLedgerContract {

    private String url;

    @Override
    @BeforeEach
    void openLedger() {
        url = PostgresServer.freshDatabase("mail");
        super.openLedger();
    }

    @Override
    MailLedger open() {
        return Stores.openMailLedger(url, "postgres", null);
    }
}
