package io.prodsupport.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.prodsupport.inbox.InboundEvent;
import io.prodsupport.inbox.Inbox;
import io.prodsupport.inbox.StoredEvent;
import io.prodsupport.testing.PostgresServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Several instances on one PostgreSQL database, each with a pool of its own (as separate processes have): they claim
 * side by side, every event is handled exactly once, and never two events of one issue at the same time.
 */
class PostgresInstancesTest {

    @Test
    void three_instances_claiming_at_once_handle_every_event_once_and_one_per_issue_at_a_time() throws Exception {
        String url = PostgresServer.freshDatabase("instances");
        List<Inbox> instances = List.of(
                Stores.open(url, "postgres", null),
                Stores.open(url, "postgres", null),
                Stores.open(url, "postgres", null));
        int events = 300;
        for (int i = 0; i < events; i++) {
            instances
                    .get(i % 3)
                    .accept(new InboundEvent(
                            "d-" + i,
                            "OPS-" + (i % 12),
                            "jira:issue_updated",
                            Instant.now(),
                            ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8)));
        }

        Set<String> keysInFlight = ConcurrentHashMap.newKeySet();
        List<String> overlaps = new CopyOnWriteArrayList<>();
        Map<String, Integer> handled = new ConcurrentHashMap<>();
        Map<String, List<Integer>> orderPerKey = new ConcurrentHashMap<>();
        AtomicInteger remaining = new AtomicInteger(events);
        ExecutorService workers = Executors.newFixedThreadPool(9);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < 9; w++) {
                Inbox inbox = instances.get(w % 3);
                String owner = "instance-" + (w % 3) + "-thread-" + w;
                running.add(workers.submit(() -> {
                    while (remaining.get() > 0) {
                        for (StoredEvent e : inbox.claim(owner, Instant.now(), Duration.ofMinutes(1), 3)) {
                            if (!keysInFlight.add(e.orderingKey())) {
                                overlaps.add(e.orderingKey());
                            }
                            handled.merge(e.deliveryId(), 1, Integer::sum);
                            orderPerKey
                                    .computeIfAbsent(e.orderingKey(), k -> new CopyOnWriteArrayList<>())
                                    .add(Integer.parseInt(e.deliveryId().substring(2)));
                            keysInFlight.remove(e.orderingKey());
                            assertThat(inbox.complete(e, owner, Instant.now())).isTrue();
                            remaining.decrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            workers.shutdownNow();
            instances.forEach(Inbox::close);
        }

        assertThat(overlaps).as("two events of one issue in flight at once").isEmpty();
        assertThat(handled)
                .hasSize(events)
                .allSatisfy((id, times) -> assertThat(times).as(id).isEqualTo(1));
        assertThat(orderPerKey.values()).allSatisfy(order -> assertThat(order).isSorted());
    }
}
