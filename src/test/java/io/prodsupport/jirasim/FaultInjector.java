package io.prodsupport.jirasim;

import io.javalin.http.Context;
import java.time.Duration;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;

/** Applies {@link Faults} to one call; answers it (or kills its connection) when a fault fires. */
final class FaultInjector {
    private final Faults faults;

    FaultInjector(Faults faults) {
        this.faults = faults;
    }

    /** True when the call has been answered (or dropped) here and the route must not run. */
    boolean apply(Context ctx, String key) throws InterruptedException {
        Faults.FaultState shared = faults.shared();
        sleep(shared.latency);
        Faults.TokenBucket bucket = shared.bucket;
        if (bucket != null) {
            int wait = bucket.take();
            if (wait > 0) {
                faults.answered(key, wait);
                rateLimited(ctx, wait);
                return true;
            }
        }
        for (Faults.Rule rule : faults.rules()) {
            if (!rule.appliesTo(key)) {
                continue;
            }
            switch (rule.kind()) {
                case SLOW -> sleep(rule.duration());
                case RATE_LIMIT -> {
                    faults.answered(key, rule.amount());
                    rateLimited(ctx, rule.amount());
                    return true;
                }
                case FAIL -> {
                    faults.answered(key, 0);
                    fail(ctx, rule.amount());
                    return true;
                }
                case DROP_CONNECTION -> {
                    // Closing Jetty's endpoint before anything is written: the client reads EOF instead of a status
                    // line.
                    ServletContextRequest.getServletContextRequest(ctx.req())
                            .getConnectionMetaData()
                            .getConnection()
                            .getEndPoint()
                            .close();
                    return true;
                }
                default -> throw new IllegalStateException(rule.kind().name());
            }
        }
        faults.answered(key, 0);
        return false;
    }

    private static void sleep(Duration d) throws InterruptedException {
        if (d != null && !d.isZero()) {
            Thread.sleep(d.toMillis());
        }
    }

    private static void rateLimited(Context ctx, int retryAfterSeconds) {
        ctx.header("Retry-After", String.valueOf(retryAfterSeconds));
        ctx.header("X-RateLimit-Limit", "100");
        ctx.header("X-RateLimit-Remaining", "0");
        ctx.header("RateLimit-Reason", "jira-burst-based");
        ctx.status(429)
                .contentType("application/json;charset=UTF-8")
                .result(JiraError.messages(429, "Rate limit exceeded.").body.toString());
    }

    /** 500 and 503 come from Jira itself (JSON); 502 comes from the edge proxy in front of it (HTML). */
    private static void fail(Context ctx, int status) {
        if (status == 502) {
            ctx.status(502).contentType("text/html").result("<html><body><h1>502 Bad Gateway</h1></body></html>");
            return;
        }
        String message = status == 503
                ? "Service Unavailable: Jira is temporarily unable to handle the request."
                : "Internal server error";
        ctx.status(status)
                .contentType("application/json;charset=UTF-8")
                .result(JiraError.messages(status, message).body.toString());
    }
}
