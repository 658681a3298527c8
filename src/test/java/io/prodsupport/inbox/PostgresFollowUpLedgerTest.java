package io.prodsupport.inbox;

import io.prodsupport.incident.FollowUpLedger;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** The follow-up ledger contract on a real PostgreSQL server (embedded binaries), one fresh database per test. */
class PostgresFollowUpLedgerTest extends FollowUpLedgerContract {

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
  void openLedger() {
    database = "ledger_" + databases.incrementAndGet();
    try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + database);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    super.openLedger();
  }

  @Override
  FollowUpLedger open() {
    return Stores.openFollowUpLedger("jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database,
        "postgres", null);
  }
}
