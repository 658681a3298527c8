package io.prodsupport.jira;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import okhttp3.Headers;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each request that goes on the wire at DEBUG: method, path, status, millis, and the request
 * headers with {@code Authorization} (and cookies) redacted. Bodies are never logged: they carry
 * incident text.
 */
final class RequestLogInterceptor implements Interceptor {

    private static final Logger LOG = LoggerFactory.getLogger(RequestLogInterceptor.class);
    private static final Set<String> REDACTED = Set.of("authorization", "cookie", "set-cookie", "proxy-authorization");

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        if (!LOG.isDebugEnabled()) {
            return chain.proceed(request);
        }
        LOG.debug("--> {} {} [{}]", request.method(), request.url().encodedPath(), redacted(request.headers()));
        long started = System.nanoTime();
        try {
            Response response = chain.proceed(request);
            LOG.debug(
                    "<-- {} {} {} ({} ms)",
                    response.code(),
                    request.method(),
                    request.url().encodedPath(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            return response;
        } catch (IOException e) {
            LOG.debug(
                    "<-- failed {} {} ({} ms): {}",
                    request.method(),
                    request.url().encodedPath(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                    e.toString());
            throw e;
        }
    }

    static String redacted(Headers headers) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < headers.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            String name = headers.name(i);
            out.append(name).append(": ").append(REDACTED.contains(name.toLowerCase()) ? "██" : headers.value(i));
        }
        return out.toString();
    }
}
