package io.prodsupport.jirasim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * What happens to every REST request before its route runs, in the order a real site would do it:
 * count it, apply injected faults (a proxy or rate limiter answers before Jira looks), authenticate,
 * parse and check the body against the OpenAPI spec. Jira's error bodies come out of here too.
 */
final class RequestPipeline {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final SimState state;
    private final CallCounter calls;
    private final FaultInjector faults;
    private final SpecViolations violations;
    private final boolean validate;

    RequestPipeline(
            SimState state, CallCounter calls, FaultInjector faults, SpecViolations violations, boolean validate) {
        this.state = state;
        this.calls = calls;
        this.faults = faults;
        this.violations = violations;
        this.validate = validate;
    }

    /** Registers {@code template} (Javalin and OpenAPI share the {@code {param}} syntax and names). */
    void route(RoutesConfig routes, HandlerType method, String template, SimHandler handler) {
        String key = method.name() + " " + template;
        routes.addHttpHandler(method, template, ctx -> handle(ctx, key, handler));
    }

    private void handle(Context ctx, String key, SimHandler handler) throws Exception {
        calls.record(key);
        if (faults.apply(ctx, key)) {
            return;
        }
        Optional<SimUser> caller = authenticate(ctx.header("Authorization"));
        boolean anonymousOk = key.equals("GET /rest/api/2/serverInfo") && ctx.header("Authorization") == null;
        if (caller.isEmpty() && !anonymousOk) {
            unauthorized(ctx);
            return;
        }
        try {
            // a multipart upload carries files, not JSON: the spec check sees its parts, the route reads the bytes
            boolean multipart = MultipartForm.is(ctx.contentType());
            String raw =
                    new String(ctx.bodyAsBytes(), multipart ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
            JsonNode body = multipart ? null : parse(raw);
            // the spec covers /rest/api only; the admin webhooks API (/rest/webhooks/1.0) is modelled from its docs
            if (validate && ctx.path().startsWith("/rest/api/")) {
                List<String> messages = OpenApiConformance.check(
                        ctx.method().name(), ctx.path(), ctx.queryParamMap(), ctx.contentType(), body, raw);
                if (!messages.isEmpty()) {
                    violations.record(messages);
                    throw JiraError.messages(400, messages.toArray(String[]::new));
                }
            }
            handler.handle(new SimCall(ctx, caller.orElse(null), body));
        } catch (JiraError e) {
            ctx.status(e.status).contentType("application/json;charset=UTF-8").result(e.body.toString());
        }
    }

    private static JsonNode parse(String raw) {
        if (raw.isBlank()) {
            return null;
        }
        try {
            return MAPPER.readTree(raw);
        } catch (JsonProcessingException e) {
            // Jira answers malformed JSON with Jackson's own message in errorMessages.
            throw JiraError.messages(400, e.getOriginalMessage());
        }
    }

    private Optional<SimUser> authenticate(String header) {
        if (header == null) {
            return Optional.empty();
        }
        synchronized (state) {
            if (state.flavour == Flavour.CLOUD && header.startsWith("Basic ")) {
                String decoded;
                try {
                    decoded = new String(
                            Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    return Optional.empty();
                }
                int colon = decoded.indexOf(':');
                if (colon < 0) {
                    return Optional.empty();
                }
                String email = decoded.substring(0, colon);
                String token = decoded.substring(colon + 1);
                return state.users.stream()
                        .filter(u -> u.email().equalsIgnoreCase(email)
                                && u.apiToken().equals(token))
                        .findFirst();
            }
            if (state.flavour == Flavour.DATA_CENTER && header.startsWith("Bearer ")) {
                String pat = header.substring(7).trim();
                return state.users.stream()
                        .filter(u -> u.personalAccessToken().equals(pat))
                        .findFirst();
            }
            return Optional.empty();
        }
    }

    /** Cloud answers 401 with a plain-text line; Data Center with Jira's JSON error body. */
    private void unauthorized(Context ctx) {
        if (state.flavour == Flavour.CLOUD) {
            ctx.status(401)
                    .contentType("text/plain;charset=UTF-8")
                    .result("Client must be authenticated to access this resource.");
        } else {
            ctx.status(401)
                    .contentType("application/json;charset=UTF-8")
                    .result(JiraError.messages(
                                    401,
                                    "You are not authenticated. Authentication required to perform this operation.")
                            .body
                            .toString());
        }
    }
}
