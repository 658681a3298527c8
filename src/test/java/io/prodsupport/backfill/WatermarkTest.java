package io.prodsupport.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WatermarkTest {

    @Test
    void the_mark_moves_only_past_tickets_that_are_all_finished() {
        Watermark mark = new Watermark();
        mark.started(1, "OPS-1");
        mark.started(2, "OPS-2");
        mark.started(3, "OPS-3");

        assertThat(mark.finished(2)).isEmpty();
        assertThat(mark.finished(3)).isEmpty();
        assertThat(mark.mark()).isEmpty();
        assertThat(mark.finished(1)).contains("OPS-3");
    }

    @Test
    void a_slow_ticket_holds_the_mark_while_later_ones_finish() {
        Watermark mark = new Watermark();
        mark.started(1, "OPS-1");
        mark.started(2, "OPS-2");
        assertThat(mark.finished(1)).contains("OPS-1");
        mark.started(3, "OPS-3");
        mark.started(4, "OPS-4");

        assertThat(mark.finished(4)).isEmpty();
        assertThat(mark.finished(3)).isEmpty();
        assertThat(mark.mark()).contains("OPS-1");
        assertThat(mark.finished(2)).contains("OPS-4");
    }

    @Test
    void issue_keys_sort_by_project_then_number_as_order_by_key_does() {
        assertThat(java.util.stream.Stream.of("OPS-10", "ABC-2", "OPS-9", "OPS-100")
                        .sorted(IssueKeys.ORDER))
                .containsExactly("ABC-2", "OPS-9", "OPS-10", "OPS-100");
    }
}
