package io.prodsupport.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeliverySightingsTest {

    private static final Instant T = Instant.parse("2026-11-02T09:00:00Z");

    @Test
    void the_newest_event_of_an_issue_counts_under_any_of_its_names_and_old_ones_are_forgotten() {
        DeliverySightings sightings = new DeliverySightings(T);
        sightings.saw(List.of("OPS-1", "id:10001"), T.plusSeconds(60));
        sightings.saw(List.of("id:10001"), T.plusSeconds(30)); // a late, older delivery does not move it back
        sightings.saw(List.of("OPS-2"), T.plusSeconds(10));

        assertThat(sightings.newestFor(List.of("OPS-1", "id:10001"))).contains(T.plusSeconds(60));
        assertThat(sightings.newestFor(List.of("id:10001"))).contains(T.plusSeconds(60));
        assertThat(sightings.newestFor(List.of("OPS-3"))).isEmpty();

        sightings.forgetBefore(T.plusSeconds(20));
        assertThat(sightings.newestFor(List.of("OPS-2"))).isEmpty();
        assertThat(sightings.size()).isEqualTo(2);
    }
}
