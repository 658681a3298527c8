package io.prodsupport.check;

import io.prodsupport.config.Config;
import io.prodsupport.jira.AdminWebhook;
import io.prodsupport.jira.Flavour;
import io.prodsupport.jira.IssueLinkType;
import io.prodsupport.jira.JiraClient;
import io.prodsupport.jira.JiraException;
import io.prodsupport.jira.JiraUnreachableException;
import io.prodsupport.jira.JiraUser;
import io.prodsupport.jira.Priority;
import io.prodsupport.jira.Project;
import io.prodsupport.jira.ServerInfo;
import io.prodsupport.mail.Mailbox;
import io.prodsupport.mail.MailboxProbe;
import io.prodsupport.oncall.CalendarOnDuty;
import io.prodsupport.oncall.CalendarShift;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Verifies that the configured site has what prodsupport needs, in the order an administrator would fix things:
 * reachable, credentials, incident projects and their fix version, follow-up project, issue type and link type; then,
 * when a mailbox is configured, that it can be signed in to and which of its folders exist. Only reads; it never
 * creates the fix version or the folders it checks for.
 */
public final class SiteCheck {

    static final String ADMINISTER_PROJECTS = "ADMINISTER_PROJECTS";

    private final JiraClient jira;
    private final Config config;
    private final Optional<Mailbox> mailbox;
    private Optional<WebhookSetup> webhook = Optional.empty();

    public SiteCheck(JiraClient jira, Config config) {
        this(jira, config, Optional.empty());
    }

    /** @param mailbox the mailbox {@code mail} names; empty when none is configured */
    public SiteCheck(JiraClient jira, Config config, Optional<Mailbox> mailbox) {
        this.jira = jira;
        this.config = config;
        this.mailbox = mailbox;
    }

    /** Also reports whether Jira has the admin webhook {@code setup} describes (when the account may read them). */
    public SiteCheck withWebhook(WebhookSetup setup) {
        this.webhook = Optional.of(setup);
        return this;
    }

    private Optional<CalendarOnDuty> calendar = Optional.empty();

    /** Also reads the on-call calendar ({@code onCall.ical}): does it parse, who is on duty, names it cannot map. */
    public SiteCheck withCalendar(Optional<CalendarOnDuty> calendar) {
        this.calendar = calendar;
        return this;
    }

    /** Runs every check, handing each line to {@code out} as soon as it is known; true when all passed. */
    public boolean run(Consumer<CheckLine> out) {
        List<CheckLine> lines = new ArrayList<>();
        Consumer<CheckLine> record = line -> {
            lines.add(line);
            out.accept(line);
        };
        jira(record);
        calendar.ifPresent(c -> calendar(c, record));
        mailbox.ifPresent(m -> {
            try (m) {
                mailbox(m.probe(), record);
            }
        });
        return lines.stream().allMatch(CheckLine::ok);
    }

    /** Jira, from reachability on; a line that makes the rest meaningless ends it. */
    private void jira(Consumer<CheckLine> record) {
        String site = config.jira().baseUrl().toString();
        ServerInfo info;
        try {
            info = jira.serverInfo();
            record.accept(CheckLine.pass(
                    "Jira reachable at " + site + " (" + flavourName(info) + ", version " + info.version() + ")"));
        } catch (JiraException e) {
            if (isCredentialProblem(e)) {
                // Jira answers serverInfo anonymously, but refuses wrong credentials even there
                record.accept(CheckLine.pass("Jira reachable at " + site));
                record.accept(credentialsRejected(e));
            } else {
                record.accept(CheckLine.fail("Jira not reachable at " + site + ": " + e.getMessage()));
            }
            return;
        }
        JiraUser me;
        try {
            me = jira.myself();
            record.accept(CheckLine.pass("credentials valid: signed in as " + describe(me)));
        } catch (JiraUnreachableException e) {
            record.accept(CheckLine.fail("Jira not reachable at " + site + ": " + e.getMessage()));
            return;
        } catch (JiraException e) {
            record.accept(
                    isCredentialProblem(e)
                            ? credentialsRejected(e)
                            : CheckLine.fail("cannot sign in: " + e.getMessage()));
            return;
        }
        String who = me.displayName() != null ? me.displayName() : "the service account";
        for (String key : config.incidents().projects()) {
            project(key, "incident project", record).ifPresent(p -> {
                issueTypes(p, config.incidents().issueTypes(), record);
                fixVersion(p, who, record);
            });
        }
        project(config.followUps().project(), "follow-up project", record)
                .ifPresent(p -> issueTypes(p, List.of(config.followUps().issueType()), record));
        linkType(record);
        postmortem(record);
        people(info, record);
        webhook.ifPresent(setup -> webhook(setup, info, record));
    }

    /**
     * Whether Jira will call the service: a webhook with {@code webhook.publicUrl}, the events and the filter. Reading
     * webhooks needs a Jira administrator, which the service account need not be, so a 403 is not a failure.
     */
    private static void webhook(WebhookSetup setup, ServerInfo info, Consumer<CheckLine> out) {
        AdminWebhook want;
        try {
            want = setup.desired();
        } catch (WebhookSetup.NotConfiguredException e) {
            out.accept(CheckLine.pass("admin webhook not checked: webhook.publicUrl is not set (set it to the URL Jira"
                    + " calls, then `prodsupport webhook register`)"));
            return;
        }
        List<AdminWebhook> all;
        try {
            all = setup.jira().adminWebhooks();
        } catch (JiraException e) {
            if (!(e instanceof JiraUnreachableException) && (e.status() == 403 || e.status() == 401)) {
                out.accept(CheckLine.pass("admin webhook not checked: the service account may not read webhooks"
                        + " (that needs a Jira administrator); check Administration → System → WebHooks for "
                        + want.url()));
            } else {
                out.accept(CheckLine.fail("admin webhook: cannot read Jira's webhooks: " + e.getMessage()));
            }
            return;
        }
        Optional<AdminWebhook> own = setup.own(all);
        if (own.isEmpty()) {
            out.accept(CheckLine.fail("no admin webhook calls " + want.url()
                    + ": run `prodsupport webhook register` (needs a Jira administrator)"));
            return;
        }
        List<String> diffs = setup.differences(own.get());
        if (!diffs.isEmpty()) {
            out.accept(CheckLine.fail("admin webhook \"" + own.get().name() + "\" does not match: "
                    + String.join("; ", diffs) + ": run `prodsupport webhook register`"));
            return;
        }
        out.accept(CheckLine.pass("admin webhook \"" + own.get().name() + "\" calls " + want.url()
                + " with the events and JQL filter needed"
                + (WebhookSetup.takesSecret(info)
                        ? " (Jira never shows its secret: a wrong one shows as 401s in the log)"
                        : "; this Jira takes no secret over REST: make sure one is set in its admin screen")));
    }

    /**
     * Every configured person is looked up: a watcher or on-call entry Jira does not know (an e-mail address where
     * Cloud wants an accountId is the likely mistake) would otherwise only show when the first incident arrives.
     */
    private void people(ServerInfo info, Consumer<CheckLine> out) {
        Map<String, String> roles = new LinkedHashMap<>();
        config.incidents().watchers().forEach(p -> roles.put(p, "incidents.watchers"));
        config.onCall().rotation().forEach(p -> roles.merge(p, "onCall.rotation", (a, b) -> a + " and " + b));
        config.onCall().people().values().forEach(p -> roles.merge(p, "onCall.people", (a, b) -> a + " and " + b));
        boolean cloud = info.flavour() == Flavour.CLOUD;
        for (Map.Entry<String, String> person : roles.entrySet()) {
            try {
                Optional<JiraUser> user = jira.user(person.getKey());
                out.accept(user.map(u ->
                                CheckLine.pass(person.getValue() + ": " + person.getKey() + " is " + u.displayName()))
                        .orElseGet(() -> CheckLine.fail(person.getValue() + ": " + person.getKey()
                                + " is not a Jira user" + (cloud ? CLOUD_ACCOUNT_ID_HINT : DC_USERNAME_HINT))));
            } catch (JiraException e) {
                out.accept(CheckLine.fail(
                        person.getValue() + ": cannot look " + person.getKey() + " up: " + e.getMessage()));
            }
        }
    }

    /**
     * The on-call calendar: whether it can be read and parsed, how many events and shifts it has, who is on duty now,
     * and each name on duty in the coming shifts that {@code onCall.people} does not map (nobody would be assigned).
     */
    private void calendar(CalendarOnDuty calendar, Consumer<CheckLine> out) {
        CalendarOnDuty.State state = calendar.refreshNow();
        if (state.copy().isEmpty()) {
            out.accept(CheckLine.fail(
                    "on-call calendar (onCall.ical.url): " + state.failure().orElse("not read")));
            return;
        }
        Instant now = calendar.now();
        List<CalendarShift> shifts = calendar.calendarShifts(now, Integer.MAX_VALUE);
        String onDuty = shifts.isEmpty() || shifts.get(0).from().isAfter(now)
                ? "nobody"
                : shifts.get(0).calendarName()
                        + shifts.get(0).jiraUser().map(u -> " (" + u + ")").orElse("");
        out.accept(CheckLine.pass(
                "on-call calendar parses: " + state.copy().get().schedule().events()
                        + " event(s), " + shifts.size() + " shift(s) from now to " + CalendarOnDuty.HORIZON.toDays()
                        + " days ahead; on duty now: " + onDuty));
        Map<String, Instant> unmapped = new LinkedHashMap<>();
        shifts.stream()
                .filter(s -> s.jiraUser().isEmpty())
                .forEach(s -> unmapped.putIfAbsent(s.calendarName(), s.from()));
        unmapped.forEach((name, from) -> out.accept(CheckLine.fail("on-call calendar: \"" + name
                + "\" is on duty from " + from + " but is not in onCall.people; nobody would be assigned then: add"
                + " onCall.people: {\"" + name + "\": <Jira user>}")));
    }

    private static final String CLOUD_ACCOUNT_ID_HINT = "; on Cloud people are named by accountId: open the person's"
            + " profile in Jira, the accountId is the last part of its address (…/jira/people/<accountId>)";
    private static final String DC_USERNAME_HINT = "; on Data Center people are named by username";

    private Optional<Project> project(String key, String role, Consumer<CheckLine> out) {
        try {
            Project p = jira.project(key);
            out.accept(CheckLine.pass(role + " " + p.key() + " (" + p.name() + ") exists"));
            return Optional.of(p);
        } catch (JiraException e) {
            String why = e.status() == 404 ? "not found, or not visible to the service account" : e.getMessage();
            out.accept(CheckLine.fail(role + " " + key + ": " + why));
            return Optional.empty();
        }
    }

    private static void issueTypes(Project p, List<String> wanted, Consumer<CheckLine> out) {
        if (wanted.isEmpty()) {
            return;
        }
        Set<String> have = p.issueTypes().stream().map(String::toLowerCase).collect(Collectors.toSet());
        List<String> missing =
                wanted.stream().filter(t -> !have.contains(t.toLowerCase())).toList();
        out.accept(
                missing.isEmpty()
                        ? CheckLine.pass("issue type " + String.join(", ", wanted) + " exists in " + p.key())
                        : CheckLine.fail("issue type " + String.join(", ", missing) + " not in " + p.key()
                                + " (it has: " + String.join(", ", p.issueTypes()) + ")"));
    }

    private void fixVersion(Project p, String who, Consumer<CheckLine> out) {
        String version = config.incidents().fixVersion();
        try {
            boolean exists = jira.projectVersions(p.key()).stream()
                    .anyMatch(v -> v.name().equalsIgnoreCase(version));
            if (exists) {
                out.accept(CheckLine.pass("fix version \"" + version + "\" exists in " + p.key()));
            } else if (jira.myPermissions(p.key(), Set.of(ADMINISTER_PROJECTS)).contains(ADMINISTER_PROJECTS)) {
                out.accept(CheckLine.pass("fix version \"" + version + "\" is missing in " + p.key()
                        + " and will be created on the first incident"));
            } else {
                out.accept(CheckLine.fail("fix version \"" + version + "\" is missing in " + p.key() + " and " + who
                        + " may not create it: create it by hand or grant Administer Projects"));
            }
        } catch (JiraException e) {
            out.accept(CheckLine.fail("fix version \"" + version + "\" in " + p.key() + ": " + e.getMessage()));
        }
    }

    private void linkType(Consumer<CheckLine> out) {
        String wanted = config.followUps().linkType();
        try {
            List<IssueLinkType> types = jira.issueLinkTypes();
            boolean found = types.stream().anyMatch(t -> t.name().equalsIgnoreCase(wanted));
            Set<String> names =
                    types.stream().map(IssueLinkType::name).collect(Collectors.toCollection(LinkedHashSet::new));
            out.accept(
                    found
                            ? CheckLine.pass("link type \"" + wanted + "\" exists")
                            : CheckLine.fail("link type \"" + wanted + "\" not found (Jira has: "
                                    + String.join(", ", names) + ")"));
        } catch (JiraException e) {
            out.accept(CheckLine.fail("link type \"" + wanted + "\": " + e.getMessage()));
        }
    }

    /**
     * With a {@code postmortem} section: its project and issue type, and that {@code minPriority} is one of Jira's
     * priorities (their order is Jira's: "at or above" is read from it).
     */
    private void postmortem(Consumer<CheckLine> out) {
        Config.Postmortem postmortem = config.postmortem();
        if (postmortem == null) {
            return;
        }
        String projectKey = postmortem.project() != null
                ? postmortem.project()
                : config.followUps().project();
        project(projectKey, "post-mortem project", out)
                .ifPresent(p -> issueTypes(p, List.of(postmortem.issueType()), out));
        String wanted = postmortem.minPriority();
        try {
            List<String> names = jira.priorities().stream().map(Priority::name).toList();
            int at = -1;
            for (int i = 0; i < names.size(); i++) {
                if (names.get(i) != null && names.get(i).equalsIgnoreCase(wanted)) {
                    at = i;
                }
            }
            out.accept(
                    at >= 0
                            ? CheckLine.pass("postmortem.minPriority \"" + wanted + "\" is one of Jira's priorities:"
                                    + " incidents resolved at " + String.join(", ", names.subList(0, at + 1))
                                    + " get a post-mortem task")
                            : CheckLine.fail("postmortem.minPriority \"" + wanted
                                    + "\" is not one of Jira's priorities (" + String.join(", ", names) + ")"));
        } catch (JiraException e) {
            out.accept(CheckLine.fail(
                    "postmortem.minPriority \"" + wanted + "\": cannot read Jira's priorities: " + e.getMessage()));
        }
    }

    /** One line for signing in, then one per folder: the one read must exist; the others are created when missing. */
    private static void mailbox(MailboxProbe probe, Consumer<CheckLine> out) {
        if (!probe.signedIn()) {
            out.accept(CheckLine.fail("mailbox " + probe.account() + ": cannot sign in (" + probe.error()
                    + "): check mail.imap.host, port, tls, username and password"));
            return;
        }
        out.accept(CheckLine.pass("mailbox " + probe.account() + ": signed in"
                + (probe.idle() ? ", new mail arrives by IMAP IDLE" : "; no IMAP IDLE, so it is read every 30 s")));
        String read = probe.folders().get(0).name().orElseThrow();
        for (MailboxProbe.FolderState folder : probe.folders()) {
            if (folder.name().isEmpty()) {
                out.accept(CheckLine.pass("no " + folder.role() + " (" + folder.key() + "): those messages stay in \""
                        + read + "\", flagged " + folder.keyword()));
                continue;
            }
            String named = folder.role() + " \"" + folder.name().get() + "\"";
            if (folder.exists()) {
                out.accept(CheckLine.pass(
                        named + " exists" + (folder.polled() ? " (" + folder.messages() + " message(s) in it)" : "")));
            } else if (folder.polled()) {
                out.accept(CheckLine.fail(named + " does not exist: name an existing folder in " + folder.key()));
            } else {
                out.accept(CheckLine.pass(named + " is missing and will be created on first use"));
            }
        }
    }

    private static boolean isCredentialProblem(JiraException e) {
        return !(e instanceof JiraUnreachableException) && (e.status() == 401 || e.status() == 403);
    }

    private CheckLine credentialsRejected(JiraException e) {
        return CheckLine.fail("credentials rejected by Jira (" + e.status() + "): check " + credentialKeys());
    }

    private String credentialKeys() {
        return config.jira().usesPersonalAccessToken() ? "jira.personalAccessToken" : "jira.email and jira.apiToken";
    }

    private static String flavourName(ServerInfo info) {
        return switch (info.flavour()) {
            case CLOUD -> "Cloud";
            case DATA_CENTER -> "Data Center";
        };
    }

    private static String describe(JiraUser me) {
        String id = me.accountId() != null ? me.accountId() : me.name();
        return (me.displayName() != null ? me.displayName() + " " : "") + "(" + id + ")";
    }
}
