package io.prodsupport.jirasim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * A plain OkHttp client for the simulator's own tests, authenticating as one user the way each flavour
 * expects. Deliberately not the production client: these tests pin the simulator, not the client.
 * Connection-failure retries are off so a dropped connection surfaces as the IOException it is.
 */
final class SimHttp {
    record Answer(int status, String body, Headers headers) {
        JsonNode json() {
            try {
                return new ObjectMapper().readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(body, e);
            }
        }
    }

    private static final MediaType JSON = MediaType.get("application/json");
    private static final OkHttpClient CLIENT =
            new OkHttpClient.Builder().retryOnConnectionFailure(false).build();
    private final String baseUrl;
    private final String authorization;

    SimHttp(JiraSimulator sim, SimUser user) {
        this.baseUrl = sim.baseUrl();
        this.authorization = user == null ? null : authorization(sim.flavour(), user);
    }

    static String authorization(Flavour flavour, SimUser user) {
        if (flavour == Flavour.CLOUD) {
            String pair = user.email() + ":" + user.apiToken();
            return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
        }
        return "Bearer " + user.personalAccessToken();
    }

    Answer get(String path) throws IOException {
        return call(new Request.Builder().url(baseUrl + path).get());
    }

    Answer post(String path, String json) throws IOException {
        return call(new Request.Builder().url(baseUrl + path).post(RequestBody.create(json, JSON)));
    }

    Answer put(String path, String json) throws IOException {
        return call(new Request.Builder().url(baseUrl + path).put(RequestBody.create(json, JSON)));
    }

    Answer delete(String path) throws IOException {
        return call(new Request.Builder().url(baseUrl + path).delete());
    }

    private Answer call(Request.Builder request) throws IOException {
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try (Response r = CLIENT.newCall(request.build()).execute()) {
            return new Answer(r.code(), r.body().string(), r.headers());
        }
    }
}
