package io.prodsupport.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.prodsupport.config.ConfigSchema.Choice;
import io.prodsupport.config.ConfigSchema.Key;
import io.prodsupport.config.ConfigSchema.Kind;
import io.prodsupport.config.ConfigSchema.Leaf;
import io.prodsupport.config.ConfigSchema.ListOf;
import io.prodsupport.config.ConfigSchema.Obj;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks the substituted YAML tree against {@link ConfigSchema}, collecting every problem rather than stopping at
 * the first, and normalises what it accepts (numbers and booleans given as strings by ${ENV}, secrets read from
 * {@code file:} paths) so binding cannot fail afterwards. No message ever quotes a secret's value.
 */
final class ConfigValidator {

    private final Set<String> substitutedPaths;
    private final Set<String> pathsWithProblems;
    private final List<String> problems = new ArrayList<>();

    ConfigValidator(Set<String> substitutedPaths, Set<String> pathsWithProblems) {
        this.substitutedPaths = substitutedPaths;
        this.pathsWithProblems = pathsWithProblems;
    }

    List<String> validate(ObjectNode root) {
        object(root, ConfigSchema.ROOT, "");
        return problems;
    }

    private void object(ObjectNode node, Obj shape, String prefix) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String path = prefix + e.getKey();
            Key key = shape.keys().get(e.getKey());
            if (key == null) {
                problems.add(path + ": unknown key"
                        + suggestion(e.getKey(), shape.keys().keySet(), prefix));
                continue;
            }
            if (e.getValue().isNull()) {
                continue; // "key:" with nothing after it means "use the default"
            }
            if (key.shape() instanceof Obj child) {
                if (e.getValue() instanceof ObjectNode childNode) {
                    object(childNode, child, path + ".");
                } else {
                    problems.add(path + ": expected a section with keys "
                            + String.join(", ", child.keys().keySet()));
                }
            } else if (key.shape() instanceof ListOf list) {
                list(node, e, list.element(), path);
            } else if (key.shape() instanceof ConfigSchema.MapOf map) {
                map(e.getValue(), map.value(), path);
            } else if (key.shape() instanceof Choice choice) {
                choice(e.getValue(), choice, path);
            } else {
                Kind kind = ((Leaf) key.shape()).kind();
                JsonNode normalised = leaf(e.getValue(), kind, path);
                if (normalised != null) {
                    e.setValue(normalised);
                }
            }
        }
        for (Key key : shape.keys().values()) {
            String path = prefix + key.name();
            JsonNode value = node.get(key.name());
            if (key.required() && (value == null || value.isNull()) && !pathsWithProblems.contains(path)) {
                problems.add(path + ": missing (required)");
            }
        }
    }

    private void list(ObjectNode parent, Map.Entry<String, JsonNode> e, Kind element, String path) {
        if (!(e.getValue() instanceof ArrayNode array)) {
            problems.add(path + ": expected a list, e.g. [" + describeExample(element) + "]");
            return;
        }
        for (int i = 0; i < array.size(); i++) {
            JsonNode normalised = leaf(array.get(i), element, path + "[" + i + "]");
            if (normalised != null) {
                array.set(i, normalised);
            }
        }
    }

    private void map(JsonNode value, Kind kind, String path) {
        if (!(value instanceof ObjectNode entries)) {
            problems.add(path + ": expected a section of names, e.g. {Alice Example: alice}");
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = entries.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String entryPath = path + "." + entry.getKey();
            if (entry.getValue().isNull()) {
                problems.add(entryPath + ": is empty; expected " + kind.description);
                continue;
            }
            JsonNode normalised = leaf(entry.getValue(), kind, entryPath);
            if (normalised != null) {
                entry.setValue(normalised);
            }
        }
    }

    private void choice(JsonNode value, Choice choice, String path) {
        String words = String.join(" or ", choice.words());
        if (value instanceof ObjectNode perProject && choice.perProject()) {
            perProject.fields().forEachRemaining(p -> word(p.getValue(), choice, words, path + "." + p.getKey()));
        } else if (value.isValueNode()) {
            word(value, choice, words, path);
        } else {
            problems.add(path + ": expected " + words
                    + (choice.perProject()
                            ? ", or one per project: {OPS: " + choice.words().get(0) + "}"
                            : ""));
        }
    }

    private void word(JsonNode value, Choice choice, String words, String path) {
        if (!value.isValueNode() || !choice.words().contains(value.asText())) {
            problems.add(path + ": expected " + words + ", got "
                    + (value.isValueNode() ? "\"" + value.asText() + "\"" : "a section"));
        }
    }

    /** @return the normalised value, or null after recording a problem */
    private JsonNode leaf(JsonNode value, Kind kind, String path) {
        if (pathsWithProblems.contains(path)) {
            return null; // already reported (an unset environment variable)
        }
        if (!value.isValueNode()) {
            problems.add(path + ": expected " + kind.description + ", got a " + (value.isArray() ? "list" : "section"));
            return null;
        }
        String text = value.asText();
        if (kind.isSecret()) {
            return secret(text, kind, path);
        }
        return switch (kind) {
            case STRING -> requireNonBlank(text, kind, path);
            case HTTP_URL -> httpUrl(text, path) ? TextNode.valueOf(text) : null;
            case JDBC_URL ->
                text.startsWith("jdbc:sqlite:") || text.startsWith("jdbc:postgresql://")
                        ? TextNode.valueOf(text)
                        : wrong(path, kind, text);
            case PORT -> integer(text, 1, 65535, kind, path);
            case POSITIVE_INT -> integer(text, 1, Integer.MAX_VALUE, kind, path);
            case BOOLEAN ->
                "true".equalsIgnoreCase(text) || "false".equalsIgnoreCase(text)
                        ? BooleanNode.valueOf(Boolean.parseBoolean(text))
                        : wrong(path, kind, text);
            case DURATION -> duration(text, kind, path);
            case INSTANT -> instant(text, kind, path);
            case LOG_FORMAT -> oneOf(text.strip().toLowerCase(Locale.ROOT), Set.of("text", "json"), kind, path, text);
            case LOG_LEVEL ->
                oneOf(
                        text.strip().toUpperCase(Locale.ROOT),
                        Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR"),
                        kind,
                        path,
                        text);
            default -> throw new IllegalStateException("unhandled kind " + kind);
        };
    }

    private JsonNode secret(String text, Kind kind, String path) {
        String value = text;
        if (text.startsWith("file:")) {
            Path file = Path.of(text.substring("file:".length()));
            try {
                value = Files.readString(file, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                problems.add(path + ": cannot read secret file " + file + " ("
                        + e.getClass().getSimpleName() + ")");
                return null;
            }
        } else if (!substitutedPaths.contains(path)) {
            problems.add(path + ": secrets are not written in the file; use ${ENV_VAR} or file:/path/to/secret");
            return null;
        }
        if (value.isBlank()) {
            problems.add(path + ": secret is empty");
            return null;
        }
        if (kind == Kind.SECRET_FEED_URL && !feedUrlQuiet(value)) {
            problems.add(path + ": expected " + kind.description + " (value not shown)");
            return null;
        }
        if (kind == Kind.SECRET_URL && !httpUrlQuiet(value)) {
            problems.add(path + ": expected " + kind.description + " (value not shown)");
            return null;
        }
        return TextNode.valueOf(value);
    }

    private JsonNode requireNonBlank(String text, Kind kind, String path) {
        if (text.isBlank()) {
            problems.add(path + ": is empty; expected " + kind.description);
            return null;
        }
        return TextNode.valueOf(text);
    }

    private JsonNode integer(String text, int min, int max, Kind kind, String path) {
        try {
            int n = Integer.parseInt(text.trim());
            return n >= min && n <= max ? IntNode.valueOf(n) : wrong(path, kind, text);
        } catch (NumberFormatException e) {
            return wrong(path, kind, text);
        }
    }

    private JsonNode duration(String text, Kind kind, String path) {
        try {
            Duration d = Duration.parse(text.trim());
            return d.isNegative() || d.isZero() ? wrong(path, kind, text) : TextNode.valueOf(d.toString());
        } catch (DateTimeParseException e) {
            return wrong(path, kind, text);
        }
    }

    /** {@code normalised} when it is one of {@code allowed} (the spelling people use: "JSON", "info"). */
    private JsonNode oneOf(String normalised, Set<String> allowed, Kind kind, String path, String given) {
        return allowed.contains(normalised) ? TextNode.valueOf(normalised) : wrong(path, kind, given);
    }

    private JsonNode instant(String text, Kind kind, String path) {
        try {
            return TextNode.valueOf(Instant.parse(text.trim()).toString());
        } catch (DateTimeParseException e) {
            return wrong(path, kind, text);
        }
    }

    private boolean httpUrl(String text, String path) {
        if (httpUrlQuiet(text)) {
            return true;
        }
        problems.add(path + ": malformed URL \"" + text
                + "\"; expected an http(s) URL such as https://example.atlassian.net");
        return false;
    }

    private static boolean httpUrlQuiet(String text) {
        try {
            URI uri = new URI(text.trim());
            return ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null
                    && uri.getQuery() == null
                    && uri.getFragment() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** A calendar's secret address: http(s) or webcal (read as https), a host, a query allowed (some carry a token). */
    private static boolean feedUrlQuiet(String text) {
        try {
            URI uri = new URI(text.trim());
            return uri.getScheme() != null
                    && Set.of("https", "http", "webcal")
                            .contains(uri.getScheme().toLowerCase(Locale.ROOT))
                    && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private JsonNode wrong(String path, Kind kind, String got) {
        problems.add(path + ": expected " + kind.description + ", got \"" + got + "\"");
        return null;
    }

    private static String describeExample(Kind element) {
        return element == Kind.STRING ? "OPS" : "…";
    }

    /** "did you mean" for a misspelt key; the valid keys when nothing is close. */
    static String suggestion(String given, Set<String> valid, String prefix) {
        String nearest = valid.stream()
                .min(Comparator.comparingInt(v -> distance(given.toLowerCase(), v.toLowerCase())))
                .orElse(null);
        if (nearest != null
                && distance(given.toLowerCase(), nearest.toLowerCase()) <= Math.max(2, given.length() / 3)) {
            return "; did you mean " + prefix + nearest + "?";
        }
        return "; valid keys here: " + String.join(", ", valid);
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
