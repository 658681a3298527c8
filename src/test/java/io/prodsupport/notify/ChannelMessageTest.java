package io.prodsupport.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prodsupport.notify.ChannelMessage.Change;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Folding progress messages, and the form the outbox stores. */
class ChannelMessageTest {

    private static ChannelMessage progress(int seq, Change... changes) {
        return ChannelMessage.progress("progress:OPS-12:" + seq, SlackNotifierTest.NOTICE, List.of(changes), List.of());
    }

    @Test
    void a_fold_keeps_each_fields_first_value_and_its_last_and_the_first_messages_id() {
        ChannelMessage first = progress(1, new Change("status", "To Do", "In Progress"));
        ChannelMessage second =
                progress(2, new Change("status", "In Progress", "Done"), new Change("priority", "High", "Highest"));

        assertThat(first.foldedWith(second)).hasValueSatisfying(folded -> {
            assertThat(folded.id()).isEqualTo("progress:OPS-12:1");
            assertThat(folded.changes())
                    .containsExactly(new Change("status", "To Do", "Done"), new Change("priority", "High", "Highest"));
        });
    }

    @Test
    void a_burst_that_ends_where_it_began_folds_to_nothing() {
        ChannelMessage there = progress(1, new Change("status", "To Do", "In Progress"));
        ChannelMessage back = progress(2, new Change("status", "In Progress", "To Do"));

        assertThat(there.foldedWith(back)).isEmpty();
    }

    @Test
    void the_stored_form_reads_back_as_written_and_a_foreign_one_is_refused_in_one_line() {
        ChannelMessage message = ChannelMessage.progress(
                "progress:OPS-12:4",
                SlackNotifierTest.NOTICE,
                List.of(new Change("resolution", null, "Fixed")),
                List.of("Pool halved"));

        assertThat(ChannelMessage.fromJson(message.toJson())).isEqualTo(message);
        assertThat(message.resolves()).isTrue();
        assertThatThrownBy(() -> ChannelMessage.fromJson("{\"id\": 7"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a channel message this release can read");
    }

    @Test
    void a_reminder_is_one_line_under_its_own_title_and_only_reminder_kinds_are_reminders() {
        ChannelMessage stale = ChannelMessage.reminder(
                "stale:OPS-12:1700000000000",
                ChannelMessage.Kind.STALE,
                SlackNotifierTest.NOTICE,
                "no update for 4 hours; asked Bob On-Duty for one");

        assertThat(stale.title()).isEqualTo("Incident needs an update");
        assertThat(stale.line()).isEqualTo("OPS-12 Checkout is down: no update for 4 hours; asked Bob On-Duty for one");
        assertThat(ChannelMessage.fromJson(stale.toJson())).isEqualTo(stale);
        assertThat(stale.foldKey()).as("reminders are never folded").isNull();
        assertThatThrownBy(() ->
                        ChannelMessage.reminder("x", ChannelMessage.Kind.PROGRESS, SlackNotifierTest.NOTICE, "note"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("PROGRESS is not a reminder");
    }

    @Test
    void a_post_mortem_message_names_the_task_and_its_link_once_per_incident() {
        ChannelMessage message =
                ChannelMessage.postMortem(SlackNotifierTest.NOTICE, "SUP-4", "https://jira.example/browse/SUP-4");

        assertThat(message.id()).isEqualTo("postmortem:OPS-12");
        assertThat(message.title()).isEqualTo("Post-mortem opened");
        assertThat(message.line())
                .isEqualTo("OPS-12 Checkout is down: post-mortem task SUP-4 opened for the review:"
                        + " https://jira.example/browse/SUP-4");
        assertThat(ChannelMessage.fromJson(message.toJson())).isEqualTo(message);
        assertThat(message.foldKey()).isNull();
    }
}
