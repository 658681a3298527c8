package io.prodsupport.oncall;

import io.prodsupport.incident.OnDuty;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who is on duty by the team's calendar ({@code onCall.ical}): the feed is read when first asked and again once
 * {@code refreshEvery} has passed since the last try; while it cannot be read or parsed, the last good copy answers.
 * A due read runs on {@code refresher} while the asker goes on with the copy it has: staffing a new incident never
 * waits for a slow feed (one read at a time; {@link #refreshNow} alone reads on the caller's thread).
 * A failure is logged once when it starts, then at most once an hour while it lasts (with the good copy's age), and
 * once when the feed is back. Before any copy was good, nobody is on duty by the calendar.
 *
 * <p>A stretch whose name is not in {@code onCall.people} has nobody on duty (prodsupport cannot assign a name Jira
 * does not know); such names are logged once each, and {@code check} and {@code oncall} show them.
 */
public final class CalendarOnDuty implements OnDuty {

    private static final Logger log = LoggerFactory.getLogger(CalendarOnDuty.class);

    /** While the feed keeps failing, the warning is repeated no more often than this. */
    static final Duration WARN_EVERY = Duration.ofHours(1);
    /** How far back and ahead the timeline is worked out; a stretch under way keeps its real start. */
    static final Duration LOOKBACK = Duration.ofDays(31);

    public static final Duration HORIZON = Duration.ofDays(92);

    private final Supplier<String> feed;
    private final String source;
    private final Map<String, String> people;
    private final Duration refreshEvery;
    private final Clock clock;

    private Copy good;
    private Instant nextTry = Instant.MIN;
    private String failure;
    private Instant failingSince;
    private Instant lastWarned;
    private final java.util.Set<String> unmappedLogged = new java.util.HashSet<>();
    private Timeline cached;
    private final Executor refresher;
    /** A read is under way on the refresher: no second one is started. */
    private boolean refreshing;

    /**
     * @param feed   the feed's text each time it is called ({@link IcalFeed#fetch}); throws with one line when it
     *               cannot be read
     * @param source what the log calls the feed (its host, never the URL)
     */
    public CalendarOnDuty(
            Supplier<String> feed, String source, Map<String, String> people, Duration refreshEvery, Clock clock) {
        this(feed, source, people, refreshEvery, clock, Runnable::run);
    }

    /**
     * @param refresher runs a due read of the feed (a thread of its own in the service; the caller's own thread when
     *                  it runs each task at once)
     */
    public CalendarOnDuty(
            Supplier<String> feed,
            String source,
            Map<String, String> people,
            Duration refreshEvery,
            Clock clock,
            Executor refresher) {
        this.refresher = refresher;
        this.feed = feed;
        this.source = source;
        this.people = Map.copyOf(people);
        this.refreshEvery = refreshEvery;
        this.clock = clock;
    }

    /** A good copy of the feed and when it was read. */
    public record Copy(IcalSchedule schedule, Instant readAt) {}

    /**
     * What is known of the feed now, reading it first when due.
     *
     * @param copy    the last good copy, if any
     * @param failure why the last read failed; empty when it succeeded
     */
    public record State(Optional<Copy> copy, Optional<String> failure) {}

    /** The calendar's clock's now. */
    public Instant now() {
        return clock.instant();
    }

    /** Starts a read when one is due (see the class) and says what is known. */
    public synchronized State state() {
        refreshIfDue(clock.instant());
        return lastKnown();
    }

    /** What is known, without reading the feed (the console's status line must not wait on it). */
    public synchronized State lastKnown() {
        return new State(Optional.ofNullable(good), Optional.ofNullable(failure));
    }

    /** Reads the feed now on the caller's thread, whether due or not (check, the oncall command, the service's start). */
    public State refreshNow() {
        Instant now = clock.instant();
        synchronized (this) {
            nextTry = now.plus(refreshEvery);
        }
        read(now);
        return lastKnown();
    }

    @Override
    public Optional<String> onDuty(Instant now) {
        return timeline(now).stream()
                .filter(s -> !s.from().isAfter(now) && s.until().isAfter(now))
                .findFirst()
                .flatMap(s -> {
                    if (s.jiraUser().isEmpty()) {
                        logUnmapped(s.calendarName());
                    }
                    return s.jiraUser();
                });
    }

    @Override
    public List<Shift> shifts(Instant now, int next) {
        List<Shift> mapped = calendarShifts(now, Integer.MAX_VALUE).stream()
                .filter(s -> s.jiraUser().isPresent())
                .map(s -> new Shift(s.jiraUser().get(), s.from(), s.until()))
                .toList();
        int limit = !mapped.isEmpty() && !mapped.get(0).from().isAfter(now) ? next + 1 : next;
        return mapped.subList(0, Math.min(mapped.size(), Math.max(0, limit)));
    }

    /**
     * The stretch under way at {@code now} (if anyone is on duty by the calendar) and the next ones, with the names
     * as the calendar gives them, mapped or not: at most {@code next} after the one under way.
     */
    public List<CalendarShift> calendarShifts(Instant now, int next) {
        List<CalendarShift> all =
                timeline(now).stream().filter(s -> s.until().isAfter(now)).toList();
        long limit = !all.isEmpty() && !all.get(0).from().isAfter(now) ? next + 1L : next;
        return all.subList(0, (int) Math.min(all.size(), Math.max(0, limit)));
    }

    private synchronized List<CalendarShift> timeline(Instant now) {
        refreshIfDue(clock.instant());
        if (good == null) {
            return List.of();
        }
        Instant day = now.truncatedTo(ChronoUnit.DAYS);
        if (cached == null || cached.copy() != good || !cached.day().equals(day)) {
            List<CalendarShift> shifts;
            try {
                shifts = good.schedule().timeline(day.minus(LOOKBACK), day.plus(HORIZON));
            } catch (IllegalArgumentException e) {
                shifts = List.of(); // a copy is good only once its timeline was worked out; a far date may still fail
            }
            cached = new Timeline(good, day, shifts);
        }
        return cached.shifts();
    }

    private record Timeline(Copy copy, Instant day, List<CalendarShift> shifts) {}

    /** Under the lock: starts a read on the refresher when one is due and none is under way. */
    private void refreshIfDue(Instant now) {
        if (now.isBefore(nextTry) || refreshing) {
            return;
        }
        nextTry = now.plus(refreshEvery);
        refreshing = true;
        try {
            refresher.execute(() -> {
                try {
                    read(now);
                } finally {
                    synchronized (this) {
                        refreshing = false;
                    }
                }
            });
        } catch (RuntimeException rejected) {
            refreshing = false; // the service is closing: the next asker tries again
        }
    }

    /** Reads and parses the feed outside the lock, then keeps the copy or the failure under it. */
    private void read(Instant now) {
        IcalSchedule schedule;
        try {
            schedule = IcalSchedule.parse(feed.get(), people);
            schedule.timeline(now.minus(LOOKBACK), now.plus(HORIZON)); // a rule that cannot be expanded fails here
        } catch (RuntimeException e) {
            failed(e, now);
            return;
        }
        succeeded(schedule, now);
    }

    private synchronized void succeeded(IcalSchedule schedule, Instant now) {
        good = new Copy(schedule, now);
        if (failure != null) {
            log.info(
                    "the on-call calendar at {} is readable again ({} event(s)); it failed for {}",
                    source,
                    schedule.events(),
                    IcalSchedule.age(Duration.between(failingSince, now)));
        }
        failure = null;
        failingSince = null;
        lastWarned = null;
    }

    private synchronized void failed(RuntimeException e, Instant now) {
        failure = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        if (failingSince == null) {
            failingSince = now;
        }
        if (lastWarned == null || !now.isBefore(lastWarned.plus(WARN_EVERY))) {
            lastWarned = now;
            log.warn(
                    "on-call calendar (onCall.ical.url): {}; {} (tried again every {}, this warning at most"
                            + " hourly)",
                    failure,
                    good != null
                            ? "using the last good copy, read " + IcalSchedule.age(Duration.between(good.readAt(), now))
                                    + " ago"
                            : "no good copy yet: nobody is on duty by the calendar",
                    refreshEvery);
        } else {
            log.debug("on-call calendar still failing: {}", failure);
        }
    }

    private synchronized void logUnmapped(String name) {
        if (unmappedLogged.add(name)) {
            log.warn(
                    "on-call calendar: \"{}\" is on duty but not in onCall.people; nobody is assigned until they are"
                            + " added",
                    name);
        }
    }
}
