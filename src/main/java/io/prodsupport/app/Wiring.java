package io.prodsupport.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prodsupport.analytics.IncidentHistories;
import io.prodsupport.backfill.Backfill;
import io.prodsupport.backfill.BackfillCheckpoints;
import io.prodsupport.backfill.ResolvedTickets;
import io.prodsupport.check.WebhookSetup;
import io.prodsupport.config.Config;
import io.prodsupport.config.Secret;
import io.prodsupport.explain.ActivityLog;
import io.prodsupport.inbox.Inbox;
import io.prodsupport.inbox.WorkerSettings;
import io.prodsupport.incident.CloseGate;
import io.prodsupport.incident.FixVersions;
import io.prodsupport.incident.FollowUpLedger;
import io.prodsupport.incident.FollowUpSettings;
import io.prodsupport.incident.FollowUps;
import io.prodsupport.incident.Handovers;
import io.prodsupport.incident.IncidentAnnouncement;
import io.prodsupport.incident.IncidentProgress;
import io.prodsupport.incident.IncidentReconciler;
import io.prodsupport.incident.IncidentScope;
import io.prodsupport.incident.IncidentWorkflow;
import io.prodsupport.incident.PostMortemSettings;
import io.prodsupport.incident.PostMortems;
import io.prodsupport.incident.ProgressUpdates;
import io.prodsupport.incident.Reminders;
import io.prodsupport.incident.Section;
import io.prodsupport.incident.Staffing;
import io.prodsupport.incident.WhysFromComments;
import io.prodsupport.jira.HttpJiraClient;
import io.prodsupport.jira.JiraClient;
import io.prodsupport.jira.JiraConnection;
import io.prodsupport.jira.JiraCredentials;
import io.prodsupport.jira.RetryBudget;
import io.prodsupport.mail.MailLedger;
import io.prodsupport.notify.DeliveryBudget;
import io.prodsupport.notify.EmailNotifier;
import io.prodsupport.notify.EmailSettings;
import io.prodsupport.notify.Notifier;
import io.prodsupport.notify.Outbox;
import io.prodsupport.notify.OutboxStore;
import io.prodsupport.notify.OutboxWorker;
import io.prodsupport.notify.SlackNotifier;
import io.prodsupport.notify.TeamsNotifier;
import io.prodsupport.store.Stores;
import io.prodsupport.webhook.PemTls;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place where collaborators are created from the config and handed to each other. */
public final class Wiring {

    private static final Logger log = LoggerFactory.getLogger(Wiring.class);

    private final Config config;
    private final Clock clock;
    /** The worker's settings when a test sets them; otherwise the defaults with the store's lease and retention. */
    private WorkerSettings workerSettings;

    private final ObjectMapper json = new ObjectMapper();
    /**
     * The instance's one HTTP client. Each user derives its configured copy with {@code newBuilder()}, sharing the
     * connection pool and threads: the Jira client adds its interceptors on its copy, the chat channels use a copy
     * without any (so Jira's credentials cannot reach a webhook). Released once by {@link #release}: by the service's
     * close, or by a command when it is done.
     */
    private final OkHttpClient http = new OkHttpClient.Builder()
            // OkHttp keeps 5 idle connections by default: a backfill's 32 workers (or a busy worker and its outbox)
            // closed and reopened connections to Jira all the time; 64 idle ones cover every --concurrency in use
            .connectionPool(new okhttp3.ConnectionPool(64, 5, java.util.concurrent.TimeUnit.MINUTES))
            .build();

    private final ServiceMetrics metrics = new ServiceMetrics();
    private final OnDutyWiring onCall;

    public Wiring(Config config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.onCall = new OnDutyWiring(config, http, clock);
    }

    /** The worker's pace (attempts, back-off); fault trials shorten it so an outage fits in a test. */
    public Wiring workerSettings(WorkerSettings settings) {
        this.workerSettings = settings;
        return this;
    }

    Wiring(Config config) {
        this(config, Clock.systemUTC());
    }

    public HttpJiraClient jiraClient() {
        Config.Jira jira = config.jira();
        JiraCredentials credentials = jira.usesPersonalAccessToken()
                ? new JiraCredentials.PersonalAccessToken(
                        jira.personalAccessToken().value())
                : new JiraCredentials.CloudToken(jira.email(), jira.apiToken().value());
        Duration maxWait = jira.retries().maxWait();
        RetryBudget budget = new RetryBudget(
                jira.retries().maxAttempts(),
                Duration.ofMillis(500),
                maxWait.compareTo(Duration.ofSeconds(30)) < 0 ? maxWait : Duration.ofSeconds(30),
                maxWait);
        return new HttpJiraClient(new JiraConnection(jira.baseUrl(), credentials, jira.timeout(), budget), http);
    }

    /** The shared HTTP client, for tests that check it is released. */
    OkHttpClient http() {
        return http;
    }

    /** Releases the shared HTTP client's pooled connections and threads; for when nothing built here calls out again. */
    public void releaseHttp() {
        release(http);
    }

    static void release(OkHttpClient http) {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    /** The instance's one registry, behind {@code /metrics}. */
    PrometheusMeterRegistry metrics() {
        return metrics.registry();
    }

    /** Incident analytics over this instance's incident scope and follow-up project. */
    public IncidentHistories incidentHistories(JiraClient jira) {
        return new IncidentHistories(jira, incidentScope(), config.followUps().project(), clock);
    }

    public IncidentScope incidentScope() {
        Config.Incidents incidents = config.incidents();
        return new IncidentScope(incidents.projects(), incidents.issueTypes(), incidents.labelFilter());
    }

    /** The stale-incident nudges and the forgotten-prevention reminders, telling the channels through {@code outbox}. */
    Reminders reminders(JiraClient jira, Outbox outbox) {
        return new Reminders(
                jira,
                incidentScope(),
                outbox,
                channelNames(),
                onCall.onDuty(),
                config.notifications().staleAfter(),
                config.followUps().remindAfter(),
                clock);
    }

    IncidentReconciler reconciler(JiraClient jira) {
        return new IncidentReconciler(
                jira,
                incidentScope(),
                new FixVersions(jira, config.incidents().fixVersion()),
                new Staffing(config.incidents().watchers(), onCall.onDuty(), clock));
    }

    /** A hand-over is announced while it is at most this old (and never longer than delivered messages are kept). */
    static final Duration HANDOVER_WITHIN = Duration.ofHours(1);

    /** The hand-over messages, queued in {@code outbox} for the configured channels. */
    Handovers handovers(JiraClient jira, Outbox outbox) {
        Duration keep = config.store().dedupeRetention().dividedBy(2);
        return new Handovers(
                jira,
                incidentScope(),
                outbox,
                channelNames(),
                onCall.onDuty(),
                keep.compareTo(HANDOVER_WITHIN) < 0 ? keep : HANDOVER_WITHIN,
                clock);
    }

    /** Who is on duty: the calendar of {@code onCall.ical}, or the rotation; one per instance. */
    OnDutyWiring onCall() {
        return onCall;
    }

    /** The mailbox of {@code mail}, read into incidents. */
    MailWiring mail() {
        return new MailWiring(config, clock, incidentScope());
    }

    CloseGate closeGate(JiraClient jira) {
        return metrics.count(uncountedCloseGate(jira));
    }

    /** Observe mode's close gate: what it would refuse is recorded, not counted in {@code /metrics}. */
    private CloseGate uncountedCloseGate(JiraClient jira) {
        List<Section> required = config.incidents().requiredOnClose().stream()
                .map(title -> Section.match(title).orElseThrow()) // validated when the config was loaded
                .toList();
        return new CloseGate(jira, incidentScope(), required);
    }

    /**
     * The new-incident announcement, queued in {@code outbox} for the configured channels. Naming the channels builds
     * none: no connection is made here.
     */
    IncidentAnnouncement announcement(JiraClient jira, Outbox outbox) {
        return new IncidentAnnouncement(jira, incidentScope(), outbox, channelNames(), clock);
    }

    /** The names of the channels the config names, in the order {@link #notifiers} builds them. */
    List<String> channelNames() {
        Config.Notify notify = config.notifications();
        List<String> names = new ArrayList<>();
        if (notify.slack() != null) {
            names.add(SlackNotifier.CHANNEL);
        }
        if (notify.teams() != null) {
            names.add(TeamsNotifier.CHANNEL);
        }
        if (notify.email() != null) {
            names.add(EmailNotifier.CHANNEL);
        }
        return names;
    }

    /** The backfill works quietly: its workflow never announces, so a message reaching this is a bug, said loudly. */
    static final Outbox NO_MESSAGES = (message, channels, now, due) -> {
        throw new IllegalStateException("the backfill sends no messages, but " + message.id() + " was queued");
    };

    /** The outbox in the store named by {@code store.url}, migrated and ready. */
    OutboxStore outbox() {
        return Stores.openOutbox(config.store().url(), config.store().username(), storePassword());
    }

    /**
     * The worker that delivers the outbox to the configured channels (the shared client, not the Jira client's copy:
     * that one's interceptors carry Jira's credentials).
     */
    OutboxWorker outboxWorker(OutboxStore outbox) {
        return new OutboxWorker(
                outbox, notifiers(http), clock, config.notifications().maxBackoff());
    }

    /** One request per delivery: retries are the outbox worker's, with its back-off, not a stall inside one call. */
    static final DeliveryBudget ONE_ATTEMPT = new DeliveryBudget(1, Duration.ofMillis(500), Duration.ofSeconds(15));

    /**
     * The channels the config names, and only those. A channel the config names but cannot be used (a malformed URL)
     * fails here, at start-up, not at the first incident.
     *
     * @param http Slack and Teams use a view of it without its interceptors (see {@code WebhookEndpoint.forWebhooks}),
     *             so passing the Jira client's cannot leak Jira credentials
     */
    List<Notifier> notifiers(OkHttpClient http) {
        // the outbox worker retries with its own back-off (notify.maxBackoff): one request per delivery attempt
        Config.Notify notify = config.notifications();
        List<Notifier> channels = new ArrayList<>();
        if (notify.slack() != null) {
            channels.add(new SlackNotifier(value(notify.slack().webhookUrl()), http, ONE_ATTEMPT));
        }
        if (notify.teams() != null) {
            channels.add(new TeamsNotifier(value(notify.teams().webhookUrl()), http, ONE_ATTEMPT));
        }
        Config.Email email = notify.email();
        if (email != null) {
            channels.add(new EmailNotifier(new EmailSettings(
                    email.smtpHost(),
                    email.smtpPort(),
                    email.startTls(),
                    email.username(),
                    value(email.password()),
                    email.from(),
                    email.to(),
                    mail().address().orElse(null))));
        }
        return metrics.count(channels);
    }

    /** The mail ledger in the store named by {@code store.url}, migrated and ready. */
    public MailLedger mailLedger() {
        return Stores.openMailLedger(config.store().url(), config.store().username(), storePassword());
    }

    private static String value(Secret secret) {
        return secret != null ? secret.value() : null;
    }

    private String storePassword() {
        return Optional.ofNullable(config.store().password()).map(Secret::value).orElse(null);
    }

    /** The store named by {@code store.url}, migrated and ready. */
    Inbox inbox() {
        return Stores.open(config.store().url(), config.store().username(), storePassword());
    }

    /** The backfill checkpoints in the store named by {@code store.url}, migrated and ready. */
    public BackfillCheckpoints backfillCheckpoints() {
        return Stores.openBackfillCheckpoints(
                config.store().url(), config.store().username(), storePassword());
    }

    /** The follow-up ledger in the store named by {@code store.url}, migrated and ready. */
    public FollowUpLedger followUpLedger() {
        return Stores.openFollowUpLedger(config.store().url(), config.store().username(), storePassword());
    }

    FollowUps followUps(JiraClient jira, FollowUpLedger ledger) {
        return metrics.count(uncountedFollowUps(jira, ledger));
    }

    /** Follow-ups over {@code jira} and {@code ledger}, not counted in {@code /metrics} (observe mode makes none). */
    private FollowUps uncountedFollowUps(JiraClient jira, FollowUpLedger ledger) {
        Config.FollowUps f = config.followUps();
        return new FollowUps(
                jira,
                incidentScope(),
                new FollowUpSettings(f.project(), f.issueType(), f.linkType(), f.labels(), f.inheritPriority()),
                ledger,
                clock,
                FollowUps.DEFAULT_LEASE);
    }

    /**
     * The post-mortems of the {@code postmortem} section over {@code jira} and {@code ledger} (the follow-ups' ledger, a
     * row per incident under {@link PostMortems#ACTION_ID}); off, and saying so in {@code explain}, without it.
     */
    PostMortems postMortems(JiraClient jira, FollowUpLedger ledger) {
        return metrics.count(uncountedPostMortems(jira, ledger));
    }

    private PostMortems uncountedPostMortems(JiraClient jira, FollowUpLedger ledger) {
        Config.Postmortem p = config.postmortem();
        if (p == null) {
            return PostMortems.off(jira, incidentScope(), ledger, clock);
        }
        return new PostMortems(
                jira,
                incidentScope(),
                new PostMortemSettings(
                        p.minPriority(),
                        p.project() != null ? p.project() : config.followUps().project(),
                        p.issueType(),
                        config.followUps().linkType()),
                ledger,
                clock,
                FollowUps.DEFAULT_LEASE);
    }

    /** What every event goes through: the rules of an incident's life, over {@code jira}, recording in {@code ledger}. */
    IncidentWorkflow workflow(JiraClient jira, FollowUpLedger ledger, Outbox outbox) {
        return workflow(
                jira, followUps(jira, ledger), postMortems(jira, ledger).telling(outbox, channelNames()), outbox);
    }

    private IncidentWorkflow workflow(JiraClient jira, FollowUps followUps, PostMortems postMortems, Outbox outbox) {
        return workflow(jira, closeGate(jira), followUps, postMortems, outbox);
    }

    private IncidentWorkflow workflow(
            JiraClient jira, CloseGate gate, FollowUps followUps, PostMortems postMortems, Outbox outbox) {
        Config.Notify notify = config.notifications();
        IncidentProgress progress = new IncidentProgress(
                jira,
                incidentScope(),
                outbox,
                channelNames(),
                ProgressUpdates.valueOf(notify.updates().toUpperCase(Locale.ROOT)),
                notify.foldWithin(),
                clock);
        return workflow(jira, gate, followUps, postMortems, announcement(jira, outbox), progress);
    }

    private IncidentWorkflow workflow(
            JiraClient jira,
            CloseGate gate,
            FollowUps followUps,
            PostMortems postMortems,
            IncidentAnnouncement announcement,
            IncidentProgress progress) {
        return new IncidentWorkflow(
                jira,
                reconciler(jira),
                gate,
                followUps,
                postMortems,
                announcement,
                new WhysFromComments(jira, config.incidents().whysFromComments()),
                progress,
                clock);
    }

    /**
     * Observe mode's workflow: the same rules over a Jira that takes no writes, channels that send nothing and a
     * follow-up ledger in memory (follow-ups and the post-mortem alike: "would create" once per process), so nothing it
     * does outlives it except the log and the activity record.
     */
    IncidentWorkflow observingWorkflow(JiraClient jira) {
        JiraClient observed = new ObservingJiraClient(jira);
        FollowUpLedger inMemory = new ObservedFollowUpLedger();
        return workflow(
                observed,
                uncountedCloseGate(observed),
                uncountedFollowUps(observed, inMemory),
                uncountedPostMortems(observed, inMemory).telling(SilentChannel.OUTBOX, channelNames()),
                SilentChannel.OUTBOX);
    }

    /** The people the config names (watchers, the rotation), by display name where Jira knows them. */
    PeopleNames peopleNames(JiraClient jira) {
        Set<String> refs = new LinkedHashSet<>(config.incidents().watchers());
        refs.addAll(config.onCall().rotation());
        refs.addAll(config.onCall().people().values());
        return PeopleNames.lookUp(jira, refs);
    }

    /** The activity log in the store named by {@code store.url}, migrated and ready. */
    public ActivityLog activityLog() {
        return Stores.openActivityLog(config.store().url(), config.store().username(), storePassword());
    }

    /** The batch command's engine: the same workflow as the webhook path, over {@code jira}. */
    public Backfill backfill(JiraClient jira, BackfillCheckpoints checkpoints, FollowUpLedger ledger) {
        FollowUps followUps = followUps(jira, ledger);
        // the workflow never asks the backfill's signals for a post-mortem (see IncidentWorkflow)
        return new Backfill(
                jira,
                workflow(jira, followUps, postMortems(jira, ledger), NO_MESSAGES),
                new ResolvedTickets(followUps),
                checkpoints,
                clock);
    }

    /**
     * The certificate and key of {@code webhook.tls}, read and checked; empty without it. Throws
     * {@link IllegalArgumentException} with one line when a file is missing, unreadable, encrypted or not the pair.
     */
    /**
     * Whether the console's session cookie is marked {@code Secure}: when the service runs TLS itself, or when Jira
     * and people reach it over HTTPS through a proxy that ends TLS ({@code webhook.publicUrl} is https).
     */
    boolean secureCookies() {
        URI publicUrl = config.webhook().publicUrl();
        return config.webhook().tls() != null || (publicUrl != null && "https".equalsIgnoreCase(publicUrl.getScheme()));
    }

    Optional<PemTls> tls() {
        return Optional.ofNullable(config.webhook().tls()).map(t -> {
            PemTls pem = PemTls.load(t.certFile(), t.keyFile());
            log.info("HTTPS with the certificate of {}, valid until {}", pem.subject(), pem.notAfter());
            if (pem.notAfter().isBefore(clock.instant())) {
                log.warn(
                        "the certificate in webhook.tls.certFile {} expired on {}: Jira will not deliver to it",
                        t.certFile(),
                        pem.notAfter());
            }
            return pem;
        });
    }

    /** prodsupport's admin webhook as the config describes it: {@code webhook.publicUrl}, the incident scope's JQL. */
    public WebhookSetup webhookSetup(JiraClient jira) {
        return new WebhookSetup(
                jira,
                Optional.ofNullable(config.webhook().publicUrl()),
                incidentScope().jql(),
                config.webhook().secrets().stream().map(Secret::value).toList());
    }

    /**
     * The running service: connects to Jira first, because it must know its own account to drop the webhooks its
     * own edits cause. Throws {@link io.prodsupport.jira.JiraException} when Jira cannot be reached or refuses it.
     */
    public ProdsupportService service(String host) {
        return new ServiceAssembly(this, config, clock).service(host);
    }

    /** The worker's settings a test set, or null: then the defaults with the store's lease and retention. */
    WorkerSettings workerSettings() {
        return workerSettings;
    }

    ObjectMapper json() {
        return json;
    }

    ServiceMetrics serviceMetrics() {
        return metrics;
    }
}
