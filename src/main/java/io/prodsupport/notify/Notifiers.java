package io.prodsupport.notify;

import io.prodsupport.config.Config;
import java.util.ArrayList;
import java.util.List;
import okhttp3.OkHttpClient;

/** Builds the notifiers of the channels the config names, and only those. */
public final class Notifiers {

    private Notifiers() {}

    /**
     * @param http the instance's shared client; Slack and Teams use a view of it without its interceptors (see
     *             {@link WebhookEndpoint#forWebhooks}), so passing the Jira client cannot leak Jira credentials
     */
    public static List<Notifier> fromConfig(Config.Notify notify, OkHttpClient http) {
        List<Notifier> notifiers = new ArrayList<>();
        if (notify == null) {
            return notifiers;
        }
        // A channel the config names but cannot be used (a malformed URL) fails here, at start-up, not at the first
        // incident.
        if (notify.slack() != null) {
            notifiers.add(new SlackNotifier(notify.slack().webhookUrl(), http));
        }
        if (notify.teams() != null) {
            notifiers.add(new TeamsNotifier(notify.teams().webhookUrl(), http));
        }
        if (notify.email() != null) {
            notifiers.add(new EmailNotifier(notify.email()));
        }
        return List.copyOf(notifiers);
    }
}
