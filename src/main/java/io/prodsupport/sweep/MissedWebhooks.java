package io.prodsupport.sweep;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Incident changes the sweep found that no webhook announced: counted for {@code /metrics}
 * ({@code prodsupport_webhooks_missed_total}) and reported by {@code /health/ready} as the part {@code webhooks}:
 * {@code DEGRADED} for an hour after the last miss, {@code UP} otherwise. Degraded is not down: the sweep heals the
 * incidents, only later than a webhook would have.
 */
public final class MissedWebhooks {

    /** How long after the last miss the webhooks part stays DEGRADED. */
    public static final Duration DEGRADED_FOR = Duration.ofHours(1);

    private final Counter counter;
    private final AtomicLong missed = new AtomicLong();
    private volatile Instant lastMissed;

    public MissedWebhooks(MeterRegistry registry) {
        this.counter = Counter.builder("prodsupport.webhooks.missed")
                .description("Incident changes the sweep found for which no webhook came")
                .register(registry);
    }

    void record(Instant now) {
        missed.incrementAndGet();
        counter.increment();
        lastMissed = now;
    }

    public long missed() {
        return missed.get();
    }

    /** {@code {status, missed, lastMissed}} for the health endpoints. */
    public Map<String, Object> health(Instant now) {
        Instant last = lastMissed;
        Map<String, Object> part = new LinkedHashMap<>();
        part.put("status", last != null && now.isBefore(last.plus(DEGRADED_FOR)) ? "DEGRADED" : "UP");
        part.put("missed", missed.get());
        part.put("lastMissed", last == null ? null : last.toString());
        return part;
    }
}
