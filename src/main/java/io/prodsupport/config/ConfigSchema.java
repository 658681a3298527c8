package io.prodsupport.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every key prodsupport.yml may hold, with its kind and whether it must be there. This is the one list the validator
 * checks against; {@code prodsupport.example.yml} documents the same keys (a test keeps the two in step).
 */
final class ConfigSchema {

    enum Kind {
        STRING("a string"),
        HTTP_URL("an http(s) URL"),
        JDBC_URL("a JDBC URL (jdbc:sqlite:… or jdbc:postgresql://…)"),
        PORT("a port number 1–65535"),
        POSITIVE_INT("a positive whole number"),
        BOOLEAN("true or false"),
        DURATION("an ISO-8601 duration such as PT30S or P7D"),
        INSTANT("an ISO-8601 instant such as 2026-01-05T09:00:00Z"),
        LOG_FORMAT("text or json"),
        LOG_LEVEL("one of TRACE, DEBUG, INFO, WARN, ERROR"),
        /** A credential: only from ${ENV} or file:/path, never written inline in the YAML. */
        SECRET("a secret"),
        /** A URL that embeds a credential (Slack/Teams incoming webhooks): validated as a URL, handled as a secret. */
        SECRET_URL("an http(s) URL (a secret)"),
        /** A feed's secret address (calendar exports): http(s) or webcal, a query allowed; handled as a secret. */
        SECRET_FEED_URL("an http(s) or webcal URL (a secret)");

        final String description;

        Kind(String description) {
            this.description = description;
        }

        boolean isSecret() {
            return this == SECRET || this == SECRET_URL || this == SECRET_FEED_URL;
        }
    }

    sealed interface Shape permits Obj, Leaf, ListOf, MapOf, Choice {}

    record Obj(Map<String, Key> keys) implements Shape {}

    record Leaf(Kind kind) implements Shape {}

    record ListOf(Kind element) implements Shape {}

    /** A section of free names, each with a value of one kind ({@code onCall.people: {Alice Example: 5b10a2…}}). */
    record MapOf(Kind value) implements Shape {}

    /**
     * One of a few words; with {@code perProject}, also a section naming a word per incident project
     * ({@code {OPS: observe, WEB: enforce}}).
     */
    record Choice(List<String> words, boolean perProject) implements Shape {}

    record Key(String name, Shape shape, boolean required) {}

    static final Obj ROOT = obj(
            required(
                    "jira",
                    obj(
                            required("baseUrl", leaf(Kind.HTTP_URL)),
                            optional("email", leaf(Kind.STRING)),
                            optional("apiToken", leaf(Kind.SECRET)),
                            optional("personalAccessToken", leaf(Kind.SECRET)),
                            optional("timeout", leaf(Kind.DURATION)),
                            optional(
                                    "retries",
                                    obj(
                                            optional("maxAttempts", leaf(Kind.POSITIVE_INT)),
                                            optional("maxWait", leaf(Kind.DURATION)))))),
            optional(
                    "webhook",
                    obj(
                            optional("port", leaf(Kind.PORT)),
                            optional("secrets", new ListOf(Kind.SECRET)),
                            optional("allowUnsigned", leaf(Kind.BOOLEAN)),
                            optional("host", leaf(Kind.STRING)),
                            optional(
                                    "tls",
                                    obj(
                                            required("certFile", leaf(Kind.STRING)),
                                            required("keyFile", leaf(Kind.STRING)))),
                            optional("publicUrl", leaf(Kind.HTTP_URL)))),
            optional(
                    "store",
                    obj(
                            optional("url", leaf(Kind.JDBC_URL)),
                            optional("username", leaf(Kind.STRING)),
                            optional("password", leaf(Kind.SECRET)),
                            optional("leaseTimeout", leaf(Kind.DURATION)),
                            optional("dedupeRetention", leaf(Kind.DURATION)))),
            required(
                    "incidents",
                    obj(
                            required("projects", new ListOf(Kind.STRING)),
                            optional("issueTypes", new ListOf(Kind.STRING)),
                            optional("label", leaf(Kind.STRING)),
                            optional("fixVersion", leaf(Kind.STRING)),
                            optional("watchers", new ListOf(Kind.STRING)),
                            optional("requiredOnClose", new ListOf(Kind.STRING)),
                            optional("whysFromComments", leaf(Kind.BOOLEAN)),
                            optional("mode", new Choice(List.of("enforce", "observe"), true)))),
            optional(
                    "followUps",
                    obj(
                            optional("project", leaf(Kind.STRING)),
                            optional("issueType", leaf(Kind.STRING)),
                            optional("linkType", leaf(Kind.STRING)),
                            optional("labels", new ListOf(Kind.STRING)),
                            optional("inheritPriority", leaf(Kind.BOOLEAN)),
                            optional("remindAfter", leaf(Kind.DURATION)))),
            optional(
                    "sweep",
                    obj(
                            optional("enabled", leaf(Kind.BOOLEAN)),
                            optional("interval", leaf(Kind.DURATION)),
                            optional("firstLookback", leaf(Kind.DURATION)))),
            optional(
                    "onCall",
                    obj(
                            optional("rotation", new ListOf(Kind.STRING)),
                            optional("start", leaf(Kind.INSTANT)),
                            optional("period", leaf(Kind.DURATION)),
                            optional(
                                    "ical",
                                    obj(
                                            required("url", leaf(Kind.SECRET_FEED_URL)),
                                            optional("refreshEvery", leaf(Kind.DURATION)))),
                            optional("people", new MapOf(Kind.STRING)))),
            optional(
                    "notify",
                    obj(
                            optional("slack", obj(required("webhookUrl", leaf(Kind.SECRET_URL)))),
                            optional("teams", obj(required("webhookUrl", leaf(Kind.SECRET_URL)))),
                            optional(
                                    "email",
                                    obj(
                                            required("smtpHost", leaf(Kind.STRING)),
                                            optional("smtpPort", leaf(Kind.PORT)),
                                            optional("startTls", leaf(Kind.BOOLEAN)),
                                            optional("username", leaf(Kind.STRING)),
                                            optional("password", leaf(Kind.SECRET)),
                                            required("from", leaf(Kind.STRING)),
                                            required("to", new ListOf(Kind.STRING)))),
                            optional("maxBackoff", leaf(Kind.DURATION)),
                            optional("updates", new Choice(List.of("all", "resolution", "none"), false)),
                            optional("foldWithin", leaf(Kind.DURATION)),
                            optional("staleAfter", leaf(Kind.DURATION)),
                            optional("checkEvery", leaf(Kind.DURATION)))),
            optional(
                    "mail",
                    obj(
                            required(
                                    "imap",
                                    obj(
                                            required("host", leaf(Kind.STRING)),
                                            optional("port", leaf(Kind.PORT)),
                                            required("username", leaf(Kind.STRING)),
                                            required("password", leaf(Kind.SECRET)),
                                            optional("folder", leaf(Kind.STRING)),
                                            optional("tls", leaf(Kind.BOOLEAN)))),
                            optional("doneFolder", leaf(Kind.STRING)),
                            optional("unmatchedFolder", leaf(Kind.STRING)),
                            optional("attachments", leaf(Kind.BOOLEAN)))),
            optional(
                    "logging", obj(optional("format", leaf(Kind.LOG_FORMAT)), optional("level", leaf(Kind.LOG_LEVEL)))),
            optional("console", obj(required("token", leaf(Kind.SECRET)))),
            optional(
                    "postmortem",
                    obj(
                            required("minPriority", leaf(Kind.STRING)),
                            optional("project", leaf(Kind.STRING)),
                            optional("issueType", leaf(Kind.STRING)))));

    private ConfigSchema() {}

    private static Obj obj(Key... keys) {
        Map<String, Key> map = new LinkedHashMap<>();
        for (Key k : keys) {
            map.put(k.name(), k);
        }
        return new Obj(map);
    }

    private static Leaf leaf(Kind kind) {
        return new Leaf(kind);
    }

    private static Key required(String name, Shape shape) {
        return new Key(name, shape, true);
    }

    private static Key optional(String name, Shape shape) {
        return new Key(name, shape, false);
    }

    /** All dotted key paths, for the test that the example file documents every key. */
    static List<String> allPaths() {
        List<String> out = new java.util.ArrayList<>();
        collect(ROOT, "", out);
        return out;
    }

    private static void collect(Obj obj, String prefix, List<String> out) {
        for (Key k : obj.keys().values()) {
            String path = prefix + k.name();
            out.add(path);
            if (k.shape() instanceof Obj child) {
                collect(child, path + ".", out);
            }
        }
    }
}
