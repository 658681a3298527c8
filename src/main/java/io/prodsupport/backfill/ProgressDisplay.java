package io.prodsupport.backfill;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows how far a backfill is: a progress bar (count, rate, ETA) on a terminal, and plain lines every few seconds
 * when the output goes to a file or a CI log, where a redrawn bar would be thousands of lines of noise.
 */
public final class ProgressDisplay {

    private ProgressDisplay() {}

    /** A bar on the terminal's error stream. */
    public static BackfillListener bar() {
        return new BackfillListener() {
            private ProgressBar bar;

            @Override
            public void starting(long expected) {
                bar = new ProgressBarBuilder()
                        .setTaskName("backfill")
                        .setInitialMax(expected)
                        .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                        .setUnit(" tickets", 1)
                        .showSpeed()
                        .setUpdateIntervalMillis(500)
                        .build();
            }

            @Override
            public void expected(long expected) {
                bar.maxHint(expected);
            }

            @Override
            public void skipped() {
                bar.step();
            }

            @Override
            public void finished(TicketResult result) {
                bar.step();
            }

            @Override
            public void ended() {
                bar.close();
            }
        };
    }

    /** A line on {@code out} at most every {@code every}, and one at the end. */
    public static BackfillListener lines(PrintWriter out, Duration every, Clock clock) {
        return new LogLines(out, every, clock);
    }

    private static final class LogLines implements BackfillListener {
        private final PrintWriter out;
        private final Duration every;
        private final Clock clock;
        private long expected = -1;
        private long passed;
        private Instant start;
        private Instant lastLine;

        LogLines(PrintWriter out, Duration every, Clock clock) {
            this.out = out;
            this.every = every;
            this.clock = clock;
        }

        @Override
        public synchronized void starting(long expected) {
            this.expected = expected;
            start = clock.instant();
            lastLine = start;
        }

        @Override
        public synchronized void expected(long expected) {
            this.expected = expected;
        }

        @Override
        public synchronized void skipped() {
            step();
        }

        @Override
        public synchronized void finished(TicketResult result) {
            step();
        }

        @Override
        public synchronized void ended() {
            line(clock.instant());
        }

        private void step() {
            passed++;
            Instant now = clock.instant();
            if (Duration.between(lastLine, now).compareTo(every) >= 0) {
                line(now);
            }
        }

        private void line(Instant now) {
            lastLine = now;
            double seconds = Math.max(0.001, Duration.between(start, now).toMillis() / 1000.0);
            double rate = passed / seconds;
            StringBuilder line = new StringBuilder("backfill: ").append(passed);
            if (expected >= 0) {
                line.append(" of ")
                        .append(expected)
                        .append(" tickets (")
                        .append(expected == 0 ? 100 : passed * 100 / expected)
                        .append("%)");
            } else {
                line.append(" tickets");
            }
            line.append(String.format(", %.1f a second", rate));
            if (expected > passed && rate > 0) {
                line.append(", about ")
                        .append(duration((long) ((expected - passed) / rate)))
                        .append(" left");
            }
            out.println(line);
            out.flush();
        }

        private static String duration(long seconds) {
            return seconds >= 3600
                    ? String.format("%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                    : String.format("%d:%02d", seconds / 60, seconds % 60);
        }
    }
}
