package io.prodsupport.console;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import io.prodsupport.inbox.DeadLetter;
import io.prodsupport.inbox.Inbox;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/dead-letters}: the dead letters as a JSON array of
 * {@code {id, issue, event, attempts, lastError, when, receivedAt}} ({@code id} is the delivery id, {@code when} the
 * time of the last failed attempt); {@code POST /api/dead-letters/{id}/replay} queues one again with a fresh set of
 * attempts: 200 {@code {"replayed": id}}, 404 for an id that is not a dead letter. The console's replay button posts
 * the form field {@code return=console} and is sent back to the console.
 */
public final class DeadLetterApi {

    public static final String LIST = "/api/dead-letters";
    public static final String REPLAY = "/api/dead-letters/{id}/replay";

    private static final Logger log = LoggerFactory.getLogger(DeadLetterApi.class);

    private final Inbox inbox;

    public DeadLetterApi(Inbox inbox) {
        this.inbox = inbox;
    }

    public Handler list() {
        return ctx ->
                ctx.json(inbox.deadLetters().stream().map(DeadLetterApi::json).toList());
    }

    public Handler replay() {
        return this::replay;
    }

    /** The path the console's replay button posts to. */
    public static String replayPath(String deliveryId) {
        return "/api/dead-letters/"
                + URLEncoder.encode(deliveryId, StandardCharsets.UTF_8).replace("+", "%20") + "/replay";
    }

    private void replay(Context ctx) {
        String id = ctx.pathParam("id");
        boolean fromConsole = "console".equals(ctx.formParam("return"));
        if (!inbox.replay(id)) {
            ctx.status(404).json(Map.of("error", "no dead letter has the id " + id));
            return;
        }
        log.info("dead letter {} queued again on request", id);
        if (fromConsole) {
            ctx.redirect(
                    "/console?replayed=" + URLEncoder.encode(id, StandardCharsets.UTF_8) + "#dead-letters",
                    HttpStatus.SEE_OTHER);
        } else {
            ctx.json(Map.of("replayed", id));
        }
    }

    static Map<String, Object> json(DeadLetter d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.deliveryId());
        m.put("issue", d.orderingKey());
        m.put("event", d.webhookEvent());
        m.put("attempts", d.attempts());
        m.put("lastError", d.lastError());
        m.put("when", d.failedAt().toString());
        m.put("receivedAt", d.receivedAt().toString());
        return m;
    }

    static List<Map<String, Object>> all(Inbox inbox) {
        return inbox.deadLetters().stream().map(DeadLetterApi::json).toList();
    }
}
