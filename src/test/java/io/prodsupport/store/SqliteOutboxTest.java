package io.prodsupport.store;

import io.prodsupport.notify.OutboxStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The outbox contract on a real SQLite file. */
class SqliteOutboxTest extends OutboxContract {

    @TempDir
    Path dir;

    @Override
    OutboxStore open() {
        return Stores.openOutbox("jdbc:sqlite:" + dir.resolve("store.db"), null, null);
    }
}
