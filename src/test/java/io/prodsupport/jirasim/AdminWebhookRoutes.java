package io.prodsupport.jirasim;

import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;
import static io.javalin.http.HandlerType.PUT;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.prodsupport.jirasim.jql.JqlException;
import io.prodsupport.jirasim.jql.JqlQuery;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;

/**
 * The admin webhooks REST API, {@code /rest/webhooks/1.0/webhook}, as Atlassian documents it for Cloud and Data
 * Center ("Webhooks" on developer.atlassian.com; "Managing webhooks" for Data Center): list, read, register, update,
 * delete. Only Jira administrators may use it (403 for everybody else). A webhook is {@code name}, {@code url},
 * {@code events}, {@code filters} ({@code issue-related-events-section}: the JQL of issue events),
 * {@code excludeBody}, {@code enabled} and its {@code self} link.
 *
 * <p>Secrets: Cloud's admin webhooks take a {@code secret} (REST and admin screen alike, since 2024); Data Center
 * takes one from Jira 10 on. Jira never shows a secret again: it is write-only, and an update without one keeps the
 * old one. A Data Center site before 10 ignores the field, so its deliveries stay unsigned.
 *
 * <p>Not modelled: Cloud delivers only to HTTPS URLs with a publicly trusted certificate; the simulator delivers to
 * plain http on loopback, so tests need no certificates.
 */
final class AdminWebhookRoutes {
    static final String PATH = "/rest/webhooks/1.0/webhook";
    static final String FILTER_KEY = "issue-related-events-section";

    private final SimState state;
    private final JsonShapes shapes;
    private final Webhooks webhooks;
    private final JsonNodeFactory json = JsonNodeFactory.instance;

    AdminWebhookRoutes(SimState state, JsonShapes shapes, Webhooks webhooks) {
        this.state = state;
        this.shapes = shapes;
        this.webhooks = webhooks;
    }

    void register(RequestPipeline p, RoutesConfig r) {
        p.route(r, GET, PATH, this::list);
        p.route(r, POST, PATH, this::create);
        p.route(r, GET, PATH + "/{id}", c -> c.answer(200, toJson(find(c))));
        p.route(r, PUT, PATH + "/{id}", this::update);
        p.route(r, DELETE, PATH + "/{id}", this::delete);
    }

    private void list(SimCall c) {
        admin(c);
        ArrayNode list = json.arrayNode();
        webhooks.registrations().forEach(w -> list.add(toJson(w)));
        c.ctx().status(200).contentType("application/json;charset=UTF-8").result(list.toString());
    }

    private void create(SimCall c) {
        admin(c);
        Webhooks.Registration w = read(c, 0);
        Webhooks.Registration created = webhooks.add(
                w.name(),
                w.url(),
                w.secret(),
                w.events(),
                w.jql(),
                w.excludeBody(),
                w.enabled(),
                c.caller().username());
        c.ctx().header("Location", self(created));
        c.answer(201, toJson(created));
    }

    private void update(SimCall c) {
        Webhooks.Registration old = find(c);
        Webhooks.Registration updated =
                webhooks.replace(old.id(), read(c, old.id())).orElseThrow(AdminWebhookRoutes::notFound);
        c.answer(200, toJson(updated));
    }

    private void delete(SimCall c) {
        Webhooks.Registration old = find(c);
        webhooks.remove(old.id());
        c.noContent();
    }

    private Webhooks.Registration find(SimCall c) {
        admin(c);
        long id;
        try {
            id = Long.parseLong(c.path("id"));
        } catch (NumberFormatException e) {
            throw notFound();
        }
        return webhooks.find(id).orElseThrow(AdminWebhookRoutes::notFound);
    }

    private static JiraError notFound() {
        return JiraError.messages(404, "Webhook not found.");
    }

    /** Administering webhooks is the "Administer Jira" global permission. */
    private static void admin(SimCall c) {
        if (!c.caller().siteAdmin()) {
            throw JiraError.messages(403, "You must be a Jira administrator to manage webhooks.");
        }
    }

    private Webhooks.Registration read(SimCall c, long id) {
        JsonNode b = c.json();
        if (!b.isObject()) {
            throw JiraError.messages(400, "The request body must be a webhook.");
        }
        String name = b.path("name").asText("").strip();
        if (name.isEmpty()) {
            throw JiraError.field(400, "name", "Name is required.");
        }
        String url = b.path("url").asText("").strip();
        if (!isHttpUrl(url)) {
            throw JiraError.field(400, "url", "URL is not valid: " + url);
        }
        List<String> events = new ArrayList<>();
        for (JsonNode e : b.path("events")) {
            events.add(e.asText());
        }
        String jql = b.path("filters").path(FILTER_KEY).asText("").strip();
        if (!jql.isEmpty()) {
            try {
                JqlQuery.parse(jql);
            } catch (JqlException e) {
                throw JiraError.field(400, FILTER_KEY, e.getMessage());
            }
        }
        boolean takesSecret = state.flavour == Flavour.CLOUD || state.dataCenterMajor() >= 10;
        String secret = takesSecret
                        && b.hasNonNull("secret")
                        && !b.get("secret").asText().isEmpty()
                ? b.get("secret").asText()
                : null;
        return new Webhooks.Registration(
                id,
                name,
                url,
                secret,
                events,
                jql.isEmpty() ? null : jql,
                b.path("excludeBody").asBoolean(false),
                b.path("enabled").asBoolean(true),
                c.caller().username(),
                0);
    }

    private static boolean isHttpUrl(String url) {
        try {
            URI u = new URI(url);
            return ("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private String self(Webhooks.Registration w) {
        return shapes.baseUrl() + PATH + "/" + w.id();
    }

    /** The secret never leaves Jira again. */
    private ObjectNode toJson(Webhooks.Registration w) {
        ObjectNode n = json.objectNode();
        n.put("name", w.name());
        n.put("url", w.url());
        n.put("excludeBody", w.excludeBody());
        ObjectNode filters = n.putObject("filters");
        filters.put(FILTER_KEY, w.jql() == null ? "" : w.jql());
        ArrayNode events = n.putArray("events");
        w.events().forEach(events::add);
        n.put("enabled", w.enabled());
        n.put("self", self(w));
        n.put("lastUpdatedUser", w.lastUpdatedUser());
        n.put(
                "lastUpdatedDisplayName",
                state.findUser(w.lastUpdatedUser()).map(SimUser::displayName).orElse(w.lastUpdatedUser()));
        n.put("lastUpdated", w.lastUpdated());
        return n;
    }
}
