package io.prodsupport.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.prodsupport.inbox.Inbox;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The inbox contract on a real SQLite file. */
class SqliteInboxTest extends InboxContract {

    @TempDir
    Path dir;

    private String url() {
        return "jdbc:sqlite:" + dir.resolve("inbox.db");
    }

    @Override
    Inbox open() {
        return Stores.open(url(), null, null);
    }

    @Test
    void the_file_is_in_write_ahead_log_mode_so_readers_never_block_the_intake() throws SQLException {
        try (Connection c = DriverManager.getConnection(url());
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("PRAGMA journal_mode")) {
            r.next();
            assertThat(r.getString(1)).isEqualToIgnoringCase("wal");
        }
    }
}
