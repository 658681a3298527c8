package io.prodsupport.jira;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** Sends one JSON request and reads one JSON answer, mapping every failure to a {@link JiraException}. */
final class JiraHttp {

    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    private final OkHttpClient client;
    private final ObjectMapper mapper;
    private final HttpUrl base;

    JiraHttp(OkHttpClient client, ObjectMapper mapper, HttpUrl base) {
        this.client = client;
        this.mapper = mapper;
        this.base = base;
    }

    /** {@code <base>/rest/api/2/<segments...>}; each segment is percent-encoded, so a key cannot change the path. */
    HttpUrl.Builder api(String... segments) {
        HttpUrl.Builder url = base.newBuilder().addPathSegments("rest/api/2");
        for (String segment : segments) {
            url.addPathSegment(segment);
        }
        return url;
    }

    /** {@code <base>/rest/webhooks/1.0/webhook[/<id>]}: the admin webhooks API, beside REST v2. */
    HttpUrl.Builder adminWebhooks(String... segments) {
        HttpUrl.Builder url = base.newBuilder().addPathSegments("rest/webhooks/1.0/webhook");
        for (String segment : segments) {
            url.addPathSegment(segment);
        }
        return url;
    }

    JsonNode get(HttpUrl url, String subject) {
        return execute(new Request.Builder().url(url).get().build(), subject, false)
                .orElseThrow();
    }

    /** A GET where 404 means "there is none" rather than an error. */
    Optional<JsonNode> getIfPresent(HttpUrl url) {
        return execute(new Request.Builder().url(url).get().build(), null, true);
    }

    JsonNode send(String method, HttpUrl url, JsonNode body, Replay replay, String subject) {
        RequestBody requestBody;
        try {
            requestBody = RequestBody.create(mapper.writeValueAsBytes(body), JSON);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise the request body for " + url.encodedPath(), e);
        }
        Request request = new Request.Builder()
                .url(url)
                .method(method, requestBody)
                .tag(Replay.class, replay)
                .build();
        return execute(request, subject, false).orElseThrow();
    }

    /**
     * One file as multipart form data under {@code field}. Jira refuses a multipart request without
     * {@code X-Atlassian-Token: no-check} as a possible cross-site request forgery, so it is always sent.
     */
    JsonNode upload(
            HttpUrl url,
            String field,
            String filename,
            String mimeType,
            byte[] content,
            Replay replay,
            String subject) {
        MediaType type = MediaType.parse(mimeType == null ? "" : mimeType);
        RequestBody file = RequestBody.create(content, type != null ? type : MediaType.get("application/octet-stream"));
        RequestBody body = new MultipartBody.Builder()
                .setType(MultipartBody.FORM)
                .addFormDataPart(field, filename, file)
                .build();
        Request request = new Request.Builder()
                .url(url)
                .post(body)
                .header("X-Atlassian-Token", "no-check")
                .tag(Replay.class, replay)
                .build();
        return execute(request, subject, false).orElseThrow();
    }

    private Optional<JsonNode> execute(Request request, String subject, boolean absentIsEmpty) {
        String method = request.method();
        String path = request.url().encodedPath();
        String text;
        try (Response response = client.newCall(request).execute()) {
            text = response.body().string();
            if (absentIsEmpty && response.code() == 404) {
                return Optional.empty();
            }
            if (!response.isSuccessful()) {
                throw JiraErrors.fromResponse(
                        response.code(), method, path, subject, text, response.header("Location"));
            }
        } catch (IOException e) {
            throw new JiraUnreachableException(
                    SameHostInterceptor.origin(base), JiraErrors.describe(e), method, path, e);
        }
        if (text.isBlank()) {
            return Optional.of(MissingNode.getInstance());
        }
        try {
            return Optional.of(mapper.readTree(text));
        } catch (JsonProcessingException e) {
            throw new JiraException(
                    method + " " + path + " answered with a body that is not JSON",
                    200,
                    method,
                    path,
                    List.of(),
                    Map.of());
        }
    }
}
