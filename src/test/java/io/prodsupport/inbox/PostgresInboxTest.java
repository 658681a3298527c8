package io.prodsupport.inbox;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** The inbox contract on a real PostgreSQL server (embedded binaries), one fresh database per test. */
class PostgresInboxTest extends InboxContract {

  private static final AtomicInteger databases = new AtomicInteger();
  private static EmbeddedPostgres postgres;
  private String database;

  @BeforeAll
  static void startPostgres() throws IOException {
    postgres = EmbeddedPostgres.builder().start();
  }

  @AfterAll
  static void stopPostgres() throws IOException {
    postgres.close();
  }

  @Override
  @BeforeEach
  void openInbox() {
    database = "inbox_" + databases.incrementAndGet();
    try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + database);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    super.openInbox();
  }

  @Override
  Inbox open() {
    return Stores.open("jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database, "postgres", null);
  }
}
