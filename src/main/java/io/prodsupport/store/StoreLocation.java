package io.prodsupport.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where {@code store.url} keeps the data, said for a person reading the log at start: the absolute path of a SQLite
 * file (a relative one is resolved against the working directory, which is how the SQLite driver opens it), or the
 * PostgreSQL host and database without credentials.
 */
public record StoreLocation(String description, Optional<Path> sqliteFile) {

    private static final String SQLITE = "jdbc:sqlite:";
    private static final String POSTGRESQL = "jdbc:postgresql:";

    /** @param jdbcUrl {@code jdbc:sqlite:<file>} or {@code jdbc:postgresql://…}, as validated by the config */
    public static StoreLocation of(String jdbcUrl) {
        if (jdbcUrl.startsWith(SQLITE)) {
            String file = jdbcUrl.substring(SQLITE.length());
            int query = file.indexOf('?');
            file = query < 0 ? file : file.substring(0, query);
            if (file.startsWith("file:")) {
                file = file.substring("file:".length());
            }
            if (file.isEmpty() || file.equals(":memory:") || file.startsWith(":resource:")) {
                return new StoreLocation("SQLite in memory (lost when the process ends)", Optional.empty());
            }
            Path path = Path.of(file).toAbsolutePath().normalize();
            return new StoreLocation("SQLite file " + path, Optional.of(path));
        }
        if (jdbcUrl.startsWith(POSTGRESQL)) {
            return new StoreLocation(
                    "PostgreSQL " + postgres(jdbcUrl.substring(POSTGRESQL.length())), Optional.empty());
        }
        throw new IllegalArgumentException("store.url must start with jdbc:sqlite: or jdbc:postgresql:");
    }

    /** {@code //user:pw@host:5432/db?password=…} as {@code host:5432/db}: no credentials in a log line. */
    private static String postgres(String rest) {
        try {
            URI uri = new URI(rest.startsWith("//") ? "postgresql:" + rest : "postgresql:///" + rest);
            String host = uri.getHost() != null ? uri.getHost() : "localhost";
            String port = uri.getPort() >= 0 ? ":" + uri.getPort() : "";
            String database = uri.getPath() != null ? uri.getPath() : "";
            return host + port + database;
        } catch (URISyntaxException e) {
            return "(URL not shown)";
        }
    }
}
