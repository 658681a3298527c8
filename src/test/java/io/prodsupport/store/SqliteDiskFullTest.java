package io.prodsupport.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.prodsupport.inbox.Accepted;
import io.prodsupport.inbox.InboundEvent;
import io.prodsupport.inbox.Inbox;
import io.prodsupport.inbox.StoreUnavailableException;
import io.prodsupport.inbox.StoredEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault trial 7 at the store: the disk under SQLite fills up. Every write then fails with a
 * {@link StoreUnavailableException} (the intake's 503), nothing that was acknowledged is lost, and once space is back
 * the same open store takes writes again, with no restart.
 */
class SqliteDiskFullTest {

    static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");

    @TempDir
    Path tmp;

    SmallDisk disk;
    Inbox inbox;

    @BeforeEach
    void mount() throws Exception {
        disk = SmallDisk.mountOrSkip(tmp.resolve("disk"), "2m");
        inbox = Stores.open("jdbc:sqlite:" + disk.dir().resolve("prodsupport.db"), null, null);
    }

    @AfterEach
    void unmount() throws Exception {
        if (inbox != null) {
            inbox.close();
        }
        if (disk != null) {
            disk.close();
        }
    }

    static InboundEvent event(int i) {
        byte[] body = new byte[6 * 1024];
        Arrays.fill(body, (byte) 'x');
        return new InboundEvent("d-" + i, "OPS-" + (i % 7), "jira:issue_updated", T0, body);
    }

    @Test
    void a_full_disk_refuses_writes_loses_nothing_acknowledged_and_recovers_when_space_is_back() throws Exception {
        Set<String> acknowledged = new HashSet<>();
        int next = 0;
        for (; next < 20; next++) {
            assertThat(inbox.accept(event(next))).isEqualTo(Accepted.NEW);
            acknowledged.add("d-" + next);
        }

        Path filler = disk.fill();
        // the database's own pages may still have room for a few more rows; past that every write is refused
        List<RuntimeException> refusals = new ArrayList<>();
        for (int attempts = 0; attempts < 2_000 && refusals.size() < 20; attempts++, next++) {
            try {
                inbox.accept(event(next));
                acknowledged.add("d-" + next);
            } catch (StoreUnavailableException e) {
                refusals.add(e);
            }
        }
        assertThat(refusals).as("writes refused on a full disk").hasSize(20);
        // the worker's side fails the same way and leaves nothing half-done
        assertThatThrownBy(() -> inbox.claim("w", T0, Duration.ofMinutes(1), 5))
                .isInstanceOf(StoreUnavailableException.class);

        Files.delete(filler);

        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(inbox.accept(event(100_000))).isEqualTo(Accepted.NEW));
        acknowledged.add("d-100000");

        Set<String> stored = new HashSet<>();
        for (List<StoredEvent> batch; !(batch = inbox.claim("w", T0, Duration.ofMinutes(1), 50)).isEmpty(); ) {
            for (StoredEvent e : batch) {
                stored.add(e.deliveryId());
                assertThat(inbox.complete(e, "w", T0)).isTrue();
            }
        }
        assertThat(stored).containsExactlyInAnyOrderElementsOf(acknowledged);
    }
}
