package io.prodsupport.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The validated configuration of one prodsupport instance (DESIGN.md §3). Built only by {@link ConfigLoader}, which
 * has already checked every key, so the records here just fill in defaults.
 */
public record Config(
        Jira jira,
        Webhook webhook,
        Store store,
        Incidents incidents,
        FollowUps followUps,
        Sweep sweep,
        OnCall onCall,
        @JsonProperty("notify") Notify notifications,
        Mail mail,
        Logging logging,
        Console console,
        Postmortem postmortem) {

    public Config {
        Objects.requireNonNull(incidents, "incidents");
        webhook = webhook != null ? webhook : new Webhook(null, null, null, null, null, null);
        store = store != null ? store : new Store(null, null, null, null, null);
        followUps = followUps != null ? followUps : new FollowUps(null, null, null, null, null, null);
        if (followUps.project() == null) {
            followUps = new FollowUps(
                    incidents.projects().get(0),
                    followUps.issueType(),
                    followUps.linkType(),
                    followUps.labels(),
                    followUps.inheritPriority(),
                    followUps.remindAfter());
        }
        sweep = sweep != null ? sweep : new Sweep(null, null, null);
        onCall = onCall != null ? onCall : new OnCall(null, null, null, null, null);
        notifications =
                notifications != null ? notifications : new Notify(null, null, null, null, null, null, null, null);
    }

    /** The same configuration with every incident project observed: {@code serve --observe}. */
    public Config observed() {
        return new Config(
                jira,
                webhook,
                store,
                incidents.observed(),
                followUps,
                sweep,
                onCall,
                notifications,
                mail,
                logging,
                console,
                postmortem);
    }

    /** Cloud authenticates with email + API token, Data Center with a personal access token. */
    public record Jira(
            URI baseUrl, String email, Secret apiToken, Secret personalAccessToken, Duration timeout, Retries retries) {
        public Jira {
            timeout = timeout != null ? timeout : Duration.ofSeconds(30);
            retries = retries != null ? retries : new Retries(null, null);
        }

        @JsonIgnore
        public boolean usesPersonalAccessToken() {
            return personalAccessToken != null;
        }
    }

    /** How long a failing Jira call is retried: attempts and the total time spent waiting. */
    public record Retries(Integer maxAttempts, Duration maxWait) {
        public Retries {
            maxAttempts = maxAttempts != null ? maxAttempts : 5;
            maxWait = maxWait != null ? maxWait : Duration.ofMinutes(2);
        }
    }

    /**
     * @param host interface the service listens on ({@code serve --host} overrides it)
     * @param tls  built-in HTTPS from PEM files; null: plain HTTP (TLS ends at a reverse proxy)
     * @param publicUrl the whole URL Jira calls, path included (a reverse proxy may serve {@code /webhook/jira} under
     *                  another path); absent until the service is reachable from Jira
     */
    public record Webhook(
            Integer port, List<Secret> secrets, Boolean allowUnsigned, String host, Tls tls, URI publicUrl) {
        public Webhook {
            port = port != null ? port : 8080;
            secrets = secrets != null ? List.copyOf(secrets) : List.of();
            allowUnsigned = allowUnsigned != null && allowUnsigned;
            host = host != null ? host : "0.0.0.0";
        }
    }

    /** PEM files: the certificate chain (server certificate first) and its unencrypted private key. */
    public record Tls(Path certFile, Path keyFile) {}

    /**
     * @param leaseTimeout    how long a claimed event stays claimed without its worker renewing it: a killed
     *                        instance's events are taken over by another after this long
     * @param dedupeRetention how long processed deliveries are kept, so a late Jira retry is still recognised;
     *                        older ones are pruned in small batches
     */
    public record Store(String url, String username, Secret password, Duration leaseTimeout, Duration dedupeRetention) {
        public Store {
            url = url != null ? url : "jdbc:sqlite:prodsupport.db";
            leaseTimeout = leaseTimeout != null ? leaseTimeout : Duration.ofSeconds(60);
            dedupeRetention = dedupeRetention != null ? dedupeRetention : Duration.ofDays(7);
        }

        @JsonIgnore
        public boolean isPostgres() {
            return url.startsWith("jdbc:postgresql:");
        }
    }

    public record Incidents(
            List<String> projects,
            List<String> issueTypes,
            String label,
            String fixVersion,
            List<String> watchers,
            List<String> requiredOnClose,
            Boolean whysFromComments,
            IncidentModes mode) {
        public Incidents {
            mode = mode != null ? mode : IncidentModes.ENFORCE;
            projects = List.copyOf(projects);
            issueTypes = issueTypes != null ? List.copyOf(issueTypes) : List.of();
            fixVersion = fixVersion != null ? fixVersion : "Production Support";
            watchers = watchers != null ? List.copyOf(watchers) : List.of();
            requiredOnClose = requiredOnClose != null
                    ? List.copyOf(requiredOnClose)
                    : List.of("Symptoms", "Root Cause(s)", "Fixes for the Root Cause");
            whysFromComments = whysFromComments == null || whysFromComments;
        }

        public Incidents(
                List<String> projects,
                List<String> issueTypes,
                String label,
                String fixVersion,
                List<String> watchers,
                List<String> requiredOnClose) {
            this(projects, issueTypes, label, fixVersion, watchers, requiredOnClose, null, null);
        }

        /** The same incidents, every project observed ({@code serve --observe}). */
        public Incidents observed() {
            return new Incidents(
                    projects,
                    issueTypes,
                    label,
                    fixVersion,
                    watchers,
                    requiredOnClose,
                    whysFromComments,
                    IncidentModes.observeEverything());
        }

        public Optional<String> labelFilter() {
            return Optional.ofNullable(label);
        }
    }

    public record FollowUps(
            String project,
            String issueType,
            String linkType,
            List<String> labels,
            Boolean inheritPriority,
            Duration remindAfter) {
        public FollowUps {
            remindAfter = remindAfter != null ? remindAfter : Duration.ofDays(3);
            issueType = issueType != null ? issueType : "Task";
            linkType = linkType != null ? linkType : "Relates";
            labels = labels != null ? List.copyOf(labels) : List.of("prevention");
            inheritPriority = inheritPriority != null && inheritPriority;
        }
    }

    /**
     * Post-mortem tasks for resolved incidents at or above {@code minPriority} in Jira's priority order; the section
     * absent means no post-mortems. {@code project} null means {@code followUps.project} (resolved by the wiring).
     */
    public record Postmortem(String minPriority, String project, String issueType) {
        public Postmortem {
            issueType = issueType != null ? issueType : "Task";
        }
    }

    /**
     * The timer that looks for incidents changed recently and reconciles them: it heals deliveries Jira lost
     * (Data Center never retries a webhook). {@code firstLookback} is how far back the first run after a start looks.
     */
    public record Sweep(Boolean enabled, Duration interval, Duration firstLookback) {
        public Sweep {
            enabled = enabled == null || enabled;
            interval = interval != null ? interval : Duration.ofMinutes(5);
            firstLookback = firstLookback != null ? firstLookback : Duration.ofHours(1);
        }
    }

    /**
     * Who is on duty: the rotation advances one person every {@code period} from {@code start}; or, instead, the team's
     * calendar ({@code ical}), its names mapped to Jira users by {@code people}.
     */
    public record OnCall(List<String> rotation, Instant start, Duration period, Ical ical, Map<String, String> people) {
        public OnCall {
            rotation = rotation != null ? List.copyOf(rotation) : List.of();
            period = period != null ? period : Duration.ofDays(7);
            people = people != null ? Map.copyOf(people) : Map.of();
        }
    }

    /**
     * The on-call calendar: an iCalendar feed (a secret URL), read again every {@code refreshEvery}.
     *
     * @param url the feed's address, http(s) or webcal; a credential
     */
    public record Ical(Secret url, Duration refreshEvery) {
        public Ical {
            refreshEvery = refreshEvery != null ? refreshEvery : Duration.ofMinutes(15);
        }
    }

    /**
     * The channels, and how their messages are delivered: the outbox worker retries a failing channel with a
     * doubling back-off capped at {@code maxBackoff}. {@code updates}: which changes of an incident are told
     * ({@code all}: status, priority, owner and resolution; {@code resolution}; {@code none}), changes within
     * {@code foldWithin} of the first folded into one message. An open incident silent for {@code staleAfter} is
     * nudged; the reminders are looked for every {@code checkEvery}.
     */
    public record Notify(
            Slack slack,
            Teams teams,
            Email email,
            Duration maxBackoff,
            String updates,
            Duration foldWithin,
            Duration staleAfter,
            Duration checkEvery) {
        public Notify {
            staleAfter = staleAfter != null ? staleAfter : Duration.ofHours(4);
            checkEvery = checkEvery != null ? checkEvery : Duration.ofMinutes(1);
            maxBackoff = maxBackoff != null ? maxBackoff : Duration.ofMinutes(5);
            updates = updates != null ? updates : "resolution";
            foldWithin = foldWithin != null ? foldWithin : Duration.ofSeconds(60);
        }
    }

    public record Slack(Secret webhookUrl) {}

    public record Teams(Secret webhookUrl) {}

    public record Email(
            String smtpHost,
            Integer smtpPort,
            Boolean startTls,
            String username,
            Secret password,
            String from,
            List<String> to) {
        public Email {
            smtpPort = smtpPort != null ? smtpPort : 587;
            startTls = startTls == null || startTls;
            to = List.copyOf(to);
        }
    }

    /**
     * How the service logs, applied at start; null when {@code logging:} is absent (then text at INFO, as
     * {@code logback.xml} in the jar says, or the level in {@code PRODSUPPORT_LOG_LEVEL}).
     *
     * @param format {@code text} (one line per event) or {@code json} (one JSON object per line, for log shippers)
     * @param level  {@code TRACE}, {@code DEBUG}, {@code INFO}, {@code WARN} or {@code ERROR}
     */
    public record Logging(String format, String level) {
        public Logging {
            format = format != null ? format : "text";
            level = level != null ? level : "INFO";
        }

        @JsonIgnore
        public boolean json() {
            return "json".equals(format);
        }
    }

    /**
     * The mailbox whose e-mails about incidents become comments on them; null when {@code mail:} is absent (then no
     * mailbox is read).
     *
     * @param doneFolder      where handled messages are moved; null: they stay in {@code imap.folder}, flagged
     * @param unmatchedFolder where messages that name no incident are moved; null: they stay, flagged
     * @param attachments     upload an e-mail's files to the incident; otherwise they are listed by name and size
     */
    public record Mail(Imap imap, String doneFolder, String unmatchedFolder, Boolean attachments) {
        public Mail {
            attachments = attachments != null && attachments;
        }
    }

    /**
     * Access to {@code /api/*} (and, later, the console): {@code Authorization: Bearer <token>}. Null when
     * {@code console:} is absent: then {@code /api/*} answers 404.
     */
    public record Console(Secret token) {}

    /** The console's token, when {@code console.token} is set. */
    @JsonIgnore
    public Optional<Secret> consoleToken() {
        return Optional.ofNullable(console).map(Console::token).filter(t -> !t.isBlank());
    }

    /**
     * @param tls  implicit TLS (IMAPS); false connects in clear text and upgrades with STARTTLS when offered
     * @param port 993 with TLS, 143 without, unless set
     */
    public record Imap(String host, Integer port, String username, Secret password, String folder, Boolean tls) {
        public Imap {
            tls = tls == null || tls;
            port = port != null ? port : tls ? 993 : 143;
            folder = folder != null ? folder : "INBOX";
        }
    }
}
