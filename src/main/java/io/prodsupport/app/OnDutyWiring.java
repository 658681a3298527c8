package io.prodsupport.app;

import io.prodsupport.config.Config;
import io.prodsupport.incident.OnCallRotation;
import io.prodsupport.incident.OnDuty;
import io.prodsupport.oncall.CalendarOnDuty;
import io.prodsupport.oncall.IcalFeed;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import okhttp3.OkHttpClient;

/**
 * Part of the wiring ({@link Wiring#onCall()}): who is on duty, from the team's calendar ({@code onCall.ical}) or the
 * rotation ({@code onCall.rotation}). One per instance, so the calendar's cached copy is shared by staffing, the
 * reminders, the hand-overs, the console and the commands.
 */
final class OnDutyWiring {

    private final Config config;
    private final OkHttpClient http;
    private final Clock clock;

    OnDutyWiring(Config config, OkHttpClient http, Clock clock) {
        this.config = config;
        this.http = http;
        this.clock = clock;
    }

    /** The instance's one on-duty source (its calendar copy is shared by staffing, reminders, hand-overs, console). */
    private OnDuty onDuty;

    /** The calendar ({@code onCall.ical}) when configured, else the rotation; the config forbids both. */
    synchronized OnDuty onDuty() {
        if (onDuty == null) {
            onDuty = calendar().<OnDuty>map(c -> c).orElseGet(this::rotation);
        }
        return onDuty;
    }

    private CalendarOnDuty calendar;

    /** How long one read of the on-call calendar may take. */
    static final Duration CALENDAR_TIMEOUT = Duration.ofSeconds(10);

    /** The on-call calendar of {@code onCall.ical}, read over the shared client; empty without it. */
    synchronized Optional<CalendarOnDuty> calendar() {
        Config.Ical ical = config.onCall().ical();
        if (ical == null) {
            return Optional.empty();
        }
        if (calendar == null) {
            IcalFeed feed = new IcalFeed(ical.url().value(), http, CALENDAR_TIMEOUT);
            calendar = new CalendarOnDuty(
                    feed::fetch,
                    feed.host(),
                    config.onCall().people(),
                    ical.refreshEvery(),
                    clock,
                    // a due read runs here, so staffing a new incident never waits on a slow feed
                    Executors.newSingleThreadExecutor(r -> {
                        Thread t = new Thread(r, "oncall-calendar");
                        t.setDaemon(true);
                        return t;
                    }));
        }
        return Optional.of(calendar);
    }

    /** The rotation of {@code onCall.rotation}; nobody when it is empty. */
    OnCallRotation rotation() {
        Config.OnCall onCall = config.onCall();
        // an empty rotation (start and period then unused) has nobody on duty
        return new OnCallRotation(onCall.rotation(), onCall.start(), onCall.period());
    }
}
