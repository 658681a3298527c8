package io.prodsupport.webhook;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code GET /api/*} routes, each behind {@code Authorization: Bearer <console.token>}: a missing or wrong token
 * gets 401 and the route is not run. The token is compared in constant time and never written anywhere. Without a
 * configured token the routes are not registered at all, so Javalin answers 404.
 */
public final class ApiRoutes {

    private final byte[] token;
    private final Map<String, Handler> routes;

    /** @param routes path → handler, e.g. {@code /api/analytics} */
    public ApiRoutes(String token, Map<String, Handler> routes) {
        Objects.requireNonNull(token, "token");
        if (token.isBlank()) {
            throw new IllegalArgumentException("console.token is blank");
        }
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.routes = new LinkedHashMap<>(routes);
    }

    void register(RoutesConfig config) {
        routes.forEach((path, handler) -> config.get(path, ctx -> {
            if (authorised(ctx)) {
                handler.handle(ctx);
            } else {
                ctx.header("WWW-Authenticate", "Bearer realm=\"prodsupport\"")
                        .status(401)
                        .json(Map.of("error", "this needs the header Authorization: Bearer <console.token>"));
            }
        }));
    }

    private boolean authorised(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] given = header.substring(7).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, token);
    }
}
