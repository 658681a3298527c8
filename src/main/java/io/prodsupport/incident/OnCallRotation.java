package io.prodsupport.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who is on duty at a given moment: the rotation advances one person every {@code period} from {@code start}
 * and wraps around. People are Jira user references (accountId on Cloud, username on Data Center).
 */
public record OnCallRotation(List<String> people, Instant start, Duration period) implements OnDuty {

    public OnCallRotation {
        people = List.copyOf(people);
        if (!people.isEmpty() && (start == null || period == null || period.isZero() || period.isNegative())) {
            throw new IllegalArgumentException("a rotation needs a start and a positive period");
        }
    }

    public static OnCallRotation nobody() {
        return new OnCallRotation(List.of(), null, null);
    }

    /** The shift under way at {@code now} and the {@code next} ones after it; empty when nobody is on the rotation. */
    @Override
    public List<Shift> shifts(Instant now, int next) {
        if (people.isEmpty()) {
            return List.of();
        }
        long turns = Math.floorDiv(Duration.between(start, now).toMillis(), period.toMillis());
        List<Shift> out = new ArrayList<>();
        for (long turn = turns; turn <= turns + next; turn++) {
            Instant from = start.plus(period.multipliedBy(turn));
            out.add(new Shift(people.get((int) Math.floorMod(turn, (long) people.size())), from, from.plus(period)));
        }
        return out;
    }

    @Override
    public Optional<String> onDuty(Instant now) {
        if (people.isEmpty()) {
            return Optional.empty();
        }
        // floorDiv: before the start the rotation runs backwards rather than naming person 0 forever
        long turns = Math.floorDiv(Duration.between(start, now).toMillis(), period.toMillis());
        return Optional.of(people.get((int) Math.floorMod(turns, (long) people.size())));
    }
}
