package io.prodsupport.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL server (embedded binaries) for the whole test run, started on first use and stopped when the
 * JVM exits; each test gets a database of its own.
 */
public final class PostgresServer {

    private static final AtomicInteger databases = new AtomicInteger();

    private PostgresServer() {}

    private static final class Holder {
        static final EmbeddedPostgres SERVER = start();

        private static EmbeddedPostgres start() {
            try {
                EmbeddedPostgres server = EmbeddedPostgres.builder().start();
                Runtime.getRuntime()
                        .addShutdownHook(new Thread(
                                () -> {
                                    try {
                                        server.close();
                                    } catch (IOException ignored) {
                                        // the JVM is going away; the temp folder is the OS's to clean
                                    }
                                },
                                "embedded-postgres-stop"));
                return server;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
            }
        }
    }

    /** A JDBC URL of a new, empty database (user {@code postgres}, no password). */
    public static String freshDatabase(String prefix) {
        String database = prefix + "_" + databases.incrementAndGet();
        try (Connection c = Holder.SERVER.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + database, e);
        }
        return "jdbc:postgresql://localhost:" + Holder.SERVER.getPort() + "/" + database;
    }
}
