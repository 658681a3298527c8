package io.prodsupport.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Who is on duty at a given moment: the rotation advances one person every {@code period} from {@code start}
 * and wraps around. People are Jira user references (accountId on Cloud, username on Data Center).
 */
public record OnCallRotation(List<String> people, Instant start, Duration period) {

    public OnCallRotation {
        people = List.copyOf(people);
        if (!people.isEmpty() && (start == null || period == null || period.isZero() || period.isNegative())) {
            throw new IllegalArgumentException("a rotation needs a start and a positive period");
        }
    }

    public static OnCallRotation nobody() {
        return new OnCallRotation(List.of(), null, null);
    }

    public Optional<String> onDuty(Instant now) {
        if (people.isEmpty()) {
            return Optional.empty();
        }
        // floorDiv: before the start the rotation runs backwards rather than naming person 0 forever
        long turns = Math.floorDiv(Duration.between(start, now).toMillis(), period.toMillis());
        return Optional.of(people.get((int) Math.floorMod(turns, (long) people.size())));
    }
}
