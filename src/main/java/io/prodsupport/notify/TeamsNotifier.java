package io.prodsupport.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import okhttp3.OkHttpClient;

/**
 * Posts a new incident to a Microsoft Teams channel as an Adaptive Card 1.4 with a button that opens the ticket.
 *
 * <p>The payload is a {@code message} whose one attachment has content type
 * {@code application/vnd.microsoft.card.adaptive}, the shape both a Workflows "When a Teams webhook request is
 * received" webhook and a legacy incoming webhook accept. Workflows replace the retired Microsoft 365 (Office 365)
 * connectors and take Adaptive Cards only, not the old MessageCard: see
 * <a href="https://learn.microsoft.com/microsoftteams/platform/webhooks-and-connectors/how-to/connectors-using">
 * Create and send messages</a> ("Known issues") and "Send Adaptive Cards using an Incoming Webhook" in
 * <a href="https://learn.microsoft.com/microsoftteams/platform/webhooks-and-connectors/how-to/add-incoming-webhook">
 * Create an Incoming Webhook</a>.
 *
 * <p>People's text goes into {@code TextRun}s of a {@code RichTextBlock}, where the schema says Markdown is not
 * supported (<a href="https://learn.microsoft.com/adaptive-cards/schema-explorer/text-run">TextRun</a>); in a
 * {@code TextBlock} or a {@code FactSet} Teams would render a summary's {@code [text](url)} as a link.
 */
public final class TeamsNotifier implements Notifier {

    public static final String CHANNEL = "teams";

    private final WebhookEndpoint endpoint;

    /**
     * @param webhookUrl the incoming webhook's URL; it is the credential, so it never appears in an exception
     * @param http       any client; the channel uses a copy without its interceptors (see
     *                   {@link WebhookEndpoint#forWebhooks})
     * @throws IllegalArgumentException when the URL is missing or not an http(s) URL
     */
    public TeamsNotifier(String webhookUrl, OkHttpClient http) {
        this(webhookUrl, http, DeliveryBudget.DEFAULT);
    }

    public TeamsNotifier(String webhookUrl, OkHttpClient http, DeliveryBudget budget) {
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
        endpoint.post(wrap(progressCard(message)));
    }

    @Override
    public void handover(ChannelMessage message) {
        endpoint.post(handoverMessage(message));
    }

    /**
     * The title, a line saying who is on duty until when, then per inherited incident its key (a link to the ticket,
     * by the run's {@code selectAction}) and summary, and a line with status, priority and owner.
     */
    static ObjectNode handoverMessage(ChannelMessage handover) {
        ChannelMessage.Handover h = handover.handover();
        ObjectNode card = titledCard(handover.title());
        ArrayNode body = (ArrayNode) card.get("body");
        richText(body).addObject().put("type", "TextRun").put("text", handover.line());
        for (IncidentNotice notice : h.inherited()) {
            ArrayNode headline = richText(body);
            ObjectNode key = headline.addObject()
                    .put("type", "TextRun")
                    .put("text", notice.key())
                    .put("weight", "Bolder");
            key.putObject("selectAction").put("type", "Action.OpenUrl").put("url", notice.url());
            headline.addObject().put("type", "TextRun").put("text", ": " + notice.summary());
            addFact(body, "Status", notice.status());
            addFact(body, "Priority", notice.priority());
            addFact(body, "Owner", notice.onDutyName() != null ? notice.onDutyName() : "nobody");
        }
        if (h.moreIncidents() > 0) {
            richText(body)
                    .addObject()
                    .put("type", "TextRun")
                    .put("text", "and " + h.moreIncidents() + " more open incident(s)")
                    .put("isSubtle", true);
        }
        return wrap(card);
    }

    private static ObjectNode progressCard(ChannelMessage progress) {
        IncidentNotice notice = progress.incident();
        ObjectNode card = titledCard(progress.title());
        ArrayNode body = (ArrayNode) card.get("body");
        ArrayNode line = richText(body);
        line.addObject().put("type", "TextRun").put("text", notice.key()).put("weight", "Bolder");
        line.addObject()
                .put("type", "TextRun")
                .put("text", progress.line().substring(notice.key().length()));
        if (!progress.rootCause().isEmpty()) {
            addFact(body, "Root cause", String.join("\n", progress.rootCause()));
        }
        addFact(body, "Priority", notice.priority());
        addFact(body, "Owner", notice.onDutyName() != null ? notice.onDutyName() : "nobody");
        openButton(card, notice);
        return card;
    }

    static ObjectNode message(IncidentNotice notice) {
        return wrap(card(notice));
    }

    private static ObjectNode wrap(ObjectNode card) {
        ObjectNode message = WebhookEndpoint.object().put("type", "message");
        ObjectNode attachment = message.putArray("attachments")
                .addObject()
                .put("contentType", "application/vnd.microsoft.card.adaptive");
        attachment.putNull("contentUrl");
        attachment.set("content", card);
        return message;
    }

    private static ObjectNode card(IncidentNotice notice) {
        ObjectNode card = titledCard("New incident");
        ArrayNode body = (ArrayNode) card.get("body");

        ArrayNode headline = richText(body);
        headline.addObject().put("type", "TextRun").put("text", notice.key()).put("weight", "Bolder");
        headline.addObject().put("type", "TextRun").put("text", ": " + notice.summary());

        addFact(body, "Priority", notice.priority());
        addFact(body, "Reporter", notice.reporterName());
        addFact(body, "On duty", notice.onDutyName() != null ? notice.onDutyName() : "nobody");

        openButton(card, notice);
        return card;
    }

    /** An Adaptive Card whose body begins with {@code title}, bold. */
    private static ObjectNode titledCard(String title) {
        ObjectNode card = WebhookEndpoint.object()
                .put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json")
                .put("type", "AdaptiveCard")
                .put("version", "1.4");
        card.putArray("body")
                .addObject()
                .put("type", "TextBlock")
                .put("text", title)
                .put("weight", "Bolder")
                .put("size", "Medium")
                .put("wrap", true);
        return card;
    }

    /** The card's one button: opens the incident in Jira. */
    private static void openButton(ObjectNode card, IncidentNotice notice) {
        card.putArray("actions")
                .addObject()
                .put("type", "Action.OpenUrl")
                .put("title", "Open " + notice.key())
                .put("url", notice.url());
    }

    private static void addFact(ArrayNode body, String label, String value) {
        if (value != null && !value.isBlank()) {
            ArrayNode runs = richText(body);
            runs.addObject().put("type", "TextRun").put("text", label + ": ").put("isSubtle", true);
            runs.addObject().put("type", "TextRun").put("text", value);
        }
    }

    private static ArrayNode richText(ArrayNode body) {
        return body.addObject().put("type", "RichTextBlock").putArray("inlines");
    }
}
