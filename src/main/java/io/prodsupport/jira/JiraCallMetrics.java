package io.prodsupport.jira;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Counts every request that reaches the wire by endpoint and answer ({@code prodsupport_jira_calls_total{method,
 * endpoint, status}}; a retried call counts once per attempt). Retries and rate-limit waits are {@link RetryStats}.
 *
 * <p>Endpoints are path templates ({@code /rest/api/2/issue/{key}/watchers}), never the issue key or an id, so the
 * number of series stays small however many incidents there are. The meters go to a registry of the client's own that
 * the service's registry is added to ({@link #bindTo}), so a client built before the registry counts from its first
 * call.
 */
final class JiraCallMetrics implements Interceptor {

    private static final Pattern ISSUE_KEY = Pattern.compile("[A-Z][A-Z0-9_]*-\\d+");
    private static final Pattern NUMBER = Pattern.compile("\\d+");
    /** Path segments after which the next segment names one thing (a project, a property, a user). */
    private static final List<String> NAMED_BY_NEXT = List.of("project", "properties", "version", "webhook");

    private final CompositeMeterRegistry registry = new CompositeMeterRegistry();

    void bindTo(MeterRegistry target) {
        registry.add(target);
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        Response response;
        try {
            response = chain.proceed(request);
        } catch (IOException e) {
            count(request, "io_error");
            throw e;
        }
        count(request, String.valueOf(response.code()));
        return response;
    }

    private void count(Request request, String status) {
        Counter.builder("prodsupport.jira.calls")
                .description("Requests sent to Jira, by endpoint and answer (io_error: no answer)")
                .tag("method", request.method())
                .tag("endpoint", endpoint(request.url().encodedPath()))
                .tag("status", status)
                .register(registry)
                .increment();
    }

    /** {@code /rest/api/2/issue/OPS-12/comment/10002} → {@code /rest/api/2/issue/{key}/comment/{id}}. */
    static String endpoint(String path) {
        String[] segments = path.split("/", -1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < segments.length; i++) {
            String s = segments[i];
            String previous = i > 0 ? segments[i - 1] : "";
            if (i > 0) {
                out.append('/');
            }
            if (ISSUE_KEY.matcher(s).matches()) {
                out.append("{key}");
            } else if (NUMBER.matcher(s).matches() && !(previous.equals("api") || previous.equals("1.0"))) {
                out.append("{id}");
            } else if (!s.isEmpty() && NAMED_BY_NEXT.contains(previous)) {
                out.append('{').append(previous).append('}');
            } else {
                out.append(s);
            }
        }
        return out.toString();
    }
}
