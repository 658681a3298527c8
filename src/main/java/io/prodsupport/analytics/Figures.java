package io.prodsupport.analytics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The figures of issue 12, one definition for the API, the CLI and the page. Over the incidents created in the
 * period:
 * <ul>
 *   <li>{@code incidents}; {@code resolved}: those in a done status category now;</li>
 *   <li>{@code timeToResolve}, {@code timeToRootCause}: see {@link IncidentTimeline}, as {@link Percentiles};</li>
 *   <li>{@code followUps}: follow-up tickets linked to these incidents, and how many are done now;</li>
 *   <li>{@code byWeek}: per ISO week of the period, the incidents opened in it and those first resolved in it;</li>
 *   <li>{@code recurringCauses}: see {@link RecurringCauses}.</li>
 * </ul>
 * Nothing here names a person: the process is repercussion-less.
 */
public record Figures(
        int incidents,
        int resolved,
        Percentiles timeToResolve,
        Percentiles timeToRootCause,
        FollowUpCounts followUps,
        List<WeekCount> byWeek,
        List<RecurringCause> recurringCauses) {

    public record FollowUpCounts(int created, int done) {}

    public record WeekCount(String week, int opened, int resolved) {}

    public record RecurringCause(String term, List<String> incidents) {
        public RecurringCause {
            incidents = List.copyOf(incidents);
        }
    }

    public Figures {
        byWeek = List.copyOf(byWeek);
        recurringCauses = List.copyOf(recurringCauses);
    }

    /**
     * @param incidents the period's incidents (others are ignored)
     * @param followUps follow-ups; those linked to none of {@code incidents} are ignored
     */
    public static Figures of(Period period, List<IncidentTimeline> incidents, List<FollowUp> followUps) {
        List<IncidentTimeline> in =
                incidents.stream().filter(i -> period.contains(i.created())).toList();
        Set<String> keys = in.stream().map(IncidentTimeline::key).collect(Collectors.toSet());
        List<FollowUp> theirs = followUps.stream()
                .filter(f -> f.incidents().stream().anyMatch(keys::contains))
                .toList();
        return new Figures(
                in.size(),
                (int) in.stream().filter(IncidentTimeline::doneNow).count(),
                Percentiles.of(durations(in, IncidentTimeline::timeToResolve)),
                Percentiles.of(durations(in, IncidentTimeline::timeToRootCause)),
                new FollowUpCounts(theirs.size(), (int)
                        theirs.stream().filter(FollowUp::doneNow).count()),
                byWeek(period, in),
                RecurringCauses.find(in));
    }

    private static List<Duration> durations(
            List<IncidentTimeline> incidents, java.util.function.Function<IncidentTimeline, Optional<Duration>> f) {
        List<Duration> out = new ArrayList<>();
        incidents.forEach(i -> f.apply(i).ifPresent(out::add));
        return out;
    }

    private static List<WeekCount> byWeek(Period period, List<IncidentTimeline> incidents) {
        Map<String, int[]> weeks = new LinkedHashMap<>();
        Weeks.covering(period).forEach(w -> weeks.put(w, new int[2]));
        for (IncidentTimeline i : incidents) {
            int[] opened = weeks.get(Weeks.of(i.created()));
            if (opened != null) {
                opened[0]++;
            }
            if (i.firstResolved() != null) {
                int[] resolved = weeks.get(Weeks.of(i.firstResolved()));
                if (resolved != null) {
                    resolved[1]++;
                }
            }
        }
        List<WeekCount> out = new ArrayList<>();
        weeks.forEach((week, n) -> out.add(new WeekCount(week, n[0], n[1])));
        return out;
    }
}
