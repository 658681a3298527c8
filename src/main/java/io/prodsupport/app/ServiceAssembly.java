package io.prodsupport.app;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prodsupport.analytics.render.AnalyticsEndpoint;
import io.prodsupport.config.Config;
import io.prodsupport.config.IncidentModes;
import io.prodsupport.config.Secret;
import io.prodsupport.console.ConsoleAssets;
import io.prodsupport.console.ConsolePage;
import io.prodsupport.console.DeadLetterApi;
import io.prodsupport.console.LoginPageHtml;
import io.prodsupport.console.StatusLine;
import io.prodsupport.explain.ActivityLog;
import io.prodsupport.inbox.DeliverySightings;
import io.prodsupport.inbox.Inbox;
import io.prodsupport.inbox.InboxWorker;
import io.prodsupport.inbox.WorkerSettings;
import io.prodsupport.incident.FollowUpLedger;
import io.prodsupport.incident.IncidentWorkflow;
import io.prodsupport.incident.OnDuty;
import io.prodsupport.incident.PostMortems;
import io.prodsupport.jira.HttpJiraClient;
import io.prodsupport.jira.JiraClient;
import io.prodsupport.jira.JiraHealth;
import io.prodsupport.jira.JiraUser;
import io.prodsupport.jira.ServerInfo;
import io.prodsupport.mail.MailLedger;
import io.prodsupport.mail.MailWatcher;
import io.prodsupport.notify.ChannelBacklog;
import io.prodsupport.notify.Outbox;
import io.prodsupport.notify.OutboxStore;
import io.prodsupport.notify.OutboxWorker;
import io.prodsupport.oncall.CalendarOnDuty;
import io.prodsupport.store.StoreLocation;
import io.prodsupport.sweep.MissedWebhooks;
import io.prodsupport.sweep.Sweep;
import io.prodsupport.webhook.ApiRoutes;
import io.prodsupport.webhook.ConsoleSessions;
import io.prodsupport.webhook.JiraEvent.EventUser;
import io.prodsupport.webhook.JiraEventParser;
import io.prodsupport.webhook.PemTls;
import io.prodsupport.webhook.ServiceHttpServer;
import io.prodsupport.webhook.WebhookIntake;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the running service together from {@link Wiring}'s parts, in the order that lets it start safely: the
 * certificate, Jira and its account, the stores, the worker and its workflows, the intake and the HTTP face with its
 * health parts and console, the mailbox, the sweep and the timers. Split from {@link Wiring} so that the one place
 * where parts are made stays apart from the one place where a service is assembled from them.
 */
final class ServiceAssembly {

    private static final Logger log = LoggerFactory.getLogger(ServiceAssembly.class);

    private final Wiring wiring;
    private final Config config;
    private final Clock clock;

    ServiceAssembly(Wiring wiring, Config config, Clock clock) {
        this.wiring = wiring;
        this.config = config;
        this.clock = clock;
    }

    /**
     * What {@code /health} says of the channels: per channel its messages waiting, how many of them failed, the age
     * of the oldest and the last error; {@code DEGRADED} while a channel is failing. Never {@code DOWN}: a channel
     * that is down holds up no Jira work, so the instance stays ready.
     */
    Map<String, Object> channelsHealth(OutboxWorker messages) {
        Map<String, Object> part = new LinkedHashMap<>();
        boolean failing = false;
        for (String channel : messages.channels()) {
            ChannelBacklog b = messages.backlog(channel);
            Map<String, Object> state = new LinkedHashMap<>();
            boolean paused = messages.pausedUntil(channel).isPresent();
            failing |= paused;
            state.put("status", paused ? "FAILING" : "UP");
            state.put("pending", b.pending());
            state.put("failed", b.failed());
            state.put(
                    "oldestPendingSeconds",
                    b.oldestQueuedAt()
                            .map(at -> Math.max(
                                    0, Duration.between(at, clock.instant()).toSeconds()))
                            .orElse(0L));
            b.lastError().ifPresent(e -> state.put("lastError", e));
            messages.pausedUntil(channel).ifPresent(until -> state.put("retryAt", until.toString()));
            part.put(channel, state);
        }
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("status", failing ? "DEGRADED" : "UP");
        all.putAll(part);
        return all;
    }

    /** After this many failed attempts in a row, Jira counts as down for readiness (one retry is ordinary). */
    static final int JIRA_DOWN_AFTER = 3;

    /** What the health endpoints say of Jira: its version, when it last answered, the failures since. */
    static Map<String, Object> health(HttpJiraClient jira, ServerInfo info) {
        JiraHealth.Snapshot h = jira.health();
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("status", h.consecutiveFailures() >= JIRA_DOWN_AFTER ? "DOWN" : "UP");
        state.put("flavour", info.flavour().name());
        state.put("version", String.valueOf(info.version()));
        state.put("lastAnswer", h.lastAnswer().map(Object::toString).orElse(null));
        state.put("consecutiveFailures", h.consecutiveFailures());
        h.lastFailure().ifPresent(f -> state.put("lastFailure", f));
        return Map.of("jira", state);
    }

    /**
     * The running service: connects to Jira first, because it must know its own account to drop the webhooks its
     * own edits cause. Throws {@link io.prodsupport.jira.JiraException} when Jira cannot be reached or refuses it.
     */
    ProdsupportService service(String host) {
        // local files first: a bad certificate is said before anything connects anywhere
        Optional<PemTls> tls = wiring.tls();
        HttpJiraClient jira = wiring.jiraClient();
        ServerInfo info = jira.serverInfo();
        JiraUser me = jira.myself();
        log.info(
                "connected to Jira {} {} at {} as {}",
                info.flavour(),
                info.version(),
                config.jira().baseUrl(),
                me.displayName());
        if (config.postmortem() != null) {
            // a threshold Jira does not have would silently make no post-mortem at all
            PostMortems.thresholdProblem(jira.priorities(), config.postmortem().minPriority())
                    .ifPresent(problem -> {
                        throw new IllegalArgumentException(problem);
                    });
        }
        Config.Store store = config.store();
        // absolute, so an administrator sees which file a relative store.url became
        log.info("store: {}", StoreLocation.of(store.url()).description());
        Inbox inbox = wiring.inbox();
        if (!store.isPostgres()) {
            // one process per SQLite file: claims still in it belong to a process that was killed
            int expired = inbox.expireAllClaims(clock.instant());
            if (expired > 0) {
                log.info("resuming {} event(s) that were in progress when the service last stopped", expired);
            }
        }
        FollowUpLedger ledger = wiring.followUpLedger();
        PrometheusMeterRegistry metrics = wiring.metrics();
        jira.recordMetricsIn(metrics);
        JiraRetryMetrics.bind(jira.retryStats(), metrics);
        wiring.serviceMetrics().countDeadLetters(inbox);
        ActivityLog activity = wiring.activityLog();
        IncidentModes modes = config.incidents().mode();
        boolean observing = modes.observesAny(config.incidents().projects());
        OutboxStore outbox = wiring.outbox();
        OutboxWorker messages = wiring.outboxWorker(outbox);
        wiring.serviceMetrics().countOutbox(messages, clock);
        Outbox queue = (message, channels, now, due) -> {
            outbox.enqueue(message, channels, now, due);
            messages.nudge();
        };
        IncidentWorkflow enforcing = wiring.workflow(jira, ledger, queue);
        if (observing) {
            log.info(
                    "observe mode for {}: nothing is written to Jira or sent to a channel; what would be done is"
                            + " logged and recorded (prodsupport explain KEY)",
                    config.incidents().projects().stream()
                            .filter(modes::observes)
                            .toList());
        }
        PeopleNames people = wiring.peopleNames(jira);
        InboxWorker worker = new InboxWorker(
                inbox,
                new IncidentEventHandler(
                        new Signals(new JiraEventParser(wiring.json())),
                        enforcing,
                        observing ? wiring.observingWorkflow(jira) : enforcing,
                        modes,
                        activity,
                        people,
                        clock),
                wiring.workerSettings() != null
                        ? wiring.workerSettings()
                        : WorkerSettings.defaults().withStore(store.leaseTimeout(), store.dedupeRetention()),
                clock,
                metrics);
        EventUser self = new EventUser(
                Optional.ofNullable(me.accountId()),
                Optional.ofNullable(me.name()),
                Optional.ofNullable(me.key()),
                Optional.ofNullable(me.displayName()));
        WebhookIntake intake = new WebhookIntake(
                        inbox,
                        new JiraEventParser(wiring.json()),
                        config.webhook().secrets().stream().map(Secret::value).toList(),
                        config.webhook().allowUnsigned(),
                        Optional.of(self),
                        metrics,
                        clock)
                .onAccepted(worker::nudge);
        // the console's channels-and-timers panel: set once the timers exist, below
        AtomicReference<Supplier<List<StatusLine>>> consoleStatus = new AtomicReference<>(List::of);
        Optional<ApiRoutes> api = config.consoleToken()
                .map(token -> new ApiRoutes(
                        token.value(),
                        Map.of(AnalyticsEndpoint.PATH, new AnalyticsEndpoint(wiring.incidentHistories(jira)))))
                .map(routes -> console(
                        routes,
                        jira,
                        inbox,
                        activity,
                        people,
                        wiring.secureCookies(),
                        () -> consoleStatus.get().get()));
        Config.Sweep sweep = config.sweep();
        // without the sweep nothing finds the changes whose webhook never came
        // with several instances on PostgreSQL each sees only the deliveries its share of the load balancer brought, so
        // a change another instance got its webhook for would look missed: the check needs the one instance of SQLite
        Optional<MissedWebhooks> missed =
                sweep.enabled() && !store.isPostgres() ? Optional.of(new MissedWebhooks(metrics)) : Optional.empty();
        DeliverySightings sightings = new DeliverySightings(clock.instant());
        if (missed.isPresent()) {
            intake.recordSightingsIn(sightings); // pruned by the sweep that judges them
        }
        ServiceHttpServer server = new ServiceHttpServer(
                host,
                config.webhook().port(),
                metrics,
                () -> {
                    Map<String, Object> parts = new LinkedHashMap<>(health(jira, info));
                    missed.ifPresent(m -> parts.put("webhooks", m.health(clock.instant())));
                    parts.put("channels", channelsHealth(messages));
                    return parts;
                },
                intake,
                tls,
                api);
        if (config.mail() != null && observing) {
            log.warn("mail: the mailbox is not read while a project is in observe mode; its e-mails stay there and"
                    + " are taken once every project enforces");
        }
        Optional<MailLedger> mailLedger =
                Optional.ofNullable(config.mail()).filter(m -> !observing).map(m -> wiring.mailLedger());
        mailLedger.filter(l -> !store.isPostgres()).ifPresent(l -> {
            // as for the inbox: claims left in a SQLite file belong to a process that was killed
            int released = l.releaseAll();
            if (released > 0) {
                log.info("resuming {} e-mail(s) that were being taken when the service last stopped", released);
            }
        });
        Optional<MailWatcher> mail = mailLedger.flatMap(l -> wiring.mail().watcher(jira, l, metrics));
        Optional<Sweep> timer = sweep.enabled()
                ? Optional.of(new Sweep(
                                jira,
                                inbox,
                                wiring.incidentScope().jql(),
                                sweep.interval(),
                                sweep.firstLookback(),
                                clock,
                                metrics,
                                worker::nudge)
                        // several instances on one store: one of them sweeps each interval
                        .takingTurns(now -> outbox.takeTurn("sweep", worker.owner(), now, sweep.interval())))
                : Optional.empty();
        timer.ifPresent(t -> missed.ifPresent(m -> t.watching(sightings, m)));
        consoleStatus.set(() -> consoleStatus(timer, mail, observing));
        if (observing) {
            log.info("reminders (stale incidents, forgotten prevention) are not looked for while a project is in"
                    + " observe mode; on-call hand-overs are logged, not sent");
        }
        wiring.onCall().calendar().ifPresent(calendar -> {
            // read once at the start, so the log says at once whether the feed works
            CalendarOnDuty.State state = calendar.refreshNow();
            state.copy()
                    .ifPresent(copy -> log.info(
                            "on-call calendar: {} event(s); on duty now: {}",
                            copy.schedule().events(),
                            calendar.onDuty(clock.instant()).map(people::named).orElse("nobody")));
        });
        return new ProdsupportService(server, worker, timer, mail, inbox, ledger, mailLedger, activity, wiring.http())
                .delivering(messages, outbox, store.dedupeRetention())
                .reminding(
                        observing ? Optional.empty() : Optional.of(wiring.reminders(jira, queue)),
                        config.notifications().checkEvery(),
                        new TimerTurns(outbox, worker.owner(), clock))
                // observe mode: the hand-over is logged by the silent channel, not queued
                .handingOver(wiring.handovers(jira, observing ? SilentChannel.OUTBOX : queue));
    }

    /** The console and the dead-letter API on the {@code /api} routes, with the login page and sessions. */
    private ApiRoutes console(
            ApiRoutes routes,
            JiraClient jira,
            Inbox inbox,
            ActivityLog activity,
            PeopleNames people,
            boolean secureCookies,
            Supplier<List<StatusLine>> status) {
        DeadLetterApi deadLetters = new DeadLetterApi(inbox);
        OnDuty onDuty = wiring.onCall().onDuty();
        ConsolePage page = new ConsolePage(
                inbox,
                activity,
                wiring.incidentHistories(jira),
                config.jira().baseUrl().toString(),
                () -> onDuty.onDuty(clock.instant()).map(people::named),
                status,
                clock);
        return routes.get(DeadLetterApi.LIST, deadLetters.list())
                .post(DeadLetterApi.REPLAY, deadLetters.replay())
                .get(ConsolePage.PATH, page)
                .get(ConsoleAssets.PATH, new ConsoleAssets())
                .withLogin(
                        new LoginPageHtml(),
                        new ConsoleSessions(clock),
                        secureCookies,
                        d -> Thread.sleep(d.toMillis()));
    }

    /** The console's channels and timers: what the config turned on, the sweep's interval and last run. */
    private List<StatusLine> consoleStatus(Optional<Sweep> sweep, Optional<MailWatcher> mail, boolean observing) {
        List<StatusLine> lines = new ArrayList<>();
        Config.Notify notify = config.notifications();
        String state = observing ? "on; silent for projects in observe mode" : "on";
        if (notify.slack() != null) {
            lines.add(new StatusLine("Slack", state, "announces incidents to its incoming webhook"));
        }
        if (notify.teams() != null) {
            lines.add(new StatusLine("Microsoft Teams", state, "announces incidents to its incoming webhook"));
        }
        if (notify.email() != null) {
            lines.add(new StatusLine(
                    "E-mail",
                    state,
                    "to " + String.join(", ", notify.email().to()) + " via "
                            + notify.email().smtpHost() + ":" + notify.email().smtpPort()));
        }
        if (lines.isEmpty()) {
            lines.add(new StatusLine("channels", "none", "notify has no channel: incidents are not announced"));
        }
        lines.add(sweep.map(s -> new StatusLine(
                        "sweep",
                        "on",
                        "every " + human(s.interval()) + "; "
                                + s.lastRun()
                                        .map(at -> "last run started "
                                                + java.time.format.DateTimeFormatter.ofPattern(
                                                                "yyyy-MM-dd HH:mm:ss 'UTC'")
                                                        .withZone(java.time.ZoneOffset.UTC)
                                                        .format(at))
                                        .orElse("the first run has not finished yet")))
                .orElse(new StatusLine(
                        "sweep", "off", "sweep.enabled is false: a change whose webhook never came is not found")));
        wiring.onCall().calendar().ifPresent(calendar -> {
            CalendarOnDuty.State known = calendar.lastKnown();
            String copy = known.copy()
                    .map(c -> c.schedule().events() + " event(s), read "
                            + java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
                                    .withZone(java.time.ZoneOffset.UTC)
                                    .format(c.readAt()))
                    .orElse("no good copy yet: nobody is on duty by it");
            lines.add(known.failure()
                    .map(f -> new StatusLine("on-call calendar", "failing", f + "; " + copy))
                    .orElse(new StatusLine(
                            "on-call calendar",
                            "on",
                            copy + "; read again every "
                                    + human(config.onCall().ical().refreshEvery()))));
        });
        if (mail.isPresent()) {
            Config.Imap imap = config.mail().imap();
            lines.add(new StatusLine(
                    "mail watcher",
                    "on",
                    "reads " + imap.folder() + " at " + imap.host() + ":" + imap.port() + " (IMAP IDLE, renewed every "
                            + human(MailWatcher.IDLE_RENEWAL) + ", polled every " + human(MailWatcher.POLL_INTERVAL)
                            + " without IDLE)"));
        } else if (config.mail() != null) {
            lines.add(
                    new StatusLine("mail watcher", "paused", "a project is in observe mode: the mailbox is not read"));
        } else {
            lines.add(new StatusLine("mail watcher", "off", "no mail section in the config"));
        }
        return lines;
    }

    private static String human(Duration d) {
        return d.toString().substring(2).toLowerCase(Locale.ROOT);
    }
}
