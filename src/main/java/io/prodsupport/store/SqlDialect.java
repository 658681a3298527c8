package io.prodsupport.store;

import java.util.Locale;

/** The two databases the store runs on; only the migrations differ between them, the queries are shared. */
enum SqlDialect {
    SQLITE("sqlite"),
    POSTGRESQL("postgresql");

    private final String migrationFolder;

    SqlDialect(String migrationFolder) {
        this.migrationFolder = migrationFolder;
    }

    static SqlDialect of(String jdbcUrl) {
        String url = jdbcUrl.toLowerCase(Locale.ROOT);
        if (url.startsWith("jdbc:sqlite:")) {
            return SQLITE;
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException(
                "store.url must start with jdbc:sqlite: or jdbc:postgresql:, was " + jdbcUrl.replaceAll("\\?.*", "?…"));
    }

    String migrationResource(String name) {
        return "db/migration/" + migrationFolder + "/" + name + ".sql";
    }
}
