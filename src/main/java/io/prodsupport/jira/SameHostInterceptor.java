package io.prodsupport.jira;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Refuses any request that is not for the configured scheme, host and port, so credentials can never be
 * sent elsewhere, whatever a caller or a response tried to make the client do.
 */
final class SameHostInterceptor implements Interceptor {

    private final HttpUrl base;

    SameHostInterceptor(HttpUrl base) {
        this.base = base;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        HttpUrl url = request.url();
        if (!url.scheme().equals(base.scheme()) || !url.host().equals(base.host()) || url.port() != base.port()) {
            throw new JiraException(
                    "refused to send " + request.method() + " to " + origin(url)
                            + ": this client only talks to Jira at " + origin(base),
                    0,
                    request.method(),
                    url.encodedPath(),
                    List.of(),
                    Map.of());
        }
        return chain.proceed(request);
    }

    static String origin(HttpUrl url) {
        boolean defaultPort = url.port() == HttpUrl.defaultPort(url.scheme());
        return url.scheme() + "://" + url.host() + (defaultPort ? "" : ":" + url.port());
    }
}
