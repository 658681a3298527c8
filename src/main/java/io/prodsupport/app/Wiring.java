package io.prodsupport.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prodsupport.backfill.Backfill;
import io.prodsupport.backfill.BackfillCheckpoints;
import io.prodsupport.backfill.ResolvedTickets;
import io.prodsupport.config.Config;
import io.prodsupport.config.Secret;
import io.prodsupport.inbox.Inbox;
import io.prodsupport.inbox.InboxWorker;
import io.prodsupport.inbox.WorkerSettings;
import io.prodsupport.incident.CloseGate;
import io.prodsupport.incident.FixVersions;
import io.prodsupport.incident.FollowUpLedger;
import io.prodsupport.incident.FollowUpSettings;
import io.prodsupport.incident.FollowUps;
import io.prodsupport.incident.IncidentAnnouncement;
import io.prodsupport.incident.IncidentReconciler;
import io.prodsupport.incident.IncidentScope;
import io.prodsupport.incident.IncidentWorkflow;
import io.prodsupport.incident.OnCallRotation;
import io.prodsupport.incident.Section;
import io.prodsupport.incident.Staffing;
import io.prodsupport.incident.WhysFromComments;
import io.prodsupport.jira.HttpJiraClient;
import io.prodsupport.jira.JiraClient;
import io.prodsupport.jira.JiraConnection;
import io.prodsupport.jira.JiraCredentials;
import io.prodsupport.jira.JiraUser;
import io.prodsupport.jira.RetryBudget;
import io.prodsupport.jira.ServerInfo;
import io.prodsupport.notify.Announcer;
import io.prodsupport.notify.EmailNotifier;
import io.prodsupport.notify.EmailSettings;
import io.prodsupport.notify.Notifier;
import io.prodsupport.notify.SlackNotifier;
import io.prodsupport.notify.TeamsNotifier;
import io.prodsupport.store.Stores;
import io.prodsupport.sweep.Sweep;
import io.prodsupport.webhook.JiraEvent.EventUser;
import io.prodsupport.webhook.JiraEventParser;
import io.prodsupport.webhook.ServiceHttpServer;
import io.prodsupport.webhook.WebhookIntake;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place where collaborators are created from the config and handed to each other. */
public final class Wiring {

    private static final Logger log = LoggerFactory.getLogger(Wiring.class);

    private final Config config;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    /**
     * The instance's one HTTP client. Each user derives its configured copy with {@code newBuilder()}, sharing the
     * connection pool and threads: the Jira client adds its interceptors on its copy, the chat channels use a copy
     * without any (so Jira's credentials cannot reach a webhook). Released once by {@link #release}: by the service's
     * close, or by a command when it is done.
     */
    private final OkHttpClient http = new OkHttpClient();

    public Wiring(Config config, Clock clock) {
        this.config = config;
        this.clock = clock;
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

    PrometheusMeterRegistry metrics() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        return registry;
    }

    public IncidentScope incidentScope() {
        Config.Incidents incidents = config.incidents();
        return new IncidentScope(incidents.projects(), incidents.issueTypes(), incidents.labelFilter());
    }

    IncidentReconciler reconciler(JiraClient jira) {
        Config.OnCall onCall = config.onCall();
        OnCallRotation rotation = onCall.rotation().isEmpty()
                ? OnCallRotation.nobody()
                : new OnCallRotation(onCall.rotation(), onCall.start(), onCall.period());
        return new IncidentReconciler(
                jira,
                incidentScope(),
                new FixVersions(jira, config.incidents().fixVersion()),
                new Staffing(config.incidents().watchers(), rotation, clock));
    }

    CloseGate closeGate(JiraClient jira) {
        List<Section> required = config.incidents().requiredOnClose().stream()
                .map(title -> Section.match(title).orElseThrow()) // validated when the config was loaded
                .toList();
        return new CloseGate(jira, incidentScope(), required);
    }

    IncidentAnnouncement announcement(JiraClient jira) {
        // the shared client, not the Jira client's copy: that one's interceptors carry Jira's credentials
        Announcer announcer = new Announcer(notifiers(http));
        return new IncidentAnnouncement(jira, incidentScope(), announcer, clock);
    }

    /**
     * The channels the config names, and only those. A channel the config names but cannot be used (a malformed URL)
     * fails here, at start-up, not at the first incident.
     *
     * @param http Slack and Teams use a view of it without its interceptors (see {@code WebhookEndpoint.forWebhooks}),
     *             so passing the Jira client's cannot leak Jira credentials
     */
    List<Notifier> notifiers(OkHttpClient http) {
        Config.Notify notify = config.notifications();
        List<Notifier> channels = new ArrayList<>();
        if (notify.slack() != null) {
            channels.add(new SlackNotifier(value(notify.slack().webhookUrl()), http));
        }
        if (notify.teams() != null) {
            channels.add(new TeamsNotifier(value(notify.teams().webhookUrl()), http));
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
                    email.to())));
        }
        return List.copyOf(channels);
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
        Config.FollowUps f = config.followUps();
        return new FollowUps(
                jira,
                incidentScope(),
                new FollowUpSettings(f.project(), f.issueType(), f.linkType(), f.labels(), f.inheritPriority()),
                ledger,
                clock,
                FollowUps.DEFAULT_LEASE);
    }

    /** What every event goes through: the rules of an incident's life, over {@code jira}. */
    IncidentWorkflow workflow(JiraClient jira, FollowUps followUps) {
        return new IncidentWorkflow(
                jira,
                reconciler(jira),
                closeGate(jira),
                followUps,
                announcement(jira),
                new WhysFromComments(jira, config.incidents().whysFromComments()),
                clock);
    }

    /** The batch command's engine: the same workflow as the webhook path, over {@code jira}. */
    public Backfill backfill(JiraClient jira, BackfillCheckpoints checkpoints, FollowUpLedger ledger) {
        FollowUps followUps = followUps(jira, ledger);
        return new Backfill(jira, workflow(jira, followUps), new ResolvedTickets(followUps), checkpoints, clock);
    }

    /**
     * The running service: connects to Jira first, because it must know its own account to drop the webhooks its
     * own edits cause. Throws {@link io.prodsupport.jira.JiraException} when Jira cannot be reached or refuses it.
     */
    public ProdsupportService service(String host) {
        HttpJiraClient jira = jiraClient();
        ServerInfo info = jira.serverInfo();
        JiraUser me = jira.myself();
        log.info(
                "connected to Jira {} {} at {} as {}",
                info.flavour(),
                info.version(),
                config.jira().baseUrl(),
                me.displayName());
        Config.Store store = config.store();
        Inbox inbox = inbox();
        if (!store.isPostgres()) {
            // one process per SQLite file: claims still in it belong to a process that was killed
            int expired = inbox.expireAllClaims(clock.instant());
            if (expired > 0) {
                log.info("resuming {} event(s) that were in progress when the service last stopped", expired);
            }
        }
        FollowUpLedger ledger = followUpLedger();
        PrometheusMeterRegistry metrics = metrics();
        InboxWorker worker = new InboxWorker(
                inbox,
                new IncidentEventHandler(
                        new Signals(new JiraEventParser(json)), workflow(jira, followUps(jira, ledger))),
                WorkerSettings.defaults(),
                clock,
                metrics);
        EventUser self = new EventUser(
                Optional.ofNullable(me.accountId()),
                Optional.ofNullable(me.name()),
                Optional.ofNullable(me.key()),
                Optional.ofNullable(me.displayName()));
        WebhookIntake intake = new WebhookIntake(
                        inbox,
                        new JiraEventParser(json),
                        config.webhook().secrets().stream().map(Secret::value).toList(),
                        config.webhook().allowUnsigned(),
                        Optional.of(self),
                        metrics,
                        clock)
                .onAccepted(worker::nudge);
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("status", "UP");
        health.put("jira", Map.of("flavour", info.flavour().name(), "version", String.valueOf(info.version())));
        ServiceHttpServer server = new ServiceHttpServer(host, config.webhook().port(), metrics, () -> health, intake);
        Config.Sweep sweep = config.sweep();
        Optional<Sweep> timer = sweep.enabled()
                ? Optional.of(new Sweep(
                        jira,
                        inbox,
                        incidentScope().jql(),
                        sweep.interval(),
                        sweep.firstLookback(),
                        clock,
                        metrics,
                        worker::nudge))
                : Optional.empty();
        return new ProdsupportService(server, worker, timer, inbox, ledger, http);
    }
}
