package io.prodsupport.backfill;

import io.prodsupport.backfill.TicketResult.Outcome;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.stream.Stream;

/**
 * The tickets worth a line in the report, kept on disk as they come instead of in memory, and read back sorted by key
 * ({@link IssueKeys#ORDER}; tickets of one key in the order they came). A backfill of 100,000 changed tickets held a
 * record each for the report until the end (about 100 MB); here the heap holds at most {@code chunk} records, while
 * sorting a run of them, however many tickets there are.
 *
 * <p>Records are appended to a temporary file, one line each. Reading them back sorts runs of {@code chunk} lines in
 * memory and merges the runs (a plain external merge sort); the sorted file is kept until {@link #close}, so the
 * report's several passes (tickets changed, closed with gaps, failed) read it again without sorting again.
 */
final class NotableResults implements AutoCloseable {

    /** Records sorted in memory at once: a few MB, whatever the size of the backfill. */
    static final int CHUNK = 10_000;

    private static final Comparator<Entry> ORDER =
            Comparator.comparing((Entry e) -> e.result().key(), IssueKeys.ORDER).thenComparingLong(Entry::sequence);

    private final int chunk;
    private final List<Path> files = new ArrayList<>();
    private Path spool;
    private BufferedWriter writer;
    private long count;
    private Path sorted;

    private record Entry(long sequence, TicketResult result) {}

    NotableResults() {
        this(CHUNK);
    }

    NotableResults(int chunk) {
        if (chunk < 1) {
            throw new IllegalArgumentException("chunk must be positive: " + chunk);
        }
        this.chunk = chunk;
    }

    synchronized void add(TicketResult result) {
        try {
            if (writer == null) {
                spool = temporary("notable");
                writer = Files.newBufferedWriter(spool, StandardCharsets.UTF_8);
            }
            writer.write(encode(count++, result));
            writer.write('\n');
            sorted = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep a ticket for the report: " + e.getMessage(), e);
        }
    }

    synchronized long size() {
        return count;
    }

    /** Every record so far, by key; the caller closes the stream. */
    synchronized Stream<TicketResult> sorted() {
        if (count == 0) {
            return Stream.empty();
        }
        try {
            if (sorted == null) {
                writer.flush();
                sorted = sort();
            }
            BufferedReader in = Files.newBufferedReader(sorted, StandardCharsets.UTF_8);
            return in.lines().map(line -> decode(line).result()).onClose(() -> closeQuietly(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read back the tickets for the report: " + e.getMessage(), e);
        }
    }

    private Path sort() throws IOException {
        List<Path> runs = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(spool, StandardCharsets.UTF_8)) {
            List<Entry> run = new ArrayList<>(Math.min(chunk, (int) Math.min(count, Integer.MAX_VALUE)));
            for (String line; (line = in.readLine()) != null; ) {
                run.add(decode(line));
                if (run.size() == chunk) {
                    runs.add(writeRun(run));
                    run.clear();
                }
            }
            if (!run.isEmpty()) {
                runs.add(writeRun(run));
            }
        }
        if (runs.size() == 1) {
            return runs.get(0);
        }
        Path merged = temporary("sorted");
        List<BufferedReader> readers = new ArrayList<>();
        try (BufferedWriter out = Files.newBufferedWriter(merged, StandardCharsets.UTF_8)) {
            record Head(Entry entry, String line, BufferedReader from) {}
            PriorityQueue<Head> heads = new PriorityQueue<>(Comparator.comparing(Head::entry, ORDER));
            for (Path run : runs) {
                BufferedReader r = Files.newBufferedReader(run, StandardCharsets.UTF_8);
                readers.add(r);
                String line = r.readLine();
                if (line != null) {
                    heads.add(new Head(decode(line), line, r));
                }
            }
            while (!heads.isEmpty()) {
                Head head = heads.poll();
                out.write(head.line());
                out.write('\n');
                String next = head.from().readLine();
                if (next != null) {
                    heads.add(new Head(decode(next), next, head.from()));
                }
            }
        } finally {
            readers.forEach(NotableResults::closeQuietly);
            for (Path run : runs) {
                Files.deleteIfExists(run);
                files.remove(run);
            }
        }
        return merged;
    }

    private Path writeRun(List<Entry> run) throws IOException {
        run.sort(ORDER);
        Path file = temporary("run");
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Entry e : run) {
                out.write(encode(e.sequence(), e.result()));
                out.write('\n');
            }
        }
        return file;
    }

    private Path temporary(String what) throws IOException {
        Path file = Files.createTempFile("prodsupport-backfill-" + what + "-", ".tsv");
        file.toFile().deleteOnExit();
        files.add(file);
        return file;
    }

    /** Deletes the temporary files. */
    @Override
    public synchronized void close() {
        closeQuietly(writer);
        writer = null;
        for (Path file : files) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // deleteOnExit has it too
            }
        }
        files.clear();
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception ignored) {
            // a temporary file of ours: nothing to lose
        }
    }

    /* One line per record, tab-separated: sequence, key, status, outcome, reason, then each list as its size and its items. */

    static String encode(long sequence, TicketResult r) {
        StringBuilder line = new StringBuilder(128).append(sequence);
        field(line, r.key());
        field(line, r.status());
        line.append('\t').append(r.outcome().name());
        field(line, r.reason());
        list(line, r.changes());
        list(line, r.missingOnClose());
        return line.toString();
    }

    private static Entry decode(String line) {
        String[] f = line.split("\t", -1);
        int i = 0;
        long sequence = Long.parseLong(f[i++]);
        String key = text(f[i++]);
        String status = text(f[i++]);
        Outcome outcome = Outcome.valueOf(f[i++]);
        String reason = text(f[i++]);
        int changesCount = Integer.parseInt(f[i++]);
        List<String> changes = new ArrayList<>(changesCount);
        for (int n = 0; n < changesCount; n++) {
            changes.add(text(f[i++]));
        }
        int missingCount = Integer.parseInt(f[i++]);
        List<String> missing = new ArrayList<>(missingCount);
        for (int n = 0; n < missingCount; n++) {
            missing.add(text(f[i++]));
        }
        return new Entry(sequence, new TicketResult(key, status, outcome, changes, missing, reason));
    }

    private static void list(StringBuilder line, List<String> items) {
        line.append('\t').append(items.size());
        items.forEach(item -> field(line, item));
    }

    /** Escapes the backslash, tab, CR and LF; null is {@code \N}, which no escaped text can be. */
    private static void field(StringBuilder line, String text) {
        line.append('\t');
        if (text == null) {
            line.append("\\N");
            return;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> line.append("\\\\");
                case '\t' -> line.append("\\t");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                default -> line.append(c);
            }
        }
    }

    private static String text(String field) {
        if (field.equals("\\N")) {
            return null;
        }
        if (field.indexOf('\\') < 0) {
            return field;
        }
        StringBuilder out = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 1 < field.length()) {
                char next = field.charAt(++i);
                out.append(
                        switch (next) {
                            case 't' -> '\t';
                            case 'n' -> '\n';
                            case 'r' -> '\r';
                            default -> next;
                        });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
