package io.prodsupport.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import okhttp3.OkHttpClient;

/**
 * Posts a new incident to a Slack channel through an
 * <a href="https://api.slack.com/messaging/webhooks">incoming webhook</a>: a section with the linked key and the
 * summary, and a context line with priority, reporter and the person on duty. Slack answers 200 {@code ok}; errors
 * come as 4xx with a word such as {@code no_service} (404) or {@code invalid_token} (403).
 */
public final class SlackNotifier implements Notifier {

    public static final String CHANNEL = "slack";

    private final WebhookEndpoint endpoint;

    /**
     * @param webhookUrl the incoming webhook's URL; it is the credential, so it never appears in an exception
     * @param http       any client; the channel uses a copy without its interceptors (see
     *                   {@link WebhookEndpoint#forWebhooks})
     * @throws IllegalArgumentException when the URL is missing or not an http(s) URL
     */
    public SlackNotifier(String webhookUrl, OkHttpClient http) {
        this(webhookUrl, http, DeliveryBudget.DEFAULT);
    }

    public SlackNotifier(String webhookUrl, OkHttpClient http, DeliveryBudget budget) {
        this.endpoint = new WebhookEndpoint(CHANNEL, webhookUrl, http, budget);
    }

    @Override
    public String channel() {
        return CHANNEL;
    }

    @Override
    public void announce(IncidentNotice notice) {
        endpoint.post(message(notice));
    }

    @Override
    public void progress(ChannelMessage message) {
        endpoint.post(progressMessage(message));
    }

    @Override
    public void handover(ChannelMessage message) {
        endpoint.post(handoverMessage(message));
    }

    /**
     * A header line (who, until when), then per inherited incident a section with the linked key and summary and a
     * context line with status, priority and owner: two blocks each, so the listed incidents stay within Slack's 50
     * blocks per message.
     */
    static ObjectNode handoverMessage(ChannelMessage handover) {
        ChannelMessage.Handover h = handover.handover();
        ObjectNode message = WebhookEndpoint.object();
        message.put("text", escape(handover.title() + ": " + handover.line()));
        ArrayNode blocks = message.putArray("blocks");
        blocks.addObject()
                .put("type", "section")
                .putObject("text")
                .put("type", "mrkdwn")
                .put("text", "*" + escape(handover.title()) + "*: " + escape(handover.line()));
        for (IncidentNotice notice : h.inherited()) {
            blocks.addObject()
                    .put("type", "section")
                    .putObject("text")
                    .put("type", "mrkdwn")
                    .put(
                            "text",
                            "<" + linkTarget(notice.url()) + "|" + escape(notice.key()) + ">: "
                                    + escape(notice.summary()));
            ArrayNode elements = blocks.addObject().put("type", "context").putArray("elements");
            addFact(elements, "Status", notice.status());
            addFact(elements, "Priority", notice.priority());
            addFact(elements, "Owner", notice.onDutyName() != null ? notice.onDutyName() : "nobody");
        }
        if (h.moreIncidents() > 0) {
            blocks.addObject()
                    .put("type", "context")
                    .putArray("elements")
                    .addObject()
                    .put("type", "plain_text")
                    .put("text", "and " + h.moreIncidents() + " more open incident(s)");
        }
        return message;
    }

    static ObjectNode progressMessage(ChannelMessage progress) {
        IncidentNotice notice = progress.incident();
        ObjectNode message = WebhookEndpoint.object();
        message.put("text", escape(progress.line()));
        ArrayNode blocks = message.putArray("blocks");
        String changes = progress.line().substring((notice.key() + " " + notice.summary() + ": ").length());
        blocks.addObject()
                .put("type", "section")
                .putObject("text")
                .put("type", "mrkdwn")
                .put(
                        "text",
                        "<" + linkTarget(notice.url()) + "|" + escape(notice.key()) + "> " + escape(notice.summary())
                                + ": " + escape(changes));
        if (!progress.rootCause().isEmpty()) {
            blocks.addObject()
                    .put("type", "section")
                    .putObject("text")
                    .put("type", "plain_text")
                    .put("text", "Root cause: " + String.join("\n", progress.rootCause()));
        }
        ArrayNode elements = blocks.addObject().put("type", "context").putArray("elements");
        addFact(elements, "Priority", notice.priority());
        addFact(elements, "Owner", notice.onDutyName() != null ? notice.onDutyName() : "nobody");
        return message;
    }

    static ObjectNode message(IncidentNotice notice) {
        ObjectNode message = WebhookEndpoint.object();
        // The top-level text is what phone notifications and screen readers show when blocks are present.
        message.put("text", "New incident " + escape(notice.key()) + ": " + escape(notice.summary()));
        ArrayNode blocks = message.putArray("blocks");

        ObjectNode section = blocks.addObject().put("type", "section");
        section.putObject("text")
                .put("type", "mrkdwn")
                .put(
                        "text",
                        "<" + linkTarget(notice.url()) + "|" + escape(notice.key()) + ">: " + escape(notice.summary()));

        ObjectNode context = blocks.addObject().put("type", "context");
        ArrayNode elements = context.putArray("elements");
        // plain_text: names and priorities are shown as typed, with no mrkdwn to escape or to be abused.
        addFact(elements, "Priority", notice.priority());
        addFact(elements, "Reporter", notice.reporterName());
        addFact(elements, "On duty", notice.onDutyName() != null ? notice.onDutyName() : "nobody");
        return message;
    }

    private static void addFact(ArrayNode elements, String label, String value) {
        if (value != null && !value.isBlank()) {
            elements.addObject().put("type", "plain_text").put("text", label + ": " + value);
        }
    }

    /**
     * Slack's mrkdwn needs only {@code &}, {@code <} and {@code >} escaped; without it a summary could carry
     * {@code <!channel>} and page everyone, or a link of its own.
     */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** A {@code |} would end the link target early; the key after it would then be read as part of the URL. */
    private static String linkTarget(String url) {
        return escape(url).replace("|", "%7C");
    }
}
