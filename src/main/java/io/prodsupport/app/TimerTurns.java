package io.prodsupport.app;

import io.prodsupport.notify.OutboxStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The looks a timer makes (reminders, hand-overs) when several instances share one store: every instance schedules
 * the look, and the store's timer table gives each turn to one of them ({@link OutboxStore#takeTurn}). A turn lasts
 * nine tenths of the interval; the look is told to begin no new work after half of it, so a look that runs long (a
 * slow Jira, a large backlog) has ended its work before any other instance's turn can begin, and two instances never
 * act on the same incident at once. Clocks of the instances may differ by up to the remaining tenths (six seconds of
 * a minute) without overlap.
 */
final class TimerTurns {

    private final OutboxStore store;
    private final String holder;
    private final Clock clock;

    TimerTurns(OutboxStore store, String holder, Clock clock) {
        this.store = store;
        this.holder = holder;
        this.clock = clock;
    }

    /**
     * Runs {@code look} when this instance has the turn of timer {@code name}, giving it the instant by which to stop
     * beginning work; empty when another instance has the turn.
     */
    Optional<List<String>> run(String name, Duration every, Function<Instant, List<String>> look) {
        Instant now = clock.instant();
        if (!store.takeTurn(name, holder, now, every)) {
            return Optional.empty();
        }
        return Optional.of(look.apply(now.plus(every.dividedBy(2))));
    }
}
