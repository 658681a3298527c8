package io.prodsupport.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.prodsupport.store.Stores;
import io.prodsupport.testing.SettableClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worker over a real SQLite file; waits with Awaitility, moves time with a {@link SettableClock}. */
class InboxWorkerTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final SettableClock clock = new SettableClock(T0);
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private Inbox inbox;

    @BeforeEach
    void openInbox() {
        inbox = open();
    }

    @AfterEach
    void closeAll() throws Exception {
        Collections.reverse(toClose);
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    private Inbox open() {
        Inbox opened = Stores.open("jdbc:sqlite:" + dir.resolve("inbox.db"), null, null);
        toClose.add(opened);
        return opened;
    }

    private InboxWorker worker(Inbox on, EventHandler handler, int maxAttempts, Clock time) {
        InboxWorker worker = new InboxWorker(
                on,
                handler,
                new WorkerSettings(
                        4, maxAttempts, Duration.ofSeconds(1), Duration.ofSeconds(10), LEASE, Duration.ofMillis(10)),
                time,
                registry);
        toClose.add(worker);
        worker.start();
        return worker;
    }

    private void accept(String deliveryId, String key) {
        inbox.accept(new InboundEvent(
                deliveryId, key, "jira:issue_updated", clock.instant(), "{}".getBytes(StandardCharsets.UTF_8)));
    }

    private double processed(String outcome) {
        return registry.get("prodsupport.inbox.processed")
                .tag("outcome", outcome)
                .counter()
                .count();
    }

    @Test
    void two_events_of_one_issue_never_run_together_while_another_issue_runs_alongside() {
        CountDownLatch releaseFirst = new CountDownLatch(1);
        List<String> started = new CopyOnWriteArrayList<>();
        List<String> finished = new CopyOnWriteArrayList<>();
        accept("a-1", "OPS-1");
        accept("a-2", "OPS-1");
        accept("b-1", "OPS-2");

        worker(
                inbox,
                event -> {
                    started.add(event.deliveryId());
                    if (event.deliveryId().equals("a-1")) {
                        releaseFirst.await();
                    }
                    finished.add(event.deliveryId());
                },
                3,
                clock);

        await().until(() -> finished.contains("b-1"));
        assertThat(started).contains("a-1").doesNotContain("a-2");
        releaseFirst.countDown();
        await().until(() -> finished.size() == 3);
        assertThat(finished).containsSubsequence("a-1", "a-2");
        assertThat(inbox.depth()).isZero();
    }

    @Test
    void many_events_of_a_few_issues_run_in_arrival_order_per_issue_and_never_overlap() {
        Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
        Map<String, List<String>> order = new ConcurrentHashMap<>();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        AtomicInteger atOnce = new AtomicInteger();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            for (String key : List.of("OPS-1", "OPS-2", "OPS-3")) {
                accept(key + "#" + i, key);
                expected.add(key + "#" + i);
            }
        }

        worker(
                inbox,
                event -> {
                    String key = event.orderingKey();
                    if (running.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet() > 1) {
                        overlaps.incrementAndGet();
                    }
                    mostAtOnce.accumulateAndGet(atOnce.incrementAndGet(), Math::max);
                    Thread.sleep(5);
                    order.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>())
                            .add(event.deliveryId());
                    atOnce.decrementAndGet();
                    running.get(key).decrementAndGet();
                },
                3,
                clock);

        await().until(() -> inbox.depth() == 0);
        assertThat(overlaps).hasValue(0);
        assertThat(mostAtOnce.get()).as("different issues ran in parallel").isGreaterThan(1);
        for (String key : List.of("OPS-1", "OPS-2", "OPS-3")) {
            assertThat(order.get(key))
                    .containsExactlyElementsOf(expected.stream()
                            .filter(id -> id.startsWith(key + "#"))
                            .toList());
        }
    }

    @Test
    void a_failing_event_waits_out_its_backoff_each_time_then_becomes_a_dead_letter_with_the_last_error() {
        AtomicInteger calls = new AtomicInteger();
        accept("d-1", "OPS-1");
        worker(
                inbox,
                event -> {
                    calls.incrementAndGet();
                    throw new IOException("Jira answered 502 on attempt " + event.attempt());
                },
                3,
                clock);

        await().until(() -> processed("retried") == 1);
        assertThat(inbox.claim("probe", clock.instant(), LEASE, 1))
                .as("not due before its backoff")
                .isEmpty();
        clock.advance(Duration.ofSeconds(10));
        await().until(() -> processed("retried") == 2);
        clock.advance(Duration.ofSeconds(10));
        await().until(() -> processed("dead_lettered") == 1);

        assertThat(calls).hasValue(3);
        assertThat(inbox.deadLetters()).singleElement().satisfies(dead -> {
            assertThat(dead.deliveryId()).isEqualTo("d-1");
            assertThat(dead.attempts()).isEqualTo(3);
            assertThat(dead.lastError()).isEqualTo("java.io.IOException: Jira answered 502 on attempt 3");
        });
        assertThat(inbox.depth()).isZero();
    }

    @Test
    void a_replayed_dead_letter_is_handled_again() {
        AtomicInteger calls = new AtomicInteger();
        accept("d-1", "OPS-1");
        worker(
                inbox,
                event -> {
                    if (calls.incrementAndGet() == 1) {
                        throw new IllegalStateException("first time unlucky");
                    }
                },
                1,
                clock);
        await().until(() -> inbox.deadLetters().size() == 1);

        assertThat(inbox.replay("d-1")).isTrue();

        await().until(() -> processed("done") == 1);
        assertThat(calls).hasValue(2);
        assertThat(inbox.deadLetters()).isEmpty();
        assertThat(inbox.depth()).isZero();
    }

    @Test
    void an_event_abandoned_by_a_dead_worker_is_finished_by_a_new_worker_on_the_same_file_after_the_lease()
            throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        CountDownLatch claimed = new CountDownLatch(1);
        List<Integer> attemptsSeenByNewWorker = new CopyOnWriteArrayList<>();
        accept("d-1", "OPS-1");
        Inbox firstProcessStore = open();
        new InboxWorker(
                        firstProcessStore,
                        event -> {
                            claimed.countDown();
                            never.await();
                        },
                        new WorkerSettings(
                                1, 5, Duration.ofSeconds(1), Duration.ofSeconds(1), LEASE, Duration.ofMillis(10)),
                        clock,
                        new SimpleMeterRegistry())
                .start();
        claimed.await();
        // the process dies: its connection goes, nothing is completed, its lease can no longer be renewed
        firstProcessStore.close();
        toClose.add(never::countDown);

        Inbox restarted = open();
        worker(restarted, event -> attemptsSeenByNewWorker.add(event.attempt()), 5, clock);
        assertThat(restarted.depth()).isEqualTo(1);
        clock.advance(LEASE);

        await().until(() -> restarted.depth() == 0);
        assertThat(attemptsSeenByNewWorker).containsExactly(2);
    }

    @Test
    void closing_lets_the_event_in_flight_finish_and_claims_nothing_more() {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        List<String> handled = new CopyOnWriteArrayList<>();
        accept("d-1", "OPS-1");
        InboxWorker worker = worker(
                inbox,
                event -> {
                    started.countDown();
                    proceed.await();
                    handled.add(event.deliveryId());
                },
                3,
                clock);
        await().until(() -> started.getCount() == 0);

        CompletableFuture<Void> closing = CompletableFuture.runAsync(() -> worker.close(Duration.ofMinutes(1)));
        // d-2 arrives once the close has begun: a poll that started before it may still claim, one after may not
        await().until(worker::stoppedClaiming);
        accept("d-2", "OPS-2");
        assertThat(closing).isNotDone();
        proceed.countDown();

        await().until(closing::isDone);
        assertThat(handled).containsExactly("d-1");
        assertThat(inbox.depth()).as("d-2 stays for the next start").isEqualTo(1);
    }

    @Test
    void closing_interrupts_a_handler_that_overruns_the_drain_and_gives_its_event_back_unspent() {
        CountDownLatch started = new CountDownLatch(1);
        accept("d-1", "OPS-1");
        InboxWorker worker = worker(
                inbox,
                event -> {
                    started.countDown();
                    Thread.sleep(Long.MAX_VALUE);
                },
                3,
                clock);
        await().until(() -> started.getCount() == 0);

        worker.close(Duration.ofMillis(50));

        assertThat(processed("released")).isEqualTo(1);
        assertThat(inbox.claim("next-start", clock.instant(), LEASE, 1))
                .singleElement()
                .extracting(StoredEvent::attempt)
                .isEqualTo(1);
    }

    @Test
    void the_worker_reports_queue_depth_outcomes_and_processing_time() {
        CountDownLatch proceed = new CountDownLatch(1);
        accept("d-1", "OPS-1");
        accept("d-2", "OPS-1");
        worker(inbox, event -> proceed.await(), 3, clock);

        await().until(() -> registry.get("prodsupport.inbox.in.flight").gauge().value() == 1);
        assertThat(registry.get("prodsupport.inbox.depth").gauge().value()).isEqualTo(2);
        proceed.countDown();

        await().until(() -> processed("done") == 2);
        assertThat(registry.get("prodsupport.inbox.depth").gauge().value()).isZero();
        assertThat(registry.get("prodsupport.inbox.processing")
                        .tag("result", "succeeded")
                        .timer()
                        .count())
                .isEqualTo(2);
        assertThat(registry.get("prodsupport.inbox.latency").timer().count()).isEqualTo(2);
    }

    @Test
    void a_handled_event_whose_completion_the_store_refused_is_completed_once_the_store_answers_not_run_again() {
        AtomicInteger refusals = new AtomicInteger(3);
        // the store refuses the first completions (a full disk), then answers again
        Inbox flaky = (Inbox) java.lang.reflect.Proxy.newProxyInstance(
                Inbox.class.getClassLoader(), new Class<?>[] {Inbox.class}, (proxy, method, args) -> {
                    if (method.getName().equals("complete") && refusals.getAndDecrement() > 0) {
                        throw new StoreUnavailableException("store cannot complete: disk full", null);
                    }
                    try {
                        return method.invoke(inbox, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        AtomicInteger runs = new AtomicInteger();
        accept("d-1", "OPS-1");

        worker(flaky, event -> runs.incrementAndGet(), 3, clock);

        await().until(() -> processed("done") == 1);
        assertThat(runs).as("handled once, not again after its lease").hasValue(1);
        assertThat(refusals.get()).isNegative();
        assertThat(inbox.depth()).isZero();
    }
}
