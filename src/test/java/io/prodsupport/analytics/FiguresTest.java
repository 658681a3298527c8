package io.prodsupport.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FiguresTest {

    @Test
    void percentiles_are_nearest_rank_and_absent_without_values() {
        assertThat(Percentiles.of(List.of())).isEqualTo(new Percentiles(null, null, 0));
        assertThat(Percentiles.of(List.of(Duration.ofSeconds(7)))).isEqualTo(new Percentiles(7L, 7L, 1));
        List<Duration> tenToHundred = java.util.stream.IntStream.rangeClosed(1, 10)
                .mapToObj(i -> Duration.ofSeconds(i * 10L))
                .toList();
        // rank ceil(0.5 * 10) = 5 -> 50; rank ceil(0.9 * 10) = 9 -> 90
        assertThat(Percentiles.of(tenToHundred)).isEqualTo(new Percentiles(50L, 90L, 10));
        // rank ceil(0.5 * 4) = 2, ceil(0.9 * 4) = 4; order of input does not matter
        assertThat(Percentiles.of(List.of(
                        Duration.ofSeconds(40),
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(30),
                        Duration.ofSeconds(20))))
                .isEqualTo(new Percentiles(20L, 40L, 4));
    }

    @Test
    void recurring_causes_meet_at_their_stems_and_a_phrase_hides_its_words() {
        List<IncidentTimeline> incidents = List.of(
                incident("OPS-2", "Connection pool *timeouts* to the [payments|https://pay] service"),
                incident("OPS-10", "Timeout of the connection pool after deploy"),
                incident("OPS-11", "Disk full on db-3 (rotation was off)"),
                incident("OPS-12", "Disk full again; a connection leak"),
                incident("OPS-13", ""));
        assertThat(RecurringCauses.find(incidents))
                .containsExactly(
                        // in three incidents, more than the phrase (two): shown as well
                        new Figures.RecurringCause("connection", List.of("OPS-2", "OPS-10", "OPS-12")),
                        new Figures.RecurringCause("connection pool", List.of("OPS-2", "OPS-10")),
                        new Figures.RecurringCause("disk full", List.of("OPS-11", "OPS-12")),
                        // "timeouts" and "timeout" are one stem; shown as written, the first on a tie
                        new Figures.RecurringCause("timeout", List.of("OPS-2", "OPS-10")));
    }

    @Test
    void a_period_needs_two_dates_in_order() {
        assertThat(Weeks.covering(Period.parse("2026-12-28", "2027-01-05"))).containsExactly("2026-W53", "2027-W01");
        assertThatThrownBy(() -> Period.parse("2026-11-16", "2026-11-02"))
                .hasMessage("the period is empty: from 2026-11-16 must be before to 2026-11-02");
        assertThatThrownBy(() -> Period.parse("2026-13-01", "2026-11-02"))
                .hasMessage("'from' is not a date: '2026-13-01' (give it as YYYY-MM-DD, e.g. 2026-11-01)");
        assertThatThrownBy(() -> Period.parse("2026-11-01", null))
                .hasMessage("'to' is missing: give a date as YYYY-MM-DD");
    }

    private static IncidentTimeline incident(String key, String rootCause) {
        Instant t = Instant.parse("2026-11-02T09:00:00Z");
        return new IncidentTimeline(key, "OPS", key, t, null, null, false, rootCause);
    }
}
