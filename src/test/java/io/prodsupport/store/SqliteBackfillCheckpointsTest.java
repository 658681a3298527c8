package io.prodsupport.store;

import io.prodsupport.backfill.BackfillCheckpoints;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The backfill checkpoints contract on a real SQLite file. */
class SqliteBackfillCheckpointsTest extends BackfillCheckpointsContract {

    @TempDir
    Path dir;

    @Override
    BackfillCheckpoints open() {
        return Stores.openBackfillCheckpoints("jdbc:sqlite:" + dir.resolve("store.db"), null, null);
    }
}
