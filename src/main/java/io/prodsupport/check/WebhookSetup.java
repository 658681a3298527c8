package io.prodsupport.check;

import io.prodsupport.jira.AdminWebhook;
import io.prodsupport.jira.Flavour;
import io.prodsupport.jira.JiraClient;
import io.prodsupport.jira.ServerInfo;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * The admin webhook prodsupport needs, and how it compares with what Jira has: the URL Jira must call
 * ({@code webhook.publicUrl}), the events the service handles, a JQL filter for the incident projects, and the secret
 * where Jira's API takes one. {@link #register} makes Jira match (idempotent); {@link #own} and {@link #differences}
 * only read (for {@code check}).
 *
 * <p>prodsupport's own webhook is the one with its URL, or else the one named {@value #NAME} (so a changed
 * {@code publicUrl} moves the webhook instead of adding a second one).
 */
public final class WebhookSetup {

    public static final String NAME = "prodsupport";

    /**
     * What the service acts on (see {@code app/Signals}): an issue created, updated (edits, transitions, comments'
     * echo) or deleted, and a comment added or edited (Whys from comments).
     */
    public static final List<String> EVENTS = List.of(
            "jira:issue_created", "jira:issue_updated", "jira:issue_deleted", "comment_created", "comment_updated");

    /** Where an administrator sets a secret by hand when the REST API takes none. */
    static final String SECRET_BY_HAND = "set the secret by hand in Jira: Administration → System → Advanced →"
            + " WebHooks → " + NAME + " → Secret, to the first of webhook.secrets (a Jira without that field cannot"
            + " sign: see webhook.allowUnsigned)";

    private final JiraClient jira;
    private final Optional<URI> publicUrl;
    private final String scopeJql;
    private final List<String> secrets;

    /**
     * @param scopeJql the incident scope's JQL (the webhook's filter)
     * @param secrets  {@code webhook.secrets}; the first is the one registered
     */
    public WebhookSetup(JiraClient jira, Optional<URI> publicUrl, String scopeJql, List<String> secrets) {
        this.jira = jira;
        this.publicUrl = publicUrl;
        this.scopeJql = scopeJql;
        this.secrets = List.copyOf(secrets);
    }

    /** Thrown when there is nothing to register: no {@code webhook.publicUrl}. */
    public static final class NotConfiguredException extends RuntimeException {
        NotConfiguredException() {
            super("webhook.publicUrl is not set: give the URL Jira must call, e.g."
                    + " https://prodsupport.example.com/webhook/jira");
        }
    }

    JiraClient jira() {
        return jira;
    }

    /** The webhook as it should be; throws {@link NotConfiguredException} without a public URL. */
    public AdminWebhook desired() {
        URI url = publicUrl.orElseThrow(NotConfiguredException::new);
        return new AdminWebhook(NAME, url.toString(), EVENTS, scopeJql, false, true, null);
    }

    /** Cloud's admin webhooks take a secret over REST; Data Center's from Jira 10 on. */
    public static boolean takesSecret(ServerInfo info) {
        if (info.flavour() == Flavour.CLOUD) {
            return true;
        }
        String version = info.version() == null ? "" : info.version();
        try {
            return Integer.parseInt(version.split("\\.")[0]) >= 10;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The secret that goes into the request: the first of webhook.secrets, where Jira takes one. */
    public Optional<String> secretFor(ServerInfo info) {
        return takesSecret(info) && !secrets.isEmpty() ? Optional.of(secrets.get(0)) : Optional.empty();
    }

    /** prodsupport's webhook among Jira's: the one with its URL, else the one with its name. */
    public Optional<AdminWebhook> own(List<AdminWebhook> all) {
        AdminWebhook want = desired();
        return all.stream()
                .filter(w -> sameUrl(w.url(), want.url()))
                .findFirst()
                .or(() -> all.stream().filter(w -> NAME.equals(w.name())).findFirst());
    }

    /** How {@code have} differs from what is needed, one phrase each; empty when it matches. */
    public List<String> differences(AdminWebhook have) {
        AdminWebhook want = desired();
        List<String> diffs = new ArrayList<>();
        if (!sameUrl(have.url(), want.url())) {
            diffs.add("URL is " + have.url() + ", not " + want.url());
        }
        List<String> missing = new ArrayList<>(want.events());
        missing.removeAll(have.events());
        if (!missing.isEmpty()) {
            diffs.add("events lack " + String.join(", ", missing));
        }
        if (!normalJql(have.jql()).equals(normalJql(want.jql()))) {
            diffs.add("JQL filter is \"" + have.jql() + "\", not \"" + want.jql() + "\"");
        }
        if (have.excludeBody()) {
            diffs.add("it excludes the body");
        }
        if (!have.enabled()) {
            diffs.add("it is disabled");
        }
        return diffs;
    }

    /** What {@link #register} did. */
    public enum Action {
        CREATED,
        UPDATED,
        UNCHANGED
    }

    /**
     * @param secretSent      whether the secret went with the request
     * @param secretByHand    the line telling the administrator to set the secret in Jira, when the API takes none
     */
    public record Registration(
            Action action, AdminWebhook webhook, boolean secretSent, Optional<String> secretByHand) {}

    /**
     * Creates prodsupport's webhook, or updates it when it differs. Where Jira takes a secret it is sent every time
     * (Jira never shows it, so whether it matches cannot be read: sending it again is how a rotated secret reaches
     * Jira). Throws {@link io.prodsupport.jira.JiraException} (403: not an administrator) and
     * {@link NotConfiguredException}.
     */
    public Registration register() {
        AdminWebhook want = desired();
        ServerInfo info = jira.serverInfo();
        Optional<String> secret = secretFor(info);
        Optional<String> byHand =
                takesSecret(info) || secrets.isEmpty() ? Optional.empty() : Optional.of(SECRET_BY_HAND);
        Optional<AdminWebhook> have = own(jira.adminWebhooks());
        if (have.isEmpty()) {
            return new Registration(Action.CREATED, jira.createAdminWebhook(want, secret), secret.isPresent(), byHand);
        }
        String id = have.get().id().orElseThrow(() -> new IllegalStateException("Jira listed a webhook without self"));
        boolean matches =
                differences(have.get()).isEmpty() && NAME.equals(have.get().name());
        if (matches && secret.isEmpty()) {
            return new Registration(Action.UNCHANGED, have.get(), false, byHand);
        }
        AdminWebhook merged = new AdminWebhook(
                want.name(), want.url(), union(have.get().events(), want.events()), want.jql(), false, true, null);
        return new Registration(
                matches ? Action.UNCHANGED : Action.UPDATED,
                jira.updateAdminWebhook(id, merged, secret),
                secret.isPresent(),
                byHand);
    }

    /** Events someone added by hand stay: prodsupport ignores what it does not handle. */
    private static List<String> union(List<String> have, List<String> want) {
        LinkedHashSet<String> all = new LinkedHashSet<>(want);
        all.addAll(have);
        return List.copyOf(all);
    }

    private static boolean sameUrl(String a, String b) {
        return strip(a).equals(strip(b));
    }

    private static String strip(String url) {
        return url == null ? "" : url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String normalJql(String jql) {
        return jql == null ? "" : jql.strip().replaceAll("\\s+", " ");
    }
}
