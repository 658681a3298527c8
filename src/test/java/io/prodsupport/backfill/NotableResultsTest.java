package io.prodsupport.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import io.prodsupport.backfill.TicketResult.Outcome;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class NotableResultsTest {

    @Test
    void reads_back_every_record_by_key_across_several_sorted_runs_with_its_text_intact() {
        Random random = new Random(13);
        List<TicketResult> added = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String project = i % 3 == 0 ? "OPS" : "INC";
            added.add(new TicketResult(
                    project + "-" + (1 + random.nextInt(40)),
                    i % 7 == 0 ? null : "In\tProgress\\" + i,
                    i % 5 == 0 ? Outcome.FAILED : Outcome.CHANGED,
                    i % 4 == 0 ? List.of() : List.of("fix version 1.0", "line\nbreak\r", ""),
                    i % 2 == 0 ? List.of("Root Cause(s)") : List.of(),
                    i % 5 == 0 ? "Jira said \\N; 500\n" : null));
        }
        // equal keys keep the order they came in, as the stable in-memory sort did
        List<TicketResult> expected = added.stream()
                .sorted(Comparator.comparing(TicketResult::key, IssueKeys.ORDER))
                .toList();

        try (NotableResults notable = new NotableResults(7)) {
            added.forEach(notable::add);

            assertThat(notable.size()).isEqualTo(50);
            try (Stream<TicketResult> first = notable.sorted();
                    Stream<TicketResult> second = notable.sorted()) {
                assertThat(first.toList()).containsExactlyElementsOf(expected);
                assertThat(second.toList()).containsExactlyElementsOf(expected);
            }
            // a record added after a read is in the next read, in its place
            TicketResult late = new TicketResult("INC-1", "Done", Outcome.CHANGED, List.of("late"), List.of(), null);
            notable.add(late);
            added.add(late);
            try (Stream<TicketResult> again = notable.sorted()) {
                assertThat(again.toList())
                        .containsExactlyElementsOf(added.stream()
                                .sorted(Comparator.comparing(TicketResult::key, IssueKeys.ORDER))
                                .toList());
            }
        }
    }

    @Test
    void nothing_added_reads_back_nothing() {
        try (NotableResults notable = new NotableResults()) {
            try (Stream<TicketResult> none = notable.sorted()) {
                assertThat(none).isEmpty();
            }
        }
    }
}
