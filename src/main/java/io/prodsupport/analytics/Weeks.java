package io.prodsupport.analytics;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

/** ISO weeks (Monday to Sunday, UTC), written {@code 2026-W45}. */
final class Weeks {

    private Weeks() {}

    static String of(LocalDate date) {
        return String.format(
                "%d-W%02d", date.get(IsoFields.WEEK_BASED_YEAR), date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    static String of(Instant instant) {
        return of(instant.atZone(ZoneOffset.UTC).toLocalDate());
    }

    /** Every week that has a day of the period, in order. */
    static List<String> covering(Period period) {
        List<String> weeks = new ArrayList<>();
        LocalDate last = period.to().minusDays(1);
        for (LocalDate monday = period.from().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                !monday.isAfter(last);
                monday = monday.plusWeeks(1)) {
            weeks.add(of(monday));
        }
        return weeks;
    }
}
