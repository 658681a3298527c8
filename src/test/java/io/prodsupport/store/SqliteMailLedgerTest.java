package io.prodsupport.store;

import io.prodsupport.mail.MailLedger;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The mail ledger contract on a real SQLite file. */
class SqliteMailLedgerTest extends MailLedgerContract {

    @TempDir
    Path dir;

    @Override
    MailLedger open() {
        return Stores.openMailLedger("jdbc:sqlite:" + dir.resolve("store.db"), null, null);
    }
}
