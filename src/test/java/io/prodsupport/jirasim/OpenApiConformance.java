package io.prodsupport.jirasim;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.prodsupport.testing.TestData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks each request against Atlassian's OpenAPI document (Jira Cloud platform REST API, v3 paths).
 * Loading the spec takes over a second, so it is loaded once per JVM, lazily, in a holder shared by all
 * simulators.
 *
 * <p>REST v2 is v3 with rich-text fields as plain strings. Before validating, string values of the rich-text
 * fields the simulator knows (description and environment in {@code fields} and in {@code update} set
 * operations, and a comment's {@code body}) are wrapped into a minimal ADF document. This was chosen over
 * whitelisting validator messages because it keeps every other check on those bodies intact and stays
 * correct if a spec release types those fields strictly (the current one leaves them free-form).
 */
final class OpenApiConformance {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<String> RICH_TEXT_FIELDS = List.of("description", "environment");

    private static final class Holder {
        static final OpenApiInteractionValidator VALIDATOR = load();
    }

    private OpenApiConformance() {}

    private static OpenApiInteractionValidator load() {
        Path spec = TestData.file("openapi/swagger-v3.v3.json");
        return OpenApiInteractionValidator.createForSpecificationUrl(
                        spec.toUri().toString())
                // Auth is the simulator's own check (Cloud Basic, DC Bearer); the Cloud spec knows no PATs.
                .withLevelResolver(LevelResolver.create()
                        .withLevel("validation.request.security", ValidationReport.Level.IGNORE)
                        .build())
                .build();
    }

    /** Forces the one-off load, e.g. before timing-sensitive tests. */
    static void preload() {
        Holder.VALIDATOR.hashCode();
    }

    /** The validator's error messages for this request; empty when it conforms. */
    static List<String> check(
            String method,
            String path,
            Map<String, List<String>> query,
            String contentType,
            JsonNode body,
            String rawBody) {
        String v3Path = path.replaceFirst("^/rest/api/2/", "/rest/api/3/");
        SimpleRequest.Builder request = new SimpleRequest.Builder(method, v3Path);
        query.forEach(request::withQueryParam);
        if (contentType != null) {
            request.withContentType(contentType);
        }
        if (rawBody != null && !rawBody.isEmpty()) {
            request.withBody(body == null ? rawBody : asV3(v3Path, body).toString());
        }
        ValidationReport report = Holder.VALIDATOR.validateRequest(request.build());
        List<String> out = new ArrayList<>();
        for (ValidationReport.Message m : report.getMessages()) {
            if (m.getLevel() == ValidationReport.Level.ERROR) {
                out.add(method + " " + path + ": " + m.getMessage());
            }
        }
        return out;
    }

    private static JsonNode asV3(String v3Path, JsonNode body) {
        JsonNode copy = body.deepCopy();
        if (v3Path.matches("/rest/api/3/issue/[^/]+/comment")
                && copy.path("body").isTextual()) {
            ((ObjectNode) copy).set("body", adf(copy.path("body").asText()));
        }
        if (v3Path.matches("/rest/api/3/issue(/[^/]+)?")) {
            JsonNode fields = copy.path("fields");
            JsonNode update = copy.path("update");
            for (String f : RICH_TEXT_FIELDS) {
                if (fields.path(f).isTextual()) {
                    ((ObjectNode) fields).set(f, adf(fields.path(f).asText()));
                }
                if (update.path(f).isArray()) {
                    for (JsonNode op : update.path(f)) {
                        if (op.path("set").isTextual()) {
                            ((ObjectNode) op).set("set", adf(op.path("set").asText()));
                        }
                    }
                }
            }
        }
        return copy;
    }

    /** The smallest ADF document holding {@code text}: doc > paragraph > text. */
    static ObjectNode adf(String text) {
        ObjectNode doc = MAPPER.createObjectNode().put("type", "doc").put("version", 1);
        ArrayNode paragraphs = doc.putArray("content");
        ObjectNode paragraph = paragraphs.addObject().put("type", "paragraph");
        if (!text.isEmpty()) {
            paragraph.putArray("content").addObject().put("type", "text").put("text", text);
        }
        return doc;
    }
}
