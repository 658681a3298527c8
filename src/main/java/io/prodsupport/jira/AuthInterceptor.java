package io.prodsupport.jira;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;

/** Adds the {@code Authorization} header: Basic {@code email:apiToken} on Cloud, Bearer PAT on Data Center. */
final class AuthInterceptor implements Interceptor {

    private final String authorization;

    AuthInterceptor(JiraCredentials credentials) {
        this.authorization = credentials.authorizationHeader();
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        return chain.proceed(chain.request()
                .newBuilder()
                .header("Authorization", authorization)
                .header("Accept", "application/json")
                .build());
    }

    @Override
    public String toString() {
        return "AuthInterceptor[****]";
    }
}
