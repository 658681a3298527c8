package io.prodsupport.store;

import io.prodsupport.backfill.BackfillCheckpoints;
import io.prodsupport.testing.PostgresServer;
import org.junit.jupiter.api.BeforeEach;

/** The backfill checkpoints contract on a real PostgreSQL server (embedded binaries), one database per test. */
class PostgresBackfillCheckpointsTest extends BackfillCheckpointsContract {

    private String url;

    @Override
    @BeforeEach
    void openCheckpoints() {
        url = PostgresServer.freshDatabase("checkpoints");
        super.openCheckpoints();
    }

    @Override
    BackfillCheckpoints open() {
        return Stores.openBackfillCheckpoints(url, "postgres", null);
    }
}
