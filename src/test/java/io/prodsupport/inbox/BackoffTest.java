package io.prodsupport.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private static final Duration ONE_SECOND = Duration.ofSeconds(1);
    private static final Duration ONE_MINUTE = Duration.ofMinutes(1);

    @Test
    void the_wait_doubles_per_attempt_between_half_and_all_of_the_exponential_delay() {
        Backoff lowest = new Backoff(ONE_SECOND, ONE_MINUTE, () -> 0.0);
        Backoff highest = new Backoff(ONE_SECOND, ONE_MINUTE, () -> 0.999_999);

        assertThat(lowest.after(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(highest.after(1)).isEqualTo(Duration.ofMillis(999));
        assertThat(lowest.after(2)).isEqualTo(Duration.ofSeconds(1));
        assertThat(lowest.after(4)).isEqualTo(Duration.ofSeconds(4));
        assertThat(highest.after(4)).isEqualTo(Duration.ofMillis(7_999));
    }

    @Test
    void the_wait_never_passes_the_cap_even_after_very_many_attempts() {
        Backoff highest = new Backoff(ONE_SECOND, ONE_MINUTE, () -> 0.999_999);

        assertThat(highest.after(7)).isLessThan(ONE_MINUTE);
        assertThat(highest.after(1_000)).isLessThan(ONE_MINUTE).isGreaterThanOrEqualTo(Duration.ofSeconds(30));
    }
}
