package io.prodsupport.bench;

import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prodsupport.inbox.Inbox;
import io.prodsupport.store.Stores;
import io.prodsupport.webhook.JiraEventParser;
import io.prodsupport.webhook.ServiceHttpServer;
import io.prodsupport.webhook.WebhookIntake;
import io.prodsupport.webhook.WebhookSignature;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import okhttp3.ConnectionPool;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Durable acknowledged deliveries per second and acknowledgement latency of {@code POST /webhook/jira} (issue 13), at
 * 1, 8 and 64 concurrent senders, with real captured Jira payloads of 5–10 KB, each signed. Three endpoints in this
 * one process, measured in the same run: a bare endpoint that only reads the body, checks the signature and answers
 * 202 (the ceiling the HTTP stack and the machine allow); the real intake on SQLite ({@code synchronous=FULL}, WAL,
 * group commit); the real intake on PostgreSQL (embedded, with {@code synchronous_commit=on} and fsync, as in
 * production). Only answers that say the delivery was stored count. No worker runs: this measures intake alone. A
 * fourth endpoint, "no store", is the real intake (the service's HTTP stack with its limits, signature, parse, triage)
 * in front of {@link NothingStored}: it splits the gap between bare and SQLite into what the intake costs and what the
 * store costs.
 *
 * <p>For each number of senders, all three endpoints are started and warmed (until the JIT is done) before any is
 * measured, then measured in turn, round after round: bare, SQLite, PostgreSQL, bare, SQLite, … Each ratio compares
 * cells of the same round, measured seconds apart, so a machine whose speed drifts (other work on the host) moves
 * both sides of it alike.
 *
 * <p>Arguments: seconds measured per cell (default 8); the numbers of senders, comma separated (default 1,8,64);
 * rounds (default 2).
 */
public final class IntakeThroughputBenchmark {

    private static final String SECRET = "bench-webhook-secret";
    private static final int[] SENDERS = {1, 8, 64};
    private static final MediaType JSON = MediaType.get("application/json");

    record Payload(byte[] body, String signature) {}

    record Endpoint(String name, String url, Inbox inbox) {}

    record Cell(
            String endpoint, int senders, long acknowledged, long failed, double perSecond, double p50, double p99) {}

    public static void main(String[] args) throws Exception {
        Duration measure = Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 8);
        int[] sendersPerCell = args.length > 1
                ? Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray()
                : SENDERS;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        List<Payload> payloads = payloads();
        System.out.printf(
                "payloads: %d captured Jira webhooks of %d–%d bytes, signed%n",
                payloads.size(),
                payloads.stream().mapToInt(p -> p.body().length).min().orElseThrow(),
                payloads.stream().mapToInt(p -> p.body().length).max().orElseThrow());

        Path dir = Files.createTempDirectory("prodsupport-intake-bench");
        System.out.println(
                "SQLite file in " + dir + " on " + Files.getFileStore(dir).type());
        Map<String, List<Cell>> table = new LinkedHashMap<>();
        OkHttpClient http = new OkHttpClient.Builder()
                .connectionPool(new ConnectionPool(128, 5, TimeUnit.MINUTES))
                .dispatcher(dispatcher())
                .socketFactory(new NoDelaySockets())
                .build();

        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                // the embedded default is off; production keeps it on: an acknowledged event is on disk
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("fsync", "on")
                .start()) {
            String pgUrl = "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
            try (Connection c = postgres.getPostgresDatabase().getConnection();
                    Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("SHOW synchronous_commit")) {
                r.next();
                System.out.println("PostgreSQL synchronous_commit=" + r.getString(1));
            }
            for (int senders : sendersPerCell) {
                Javalin bare = bareEndpoint();
                try (ServiceHttpServer nothingStoredServer = intake(new NothingStored());
                        Inbox sqlite =
                                Stores.open("jdbc:sqlite:" + dir.resolve("inbox-" + senders + ".db"), null, null);
                        ServiceHttpServer sqliteServer = intake(sqlite);
                        Inbox pg = Stores.open(pgUrl, "postgres", null);
                        ServiceHttpServer pgServer = intake(pg)) {
                    List<Endpoint> endpoints = List.of(
                            new Endpoint("bare", "http://127.0.0.1:" + bare.port() + WebhookIntake.PATH, null),
                            new Endpoint("no store", url(nothingStoredServer), null),
                            new Endpoint("SQLite", url(sqliteServer), sqlite),
                            new Endpoint("PostgreSQL", url(pgServer), pg));
                    // every endpoint is warmed before any is measured: the JIT compiles the HTTP stack, the
                    // parser and the drivers once, and code compiled for the first endpoint is not thrown away
                    // (deoptimised) while a later one is measured
                    for (Endpoint e : endpoints) {
                        warmUp(http, e, payloads, senders);
                    }
                    for (int round = 1; round <= rounds; round++) {
                        System.out.printf("round %d of %d, %d senders%n", round, rounds, senders);
                        for (Endpoint e : endpoints) {
                            if (e.inbox() == sqlite) {
                                diskSyncs(dir);
                            }
                            table.computeIfAbsent(e.name(), k -> new ArrayList<>())
                                    .add(run(http, e.name(), e.url(), payloads, senders, measure, e.inbox()));
                        }
                    }
                } finally {
                    bare.stop();
                }
            }
        } finally {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }

        System.out.println();
        System.out.println(
                "| endpoint | senders | round | acknowledged/s | p50 ack ms | p99 ack ms | failed | ratio to bare |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        List<Cell> bare = table.get("bare");
        for (Map.Entry<String, List<Cell>> row : table.entrySet()) {
            for (int i = 0; i < row.getValue().size(); i++) {
                Cell c = row.getValue().get(i);
                System.out.printf(
                        "| %s | %d | %d | %.0f | %.2f | %.2f | %d | %.2f |%n",
                        c.endpoint(),
                        c.senders(),
                        i % rounds + 1,
                        c.perSecond(),
                        c.p50(),
                        c.p99(),
                        c.failed(),
                        c.perSecond() / bare.get(i).perSecond());
            }
        }
        System.exit(0);
    }

    /**
     * What the disk under the SQLite file allows right now: 200 times, 32 KiB (about one commit of a dozen deflated
     * deliveries with their index pages) written over the same place in a file and synced with {@code fdatasync}, as
     * SQLite syncs its WAL on each commit under {@code synchronous=FULL}. Syncs per second times deliveries per commit
     * bounds what one writer can acknowledge.
     */
    private static void diskSyncs(Path dir) throws IOException {
        Path file = dir.resolve("sync-probe");
        java.nio.ByteBuffer block = java.nio.ByteBuffer.allocate(32 * 1024);
        long[] took = new long[200];
        try (java.nio.channels.FileChannel f = java.nio.channels.FileChannel.open(
                file,
                java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.WRITE,
                java.nio.file.StandardOpenOption.READ)) {
            f.write(block.clear(), 0);
            f.force(true);
            for (int i = 0; i < took.length; i++) {
                long start = System.nanoTime();
                f.write(block.clear(), 0);
                f.force(false);
                took[i] = System.nanoTime() - start;
            }
        } finally {
            Files.deleteIfExists(file);
        }
        Arrays.sort(took);
        double mean = Arrays.stream(took).average().orElseThrow() / 1e6;
        System.out.printf(
                "disk now: 32 KiB write + fdatasync p50 %.2f ms, p99 %.2f ms, mean %.2f ms = %.0f syncs/s%n",
                percentile(took, 0.5), percentile(took, 0.99), mean, 1000 / mean);
    }

    /**
     * Sends to the endpoint until the JIT has done its work: until, over two seconds of sending, the compilers spent
     * less than 2 % of that time (at most a minute). A fixed warm-up is not enough on a busy machine: the intake's path
     * through the store is much more code than the bare endpoint's, and on two shared cores the compilers were still
     * taking a quarter of the CPU a dozen seconds in, which measured the compilers, not the intake.
     */
    private static void warmUp(OkHttpClient http, Endpoint endpoint, List<Payload> payloads, int senders)
            throws InterruptedException {
        java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        Duration window = Duration.ofSeconds(2);
        long started = System.nanoTime();
        long compiling;
        do {
            long before = jit.getTotalCompilationTime();
            send(http, endpoint.url(), payloads, senders, window);
            compiling = jit.getTotalCompilationTime() - before;
        } while (compiling > window.toMillis() / 50
                && System.nanoTime() - started < Duration.ofMinutes(1).toNanos());
        System.out.printf(
                "warmed %s for %.0f s (the JIT compiled for %d ms of the last %d s)%n",
                endpoint.name(), (System.nanoTime() - started) / 1e9, compiling, window.toSeconds());
    }

    private static okhttp3.Dispatcher dispatcher() {
        okhttp3.Dispatcher d = new okhttp3.Dispatcher();
        d.setMaxRequests(256);
        d.setMaxRequestsPerHost(256);
        return d;
    }

    private static String url(ServiceHttpServer server) {
        return "http://127.0.0.1:" + server.port() + WebhookIntake.PATH;
    }

    private static ServiceHttpServer intake(Inbox inbox) {
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        WebhookIntake intake = new WebhookIntake(
                inbox,
                new JiraEventParser(new com.fasterxml.jackson.databind.ObjectMapper()),
                List.of(SECRET),
                false,
                Optional.empty(),
                metrics);
        return new ServiceHttpServer("127.0.0.1", 0, metrics, () -> Map.of("status", "UP"), intake).start();
    }

    /**
     * Javalin's Jetty as the service runs it, but without the service's limits (per-client thread limit, minimum data
     * rate, whole-body loader): reads the body, checks the signature, answers 202. The "no store" endpoint has the
     * limits.
     */
    private static Javalin bareEndpoint() {
        List<String> secrets = List.of(SECRET);
        return Javalin.create(config -> {
                    config.jetty.host = "127.0.0.1";
                    config.jetty.port = 0;
                    config.startup.showJavalinBanner = false;
                    config.routes.post(WebhookIntake.PATH, ctx -> {
                        byte[] body = ctx.bodyAsBytes();
                        if (WebhookSignature.verify(ctx.header("X-Hub-Signature"), body, secrets)) {
                            ctx.status(202).result("stored");
                        } else {
                            ctx.status(401).result("bad signature");
                        }
                    });
                })
                .start();
    }

    private static Cell run(
            OkHttpClient http,
            String name,
            String url,
            List<Payload> payloads,
            int senders,
            Duration measure,
            Inbox inbox)
            throws InterruptedException {
        Optional<Stores.CommitCounts> before = Optional.ofNullable(inbox).flatMap(Stores::commitCounts);
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpuBefore = os.getProcessCpuTime();
        long jitBefore =
                java.lang.management.ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
        long[] ticksBefore = userAndSystemTicks();
        long writtenBefore = bytesWrittenToDisk();
        long start = System.nanoTime();
        Result result = send(http, url, payloads, senders, measure);
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuMicrosEach = (os.getProcessCpuTime() - cpuBefore) / 1e3 / Math.max(1, result.latencies().length);
        long jitMillis =
                java.lang.management.ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jitBefore;
        long[] ticksAfter = userAndSystemTicks();
        double kibWrittenEach =
                (bytesWrittenToDisk() - writtenBefore) / 1024.0 / Math.max(1, result.latencies().length);
        double systemShare = ticksAfter[0] + ticksAfter[1] - ticksBefore[0] - ticksBefore[1] > 0
                ? (ticksAfter[1] - ticksBefore[1])
                        / (double) (ticksAfter[0] + ticksAfter[1] - ticksBefore[0] - ticksBefore[1])
                : Double.NaN;
        Optional<Stores.CommitCounts> during =
                before.flatMap(b -> Stores.commitCounts(inbox).map(after -> after.minus(b)));
        long[] latencies = result.latencies();
        Arrays.sort(latencies);
        Cell cell = new Cell(
                name,
                senders,
                latencies.length,
                result.failed(),
                latencies.length / seconds,
                percentile(latencies, 0.50),
                percentile(latencies, 0.99));
        System.out.printf(
                "%-11s %2d senders: %6.0f acknowledged/s, p50 %.2f ms, p99 %.2f ms, %d failed; this process's CPU"
                        + " (senders included) %.0f µs per acknowledged delivery, %.0f%% of it in the kernel; JIT"
                        + " compiling %d ms; %.1f KiB written to disk per delivery%n",
                name,
                senders,
                cell.perSecond(),
                cell.p50(),
                cell.p99(),
                cell.failed(),
                cpuMicrosEach,
                100 * systemShare,
                jitMillis,
                kibWrittenEach);
        during.ifPresent(c -> System.out.printf(
                "            group commit: %d commits (%.0f/s), %.1f deliveries per commit, %.2f ms per commit"
                        + " (%.2f ms inserting, the rest committing: writing and syncing the WAL), writer busy %.0f%%,"
                        + " longest %.1f ms since the inbox opened%n",
                c.commits(),
                c.commits() / seconds,
                (double) c.deliveries() / Math.max(1, c.commits()),
                c.commitNanos() / 1e6 / Math.max(1, c.commits()),
                c.insertNanos() / 1e6 / Math.max(1, c.commits()),
                c.commitNanos() / 1e7 / seconds,
                c.longestCommitNanos() / 1e6));
        return cell;
    }

    record Result(long[] latencies, long failed) {}

    private static Result send(OkHttpClient http, String url, List<Payload> payloads, int senders, Duration length)
            throws InterruptedException {
        long deadline = System.nanoTime() + length.toNanos();
        List<long[]> perSender = new ArrayList<>();
        AtomicLong failed = new AtomicLong();
        CountDownLatch done = new CountDownLatch(senders);
        List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            int sender = s;
            long[][] mine = {new long[1 << 16]};
            int[] count = {0};
            Thread t = new Thread(() -> {
                try {
                    for (int i = sender; System.nanoTime() < deadline; i += senders) {
                        Payload p = payloads.get(i % payloads.size());
                        Request request = new Request.Builder()
                                .url(url)
                                .header("X-Hub-Signature", p.signature())
                                .header(
                                        "X-Atlassian-Webhook-Identifier",
                                        UUID.randomUUID().toString())
                                .post(RequestBody.create(p.body(), JSON))
                                .build();
                        long sent = System.nanoTime();
                        try (Response response = http.newCall(request).execute()) {
                            String text = response.body().string();
                            long took = System.nanoTime() - sent;
                            if (response.code() == 202 && text.equals("stored")) {
                                if (count[0] == mine[0].length) {
                                    mine[0] = Arrays.copyOf(mine[0], mine[0].length * 2);
                                }
                                mine[0][count[0]++] = took;
                            } else {
                                failed.incrementAndGet();
                            }
                        } catch (IOException e) {
                            failed.incrementAndGet();
                        }
                    }
                } finally {
                    synchronized (perSender) {
                        perSender.add(Arrays.copyOf(mine[0], count[0]));
                    }
                    done.countDown();
                }
            });
            threads.add(t);
            t.start();
        }
        done.await();
        long[] all = perSender.stream().flatMapToLong(Arrays::stream).toArray();
        return new Result(all, failed.get());
    }

    /**
     * What this process has had written to disk so far ({@code write_bytes} of {@code /proc/self/io}: the WAL's frames
     * and the checkpoints' pages for SQLite; nothing for PostgreSQL, whose server is another process); 0 where there is
     * no such file. Unlike time, it does not depend on how busy the disk is.
     */
    static long bytesWrittenToDisk() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/io"))) {
                if (line.startsWith("write_bytes:")) {
                    return Long.parseLong(
                            line.substring("write_bytes:".length()).strip());
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: the figure reads 0
        }
        return 0;
    }

    /** This process's user and system CPU in clock ticks ({@code /proc/self/stat}); zeros where there is none. */
    private static long[] userAndSystemTicks() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12])};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    private static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))] / 1e6;
    }

    /** The captured Jira webhooks of 5–10 KB in test-data (Cloud and Data Center, several event types). */
    private static List<Payload> payloads() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("test-data/webhook-payloads"))) {
            return files.filter(f -> f.toString().endsWith(".json"))
                    .sorted(Comparator.naturalOrder())
                    .map(IntakeThroughputBenchmark::read)
                    .filter(b -> b.length >= 5 * 1024 && b.length <= 10 * 1024)
                    .map(b -> new Payload(b, WebhookSignature.sign(SECRET, b)))
                    .toList();
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Sockets that send at once: OkHttp writes a request's headers and body separately, and with Nagle's algorithm the
     * body would wait for the delayed ACK of the headers (40 ms on Linux), a delay of the client, not of the service.
     */
    private static final class NoDelaySockets extends javax.net.SocketFactory {
        private final javax.net.SocketFactory plain = javax.net.SocketFactory.getDefault();

        @Override
        public java.net.Socket createSocket() throws IOException {
            java.net.Socket s = plain.createSocket();
            s.setTcpNoDelay(true);
            return s;
        }

        @Override
        public java.net.Socket createSocket(String host, int port) throws IOException {
            java.net.Socket s = plain.createSocket(host, port);
            s.setTcpNoDelay(true);
            return s;
        }

        @Override
        public java.net.Socket createSocket(String host, int port, java.net.InetAddress local, int localPort)
                throws IOException {
            java.net.Socket s = plain.createSocket(host, port, local, localPort);
            s.setTcpNoDelay(true);
            return s;
        }

        @Override
        public java.net.Socket createSocket(java.net.InetAddress host, int port) throws IOException {
            java.net.Socket s = plain.createSocket(host, port);
            s.setTcpNoDelay(true);
            return s;
        }

        @Override
        public java.net.Socket createSocket(
                java.net.InetAddress host, int port, java.net.InetAddress local, int localPort) throws IOException {
            java.net.Socket s = plain.createSocket(host, port, local, localPort);
            s.setTcpNoDelay(true);
            return s;
        }
    }
}
