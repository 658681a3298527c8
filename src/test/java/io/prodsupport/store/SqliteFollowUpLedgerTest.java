package io.prodsupport.store;

import io.prodsupport.incident.FollowUpLedger;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The follow-up ledger contract on a real SQLite file. */
class SqliteFollowUpLedgerTest extends FollowUpLedgerContract {

    @TempDir
    Path dir;

    @Override
    FollowUpLedger open() {
        return Stores.openFollowUpLedger("jdbc:sqlite:" + dir.resolve("store.db"), null, null);
    }
}
