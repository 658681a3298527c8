package io.prodsupport.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StoreLocationTest {

    @Test
    void a_relative_sqlite_file_is_said_as_the_absolute_path_the_driver_opens() {
        StoreLocation location = StoreLocation.of("jdbc:sqlite:data/prodsupport.db?journal_mode=WAL");

        Path expected = Path.of("data/prodsupport.db").toAbsolutePath().normalize();
        assertThat(location.sqliteFile()).contains(expected);
        assertThat(location.description()).isEqualTo("SQLite file " + expected);
    }

    @Test
    void an_absolute_sqlite_file_stays_as_given() {
        assertThat(StoreLocation.of("jdbc:sqlite:/var/lib/prodsupport/prodsupport.db")
                        .description())
                .isEqualTo("SQLite file /var/lib/prodsupport/prodsupport.db");
        assertThat(StoreLocation.of("jdbc:sqlite:file:/var/lib/prodsupport/p.db")
                        .sqliteFile())
                .contains(Path.of("/var/lib/prodsupport/p.db"));
    }

    @Test
    void an_in_memory_database_is_named_as_such() {
        assertThat(StoreLocation.of("jdbc:sqlite::memory:").description())
                .isEqualTo("SQLite in memory (lost when the process ends)");
        assertThat(StoreLocation.of("jdbc:sqlite::memory:").sqliteFile()).isEmpty();
    }

    @Test
    void postgresql_is_said_as_host_port_and_database_without_credentials() {
        assertThat(StoreLocation.of("jdbc:postgresql://bot:s3cret@db.example.com:5433/prodsupport?password=s3cret")
                        .description())
                .isEqualTo("PostgreSQL db.example.com:5433/prodsupport");
        assertThat(StoreLocation.of("jdbc:postgresql://db/prodsupport").description())
                .isEqualTo("PostgreSQL db/prodsupport");
    }
}
