package io.prodsupport.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OnCallRotationTest {

    private final OnCallRotation weekly = new OnCallRotation(
            List.of("alice", "bob", "carol"), Instant.parse("2026-01-05T09:00:00Z"), Duration.ofDays(7));

    @Test
    void the_first_person_is_on_duty_for_the_first_period() {
        assertThat(weekly.onDuty(Instant.parse("2026-01-05T09:00:00Z"))).contains("alice");
        assertThat(weekly.onDuty(Instant.parse("2026-01-12T08:59:59Z"))).contains("alice");
    }

    @Test
    void the_rotation_advances_each_period_and_wraps_around() {
        assertThat(weekly.onDuty(Instant.parse("2026-01-12T09:00:00Z"))).contains("bob");
        assertThat(weekly.onDuty(Instant.parse("2026-01-19T09:00:00Z"))).contains("carol");
        assertThat(weekly.onDuty(Instant.parse("2026-01-26T09:00:00Z"))).contains("alice");
    }

    @Test
    void before_the_start_the_rotation_runs_backwards() {
        assertThat(weekly.onDuty(Instant.parse("2026-01-05T08:59:59Z"))).contains("carol");
    }

    @Test
    void the_shift_under_way_and_the_next_hand_overs_follow_the_rotation() {
        assertThat(weekly.shifts(Instant.parse("2026-01-13T12:00:00Z"), 2))
                .containsExactly(
                        new OnCallRotation.Shift(
                                "bob", Instant.parse("2026-01-12T09:00:00Z"), Instant.parse("2026-01-19T09:00:00Z")),
                        new OnCallRotation.Shift(
                                "carol", Instant.parse("2026-01-19T09:00:00Z"), Instant.parse("2026-01-26T09:00:00Z")),
                        new OnCallRotation.Shift(
                                "alice", Instant.parse("2026-01-26T09:00:00Z"), Instant.parse("2026-02-02T09:00:00Z")));
        assertThat(OnCallRotation.nobody().shifts(Instant.now(), 3)).isEmpty();
    }

    @Test
    void an_empty_rotation_names_nobody() {
        assertThat(OnCallRotation.nobody().onDuty(Instant.now())).isEmpty();
    }

    @Test
    void a_rotation_without_a_period_is_refused() {
        assertThatThrownBy(() -> new OnCallRotation(List.of("alice"), Instant.EPOCH, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
