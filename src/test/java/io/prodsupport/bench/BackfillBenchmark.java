package io.prodsupport.bench;

import io.prodsupport.backfill.OldTicketSeeder;
import io.prodsupport.jirasim.Flavour;
import io.prodsupport.jirasim.JiraSimulator;
import io.prodsupport.jirasim.SimSite;
import io.prodsupport.testing.SimulatedService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 6's figures: {@code prodsupport backfill} over {@code TICKETS} old tickets of mixed shapes
 * ({@link OldTicketSeeder}) with {@code LATENCY} added to every Jira call and a site rate limit of {@code rate} calls
 * a second. The simulator runs here; the backfill runs in a child JVM with a small heap and a GC log, so its peak heap
 * is its own and not the simulator's. Prints wall time against the floor (calls ÷ rate), calls per ticket by endpoint,
 * and the child's heap. Arguments: [tickets] [concurrency] [rate] (defaults 10,000, 8 and 100 calls/s; at 1,000
 * calls/s the 20 ms latency needs a concurrency of 32 or so to keep 20 calls in flight).
 */
public final class BackfillBenchmark {

    private static final Duration LATENCY = Duration.ofMillis(20);
    private static final int DEFAULT_RATE = 100;
    private static final String MAX_HEAP = "128m";
    private static final Pattern GC_LINE = Pattern.compile("(\\d+)M->(\\d+)M\\(\\d+M\\)");

    public static void main(String[] args) throws Exception {
        int tickets = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int rate = args.length > 2 ? Integer.parseInt(args[2]) : DEFAULT_RATE;
        Path dir = Files.createTempDirectory("prodsupport-backfill-bench");
        try (JiraSimulator sim = JiraSimulator.builder()
                .flavour(Flavour.CLOUD)
                .validateRequests(false)
                .clock(OldTicketSeeder.longAgo())
                .start()) {
            // no webhook is registered and nothing reads the fired events: the site builds no payloads, as Jira
            // without webhooks does (the simulator kept every one, a few GB at this size)
            sim.webhooks().keepFired(false);
            SimSite site = SimSite.seed(sim);
            OldTicketSeeder.seed(site, tickets);
            Path config = SimulatedService.config(site, dir, SimulatedService.freePort(), "");
            sim.faults().latency(LATENCY).rateLimit(rate);
            sim.calls().reset();

            Path gcLog = dir.resolve("gc.log");
            long start = System.nanoTime();
            List<String> command =
                    new java.util.ArrayList<>(List.of(javaBinary(), "-Xmx" + MAX_HEAP, "-Xlog:gc:file=" + gcLog));
            // e.g. -Dbench.childJvmArgs=-XX:StartFlightRecording=filename=/tmp/backfill.jfr to profile the backfill
            String extra = System.getProperty("bench.childJvmArgs", "").strip();
            if (!extra.isEmpty()) {
                command.addAll(List.of(extra.split("\\s+")));
            }
            command.addAll(List.of(
                    "-cp",
                    System.getProperty("java.class.path"),
                    "io.prodsupport.app.Main",
                    "backfill",
                    "--config",
                    config.toString(),
                    "--concurrency",
                    String.valueOf(concurrency),
                    "--report",
                    dir.resolve("report.md").toString()));
            Process child = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("backfill.out").toFile())
                    .start();
            List<String> liveHeap = sampleLiveHeap(child, sim, tickets, gcLog);
            int exit = child.waitFor();
            double seconds = (System.nanoTime() - start) / 1e9;
            Map<String, Integer> calls = new TreeMap<>(sim.calls().snapshot());
            print(
                    tickets,
                    concurrency,
                    rate,
                    exit,
                    seconds,
                    calls,
                    Files.readAllLines(gcLog),
                    Files.readAllLines(dir.resolve("backfill.out")),
                    liveHeap);
        }
    }

    /**
     * Each time another tenth of the tickets has been edited (counted at the simulator), asks the backfill JVM for a
     * full GC ({@code jcmd GC.run}) and reads what its GC log says was left: the live heap, which stays flat when
     * nothing is kept per ticket. A full GC costs the run a few milliseconds each, ten times.
     */
    private static List<String> sampleLiveHeap(Process child, JiraSimulator sim, int tickets, Path gcLog)
            throws Exception {
        List<String> samples = new java.util.ArrayList<>();
        int step = Math.max(1, tickets / 10);
        int next = step;
        while (child.isAlive()) {
            Thread.sleep(200);
            int edited = sim.calls().snapshot().getOrDefault("PUT /rest/api/2/issue/{issueIdOrKey}", 0);
            if (edited < next) {
                continue;
            }
            next = (edited / step + 1) * step;
            Process jcmd = new ProcessBuilder("jcmd", String.valueOf(child.pid()), "GC.run")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            jcmd.waitFor();
            Thread.sleep(100);
            List<String> full = Files.readAllLines(gcLog).stream()
                    .filter(l -> l.contains("Pause Full") && GC_LINE.matcher(l).find())
                    .toList();
            if (!full.isEmpty()) {
                Matcher m = GC_LINE.matcher(full.get(full.size() - 1));
                m.find();
                samples.add(String.format("%,7d tickets edited: %s MB live", edited, m.group(2)));
            }
        }
        return samples;
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void print(
            int tickets,
            int concurrency,
            int rate,
            int exit,
            double seconds,
            Map<String, Integer> calls,
            List<String> gcLog,
            List<String> output,
            List<String> liveHeap) {
        int total = calls.values().stream().mapToInt(Integer::intValue).sum();
        System.out.printf(
                "Backfill of %d tickets, concurrency %d, Jira latency %d ms per call, rate limit %d calls/s%n",
                tickets, concurrency, LATENCY.toMillis(), rate);
        System.out.printf(
                "exit code %d; wall time %.1f s (JVM start included); floor %.1f s (%d calls ÷ %d/s);"
                        + " %.0f%% of the floor%n",
                exit, seconds, total / (double) rate, total, rate, 100 * (total / (double) rate) / seconds);
        System.out.println("Jira calls per ticket, by endpoint (429 answers included):");
        calls.forEach((endpoint, n) -> System.out.printf("  %-55s %6d  %5.3f%n", endpoint, n, n / (double) tickets));
        System.out.printf("  %-55s %6d  %5.3f%n", "total", total, total / (double) tickets);
        int peak = 0;
        int live = 0;
        for (String line : gcLog) {
            Matcher m = GC_LINE.matcher(line);
            if (m.find()) {
                peak = Math.max(peak, Integer.parseInt(m.group(1)));
                live = Math.max(live, Integer.parseInt(m.group(2)));
            }
        }
        System.out.printf(
                "Backfill JVM (-Xmx%s): peak heap before a GC %d MB, largest heap after a GC %d MB (%d GCs)%n",
                MAX_HEAP,
                peak,
                live,
                gcLog.stream().filter(l -> GC_LINE.matcher(l).find()).count());
        System.out.println("Live heap of the backfill JVM after a full GC (jcmd GC.run), as the run went:");
        liveHeap.forEach(l -> System.out.println("  " + l));
        System.out.println("Backfill output (last lines):");
        output.stream().skip(Math.max(0, output.size() - 8)).forEach(l -> System.out.println("  " + l));
    }
}
