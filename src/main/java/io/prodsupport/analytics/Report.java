package io.prodsupport.analytics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The figures of a period (overall and, when several projects are configured, per project) and, for the page, the
 * resolution times week by week and the slowest incidents.
 *
 * @param projects per project key, empty when one project is configured
 * @param resolutionTimes per ISO week of the period, the time to resolve of the incidents first resolved in it
 * @param slowest the incidents that took longest to resolve, still-open ones by their age at {@code generatedAt}
 */
public record Report(
        Period period,
        Instant generatedAt,
        Figures figures,
        Map<String, Figures> projects,
        List<WeekTimes> resolutionTimes,
        List<SlowIncident> slowest) {

    /** How many incidents {@link #slowest} lists. */
    public static final int SLOWEST = 10;

    public record WeekTimes(String week, Percentiles timeToResolve) {}

    /** @param open whether it is still unresolved (its time is its age so far) */
    public record SlowIncident(String key, String summary, Duration time, boolean open) {}

    public Report {
        Objects.requireNonNull(period, "period");
        projects = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(projects));
        resolutionTimes = List.copyOf(resolutionTimes);
        slowest = List.copyOf(slowest);
    }

    public static Report of(
            Period period,
            Instant generatedAt,
            List<String> configuredProjects,
            List<IncidentTimeline> incidents,
            List<FollowUp> followUps) {
        List<IncidentTimeline> in =
                incidents.stream().filter(i -> period.contains(i.created())).toList();
        Map<String, Figures> projects = new LinkedHashMap<>();
        if (configuredProjects.size() > 1) {
            for (String project : configuredProjects) {
                List<IncidentTimeline> theirs = in.stream()
                        .filter(i -> project.equalsIgnoreCase(i.project()))
                        .toList();
                projects.put(project, Figures.of(period, theirs, followUps));
            }
        }
        return new Report(
                period,
                generatedAt,
                Figures.of(period, in, followUps),
                projects,
                resolutionTimes(period, in),
                slowest(in, generatedAt));
    }

    private static List<WeekTimes> resolutionTimes(Period period, List<IncidentTimeline> incidents) {
        Map<String, List<Duration>> byWeek = incidents.stream()
                .filter(i -> i.firstResolved() != null)
                .collect(Collectors.groupingBy(
                        i -> Weeks.of(i.firstResolved()),
                        Collectors.mapping(i -> i.timeToResolve().orElseThrow(), Collectors.toList())));
        List<WeekTimes> out = new ArrayList<>();
        for (String week : Weeks.covering(period)) {
            out.add(new WeekTimes(week, Percentiles.of(byWeek.getOrDefault(week, List.of()))));
        }
        return out;
    }

    private static List<SlowIncident> slowest(List<IncidentTimeline> incidents, Instant now) {
        return incidents.stream()
                .map(i -> i.timeToResolve()
                        .map(t -> new SlowIncident(i.key(), i.summary(), t, false))
                        .orElseGet(
                                () -> new SlowIncident(i.key(), i.summary(), Duration.between(i.created(), now), true)))
                .sorted(Comparator.comparing(SlowIncident::time).reversed())
                .limit(SLOWEST)
                .toList();
    }
}
