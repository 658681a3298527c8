package io.prodsupport.webhook;

import io.prodsupport.webhook.HostileSender.Kind;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Fault trial 6 of issue 13, in any size: hostile requests from one address while idle connections are held open
 * from it, and meanwhile, from another address, a genuine signed delivery and a {@code GET /health} every
 * {@code probeEvery}, timed. Used by {@code HostileTrafficTest} (small) and {@code HostileBenchmark} (full size).
 */
public final class HostileTrial {

    /**
     * @param attackers hostile requests and idle connections are spread over this many addresses (127.0.0.2 on)
     * @param kinds     the kinds of hostile request, in turn
     * @param idleWait  how long after the attack the idle connections may take, in all, to be found closed
     */
    public record Settings(
            int requests,
            int concurrency,
            int idleConnections,
            int attackers,
            List<Kind> kinds,
            Duration idleWait,
            Duration probeEvery,
            Duration answerWithin,
            long seed) {

        /** One attacking address, every kind in turn. */
        public Settings(
                int requests,
                int concurrency,
                int idleConnections,
                Duration probeEvery,
                Duration answerWithin,
                long seed) {
            this(
                    requests,
                    concurrency,
                    idleConnections,
                    1,
                    List.of(Kind.values()),
                    Duration.ofSeconds(5),
                    probeEvery,
                    answerWithin,
                    seed);
        }
    }

    /**
     * @param statuses       per kind of hostile request: status (or {@link HostileSender#CLOSED}) → count
     * @param unanswered     hostile requests that got no answer at all within {@code answerWithin}
     * @param deliveries     genuine deliveries sent and the statuses they got
     * @param deliveryMillis each genuine delivery's time to its answer, in order
     * @param healthMillis   each {@code /health}'s time to its answer
     * @param idleClosed     idle connections the server had closed by the end
     */
    public record Result(
            Map<Kind, Map<Integer, Integer>> statuses,
            int unanswered,
            List<Integer> deliveryStatuses,
            List<Long> deliveryMillis,
            List<Integer> healthStatuses,
            List<Long> healthMillis,
            int idleClosed,
            Duration elapsed) {

        public int hostile(int status) {
            return statuses.values().stream()
                    .mapToInt(m -> m.getOrDefault(status, 0))
                    .sum();
        }
    }

    private static final MediaType JSON = MediaType.get("application/json");

    private final InetSocketAddress server;
    private final String secret;
    private final List<byte[]> payloads;
    private final byte[] genuine;

    /** @param genuine a real payload the prober sends, signed with {@code secret}, under a fresh delivery id each time */
    public HostileTrial(InetSocketAddress server, String secret, List<byte[]> payloads, byte[] genuine) {
        this.server = server;
        this.secret = secret;
        this.payloads = payloads;
        this.genuine = genuine;
    }

    public Result run(Settings settings) throws Exception {
        long started = System.nanoTime();
        List<HostileSender> senders = new ArrayList<>();
        for (int a = 0; a < settings.attackers(); a++) {
            senders.add(new HostileSender(
                    server, InetAddress.getByName("127.0.0." + (2 + a)), payloads, settings.answerWithin()));
        }
        Map<Kind, Map<Integer, Integer>> statuses = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            statuses.put(kind, Collections.synchronizedMap(new TreeMap<>()));
        }
        AtomicInteger unanswered = new AtomicInteger();
        AtomicBoolean attacking = new AtomicBoolean(true);
        Prober prober = new Prober(settings.probeEvery(), attacking);
        Thread probing = new Thread(prober, "genuine-prober");
        probing.start();
        List<Socket> idle = new ArrayList<>();
        for (int a = 0; a < settings.attackers(); a++) {
            int share = settings.idleConnections() / settings.attackers()
                    + (a < settings.idleConnections() % settings.attackers() ? 1 : 0);
            idle.addAll(senders.get(a).holdIdle(share, new Random(settings.seed() + a)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(settings.concurrency());
        try {
            List<Future<?>> sent = new ArrayList<>();
            List<Kind> kinds = settings.kinds();
            for (int i = 0; i < settings.requests(); i++) {
                Random random = new Random(settings.seed() * 1_000_003 + i);
                Kind kind = kinds.get(i % kinds.size());
                HostileSender sender = senders.get(i % senders.size());
                sent.add(pool.submit(() -> {
                    try {
                        int status = sender.send(kind, random);
                        statuses.get(kind).merge(status, 1, Integer::sum);
                    } catch (IOException e) {
                        unanswered.incrementAndGet();
                    }
                }));
            }
            for (Future<?> f : sent) {
                f.get();
            }
        } finally {
            pool.shutdown();
            pool.awaitTermination(1, TimeUnit.MINUTES);
            attacking.set(false);
            probing.join();
        }
        int idleClosed = 0;
        long idleDeadline = System.nanoTime() + settings.idleWait().toNanos();
        for (Socket socket : idle) {
            // closed by now, or within the idle timeout: wait no longer than that in all
            Duration left = Duration.ofNanos(Math.max(1_000_000, idleDeadline - System.nanoTime()));
            if (HostileSender.closedByServer(socket, left)) {
                idleClosed++;
            }
            socket.close();
        }
        return new Result(
                statuses,
                unanswered.get(),
                prober.deliveryStatuses,
                prober.deliveryMillis,
                prober.healthStatuses,
                prober.healthMillis,
                idleClosed,
                Duration.ofNanos(System.nanoTime() - started));
    }

    /** The genuine side, from 127.0.0.1: one signed delivery and one health check per tick, each timed. */
    private final class Prober implements Runnable {
        final List<Integer> deliveryStatuses = Collections.synchronizedList(new ArrayList<>());
        final List<Long> deliveryMillis = Collections.synchronizedList(new ArrayList<>());
        final List<Integer> healthStatuses = Collections.synchronizedList(new ArrayList<>());
        final List<Long> healthMillis = Collections.synchronizedList(new ArrayList<>());
        private final Duration every;
        private final AtomicBoolean attacking;
        private final OkHttpClient http =
                new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(30)).build();

        Prober(Duration every, AtomicBoolean attacking) {
            this.every = every;
            this.attacking = attacking;
        }

        @Override
        public void run() {
            String base = "http://127.0.0.1:" + server.getPort();
            String run = Long.toHexString(System.nanoTime()); // a trial's deliveries are new to a store used before
            for (int n = 0; attacking.get(); n++) {
                Request delivery = new Request.Builder()
                        .url(base + WebhookIntake.PATH)
                        .post(RequestBody.create(genuine, JSON))
                        .header("X-Hub-Signature", WebhookSignature.sign(secret, genuine))
                        .header("X-Atlassian-Webhook-Identifier", "genuine-" + run + "-" + n)
                        .build();
                time(delivery, deliveryStatuses, deliveryMillis);
                time(new Request.Builder().url(base + "/health").build(), healthStatuses, healthMillis);
                try {
                    Thread.sleep(every.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }

        private void time(Request request, List<Integer> statuses, List<Long> millis) {
            long start = System.nanoTime();
            int status;
            try (Response response = http.newCall(request).execute()) {
                response.body().bytes();
                status = response.code();
            } catch (IOException e) {
                status = HostileSender.CLOSED;
            }
            millis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            statuses.add(status);
        }
    }

    /** p50, p99 and max of {@code millis}, for printing. */
    public static String percentiles(List<Long> millis) {
        List<Long> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            return "none";
        }
        return String.format(
                "n=%d p50=%d ms p99=%d ms max=%d ms",
                sorted.size(),
                sorted.get(sorted.size() / 2),
                sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.99) - 1)),
                sorted.get(sorted.size() - 1));
    }
}
