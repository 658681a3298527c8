package io.prodsupport.webhook;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import io.prodsupport.testing.TestData;
import io.prodsupport.webhook.JiraEventParser.MalformedEventException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The streaming {@link JiraEventParser} gives exactly what the tree-based parser it replaced gave
 * ({@link TreeJiraEventParserReference}, a copy of it): the same event, or the same one-line error, for every
 * captured payload, for mutations of them (values removed, replaced by other kinds, keys duplicated), for generated
 * event-shaped JSON, and for bodies that are not JSON at all.
 */
class JiraEventParserEquivalenceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JiraEventParser STREAMING = new JiraEventParser(JSON);
    private static final TreeJiraEventParserReference TREE = new TreeJiraEventParserReference(JSON);
    private static final List<byte[]> PAYLOADS = capturedPayloads();

    /** Every path the parser reads, so mutations hit them far more often than a random path would. */
    private static final List<String> READ_PATHS = List.of(
            "webhookEvent",
            "issue_event_type_name",
            "timestamp",
            "user",
            "user/accountId",
            "user/name",
            "user/key",
            "user/displayName",
            "issue",
            "issue/key",
            "issue/id",
            "issue/fields",
            "issue/fields/project",
            "issue/fields/project/key",
            "issue/fields/status",
            "issue/fields/status/statusCategory",
            "issue/fields/status/statusCategory/key",
            "changelog",
            "changelog/id",
            "changelog/items",
            "changelog/items/0",
            "changelog/items/0/field",
            "changelog/items/0/fieldId",
            "changelog/items/0/from",
            "changelog/items/0/fromString",
            "changelog/items/0/to",
            "changelog/items/0/toString",
            "changelog/items/1",
            "changelog/items/1/field",
            "comment",
            "comment/self",
            "comment/author",
            "comment/author/accountId",
            "comment/author/name",
            "comment/body");

    /** JSON values of every kind, spelt in the ways a tree would normalise (-0, 1.50, 1e3) or refuse (huge, string). */
    private static final List<String> VALUES = List.of(
            "null",
            "true",
            "false",
            "0",
            "-0",
            "10001",
            "-5",
            "1.5",
            "1.50",
            "1e3",
            "1E-2",
            "-0.0",
            "1550286113023",
            "1550286113023.9",
            "1.550286113023E12",
            "9223372036854775807",
            "-9223372036854775808",
            "9223372036854775808",
            "-9223372036854775809",
            "9.3e18",
            "-9.2e18",
            "9.223372036854775807E18",
            "-9223372036854775808.0",
            "1e400",
            "123456789012345678901234567890",
            "\"\"",
            "\" \"",
            "\"x\"",
            "\"TES-41\"",
            "\"done\"",
            "\"1550286113023\"",
            "\"jira:issue_updated\"",
            "\"jira:issue_created\"",
            "\"comment_created\"",
            "\"https://j.example/rest/api/2/issue/10013/comment/10100\"",
            "\"Status\"",
            "\"Fix Version\"",
            "\"LINK\"",
            "\"\\u0041\\n\\\"\"",
            "\"\u00e9\u4e2d\ud83d\ude00\"",
            "{}",
            "[]",
            "[1]",
            "[{}]",
            "[\"status\"]",
            "{\"key\":\"K\"}",
            "{\"key\":7}",
            "{\"statusCategory\":{\"key\":\"done\"}}",
            "[{\"field\":\"status\",\"toString\":\"Done\"}, 3, [], null]",
            "{\"accountId\":\"a1\",\"name\":\"n\"}",
            "{\"self\":\"/rest/api/2/issue/42/comment/1\"}");

    /** A small valid event with a changelog, for mutations to start from. */
    private static final String EVENT = "{\"webhookEvent\":\"jira:issue_updated\",\"timestamp\":1,"
            + "\"issue\":{\"key\":\"K-1\",\"fields\":{\"project\":{\"key\":\"K\"}}},"
            + "\"changelog\":{\"id\":\"1\",\"items\":[{\"field\":\"status\"},{\"field\":\"Fix Version\"}]}}";

    @Test
    void every_captured_payload_reads_the_same() {
        assertThat(PAYLOADS).hasSizeGreaterThanOrEqualTo(17);
        for (byte[] payload : PAYLOADS) {
            assertSameOutcome(payload);
            assertThat(outcome(STREAMING::parse, payload).error()).isNull();
        }
    }

    /** Every value of {@link #VALUES} at every path the parser reads, set, and duplicated before and after. */
    @Test
    void every_kind_of_value_at_every_path_read_reads_the_same() {
        for (byte[] base : List.of(PAYLOADS.get(0), EVENT.getBytes(UTF_8))) {
            for (String path : READ_PATHS) {
                for (String value : VALUES) {
                    for (Op op : Op.values()) {
                        assertSameOutcome(Document.of(tree(base), List.of(new Mutation(path, op, value)))
                                .getBytes(UTF_8));
                    }
                }
            }
        }
    }

    @Property(tries = 800)
    void mutated_captured_payloads_read_the_same(@ForAll("mutatedPayloads") String body) {
        assertSameOutcome(body.getBytes(UTF_8));
    }

    @Property(tries = 800)
    void generated_event_shaped_json_reads_the_same(@ForAll("eventShapedJson") String body) {
        assertSameOutcome(body.getBytes(UTF_8));
    }

    @Property(tries = 500)
    void random_bytes_are_malformed_the_same_way(@ForAll byte[] body) {
        assertThat(assertSameOutcome(body).error()).isNotNull();
    }

    @Property(tries = 500)
    void truncated_payloads_are_malformed_the_same_way(
            @ForAll("payloadIndex") int which, @ForAll("fraction") double where) {
        byte[] payload = PAYLOADS.get(which);
        int lastBrace = new String(payload, UTF_8).lastIndexOf('}'); // the payloads are ASCII
        byte[] truncated = Arrays.copyOf(payload, (int) (where * lastBrace));

        assertThat(assertSameOutcome(truncated).error()).isNotNull();
    }

    /** One byte anywhere replaced: often inside a skipped string or number, where only tokenising can notice. */
    @Property(tries = 500)
    void payloads_with_one_byte_corrupted_read_the_same(
            @ForAll("payloadIndex") int which, @ForAll("fraction") double where, @ForAll byte replacement) {
        byte[] body = PAYLOADS.get(which).clone();
        body[(int) (where * (body.length - 1))] = replacement;

        assertSameOutcome(body);
    }

    @Property(tries = 300)
    void content_after_the_root_value_is_ignored_by_both(
            @ForAll("eventShapedJson") String body, @ForAll("trailers") String trailer) {
        assertSameOutcome((body + trailer).getBytes(UTF_8));
    }

    /** Checked against ObjectMapper.readTree of this Jackson version: FAIL_ON_TRAILING_TOKENS is off by default. */
    @Test
    void trailing_content_after_the_root_object_is_ignored_as_read_tree_ignores_it() throws Exception {
        String event = "{\"webhookEvent\":\"comment_created\",\"timestamp\":5}";
        for (String trailer : List.of(" {", "]]] not json", "{\"webhookEvent\":\"x\"}", "\u0000garbage", "}")) {
            byte[] body = (event + trailer).getBytes(UTF_8);

            assertThat(JSON.readTree(body).path("webhookEvent").asText()).isEqualTo("comment_created");
            JiraEvent e = STREAMING.parse(body);
            assertThat(e.webhookEvent()).isEqualTo("comment_created");
            assertThat(e.timestamp().toEpochMilli()).isEqualTo(5);
            assertSameOutcome(body);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                " ",
                "\n",
                "null",
                "nul",
                "0",
                "-",
                "12x",
                "1 2",
                "\"abc\"",
                "\"abc",
                "\"a\\qb\"",
                "[]",
                "[1,2",
                "[\"x\",{\"a\":[1,2]}]",
                "[\"unterminated]",
                "true",
                "{",
                "{\"webhookEvent\"",
                "{\"webhookEvent\":}",
                "{\"a\":1,}",
                "{'webhookEvent':'x'}",
                "{\"webhookEvent\":\"x\" \"b\":1}",
                "{\"a\":\"\u0001\"}",
                "{\"a\":01}",
                "{\"a\":NaN}",
                "{\"a\":[1,]}",
                "}",
                "]",
                "/* c */ {}"
            })
    void bodies_that_are_not_json_objects_give_the_same_message(String body) {
        Outcome outcome = assertSameOutcome(body.getBytes(UTF_8));

        assertThat(outcome.error()).isNotNull().doesNotContain("\n");
    }

    @Test
    void nesting_deeper_than_jacksons_limit_gives_the_same_message() {
        String deep = "{\"webhookEvent\":\"x\",\"issue\":{\"fields\":" + "[".repeat(1200) + "]".repeat(1200) + "}}";

        assertThat(assertSameOutcome(deep.getBytes(UTF_8)).error()).startsWith("body is not JSON");
    }

    @Provide
    Arbitrary<Integer> payloadIndex() {
        return Arbitraries.integers().between(0, PAYLOADS.size() - 1);
    }

    @Provide
    Arbitrary<Double> fraction() {
        return Arbitraries.doubles().between(0, 1);
    }

    @Provide
    Arbitrary<String> trailers() {
        return Arbitraries.oneOf(
                Arbitraries.of(" ", "\n", "{", "}", "]", "[1,", "\"open", "garbage", "{\"webhookEvent\":\"y\"}"),
                Arbitraries.strings().ofMaxLength(20));
    }

    @Provide
    Arbitrary<String> mutatedPayloads() {
        return payloadIndex().flatMap(which -> {
            ObjectNode payload = tree(PAYLOADS.get(which));
            Arbitrary<String> paths = Arbitraries.frequencyOf(
                    Tuple.of(2, Arbitraries.of(READ_PATHS)), Tuple.of(1, Arbitraries.of(pathsIn(payload, ""))));
            return mutation(paths)
                    .list()
                    .ofMinSize(1)
                    .ofMaxSize(4)
                    .map(mutations -> Document.of(tree(PAYLOADS.get(which)), mutations));
        });
    }

    @Provide
    Arbitrary<String> eventShapedJson() {
        Arbitrary<String> skeleton = Arbitraries.of(
                "{}",
                "{\"webhookEvent\":\"jira:issue_updated\",\"issue\":{\"key\":\"K-1\",\"fields\":{}}}",
                "{\"webhookEvent\":\"comment_created\",\"comment\":{\"self\":\"/rest/api/2/issue/7/comment/8\"}}",
                EVENT);
        Arbitrary<List<Mutation>> mutations =
                mutation(Arbitraries.of(READ_PATHS)).list().ofMaxSize(12);
        return Combinators.combine(skeleton, mutations).as((s, ms) -> Document.of(tree(s.getBytes(UTF_8)), ms));
    }

    private static Arbitrary<Mutation> mutation(Arbitrary<String> paths) {
        return Combinators.combine(paths, Arbitraries.of(Op.class), value()).as(Mutation::new);
    }

    private static Arbitrary<String> value() {
        Arbitrary<String> scalar = Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.of(VALUES)),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(12).map(JiraEventParserEquivalenceTest::quoted)),
                Tuple.of(1, Arbitraries.longs().map(String::valueOf)),
                Tuple.of(1, Arbitraries.doubles().map(String::valueOf)));
        return Arbitraries.frequencyOf(
                Tuple.of(6, scalar),
                Tuple.of(1, scalar.map(v -> "{\"key\":" + v + ",\"n\":[" + v + "]}")),
                Tuple.of(1, scalar.list().ofMaxSize(3).map(vs -> "[" + String.join(",", vs) + "]")));
    }

    private enum Op {
        REMOVE,
        SET,
        /** The key once more before its value: the original, being last, still counts. */
        DUPLICATE_BEFORE,
        /** The key once more after its value: the new value counts. */
        DUPLICATE_AFTER
    }

    private record Mutation(String path, Op op, String value) {}

    /** A value written as it is, so numbers keep their spelling. */
    private record Raw(String json) {}

    private record Duplicate(String name, String value, boolean after) {}

    /** A payload tree with mutations applied, written out by hand so that keys can occur twice. */
    private static final class Document {
        private final Map<ObjectNode, List<Duplicate>> duplicates = new IdentityHashMap<>();

        static String of(ObjectNode root, List<Mutation> mutations) {
            Document doc = new Document();
            for (Mutation m : mutations) {
                doc.apply(root, m);
            }
            StringBuilder out = new StringBuilder();
            doc.write(root, out);
            return out.toString();
        }

        private void apply(ObjectNode root, Mutation m) {
            String[] segments = m.path().split("/");
            JsonNode parent = root;
            for (int i = 0; i < segments.length - 1; i++) {
                parent = child(parent, segments[i], isIndex(segments[i + 1]), m.op() != Op.REMOVE);
                if (parent == null) {
                    return;
                }
            }
            String last = segments[segments.length - 1];
            JsonNode value = new POJONode(new Raw(m.value()));
            if (parent instanceof ArrayNode array) {
                if (!isIndex(last)) {
                    return;
                }
                int index = Integer.parseInt(last);
                switch (m.op()) {
                    case REMOVE -> array.remove(index);
                    default -> {
                        if (index < array.size()) {
                            array.set(index, value);
                        } else {
                            array.add(value);
                        }
                    }
                }
            } else if (parent instanceof ObjectNode object) {
                switch (m.op()) {
                    case REMOVE -> object.remove(last);
                    case SET -> object.set(last, value);
                    case DUPLICATE_BEFORE, DUPLICATE_AFTER ->
                        duplicates
                                .computeIfAbsent(object, o -> new ArrayList<>())
                                .add(new Duplicate(last, m.value(), m.op() == Op.DUPLICATE_AFTER));
                }
            }
        }

        /** The child on the way to a mutation's place, made an object or array when a SET needs one there. */
        private static JsonNode child(JsonNode parent, String segment, boolean array, boolean create) {
            JsonNode made = array ? JsonNodeFactory.instance.arrayNode() : JsonNodeFactory.instance.objectNode();
            if (parent instanceof ArrayNode elements) {
                if (!isIndex(segment)) {
                    return null;
                }
                int index = Integer.parseInt(segment);
                if (index < elements.size() && elements.get(index).isContainerNode()) {
                    return elements.get(index);
                }
                if (!create) {
                    return null;
                }
                if (index < elements.size()) {
                    elements.set(index, made);
                } else {
                    elements.add(made);
                }
                return made;
            }
            ObjectNode object = (ObjectNode) parent;
            JsonNode child = object.get(segment);
            if (child != null && child.isContainerNode()) {
                return child;
            }
            if (!create) {
                return null;
            }
            object.set(segment, made);
            return made;
        }

        private static boolean isIndex(String segment) {
            return !segment.isEmpty() && segment.chars().allMatch(Character::isDigit);
        }

        private void write(JsonNode node, StringBuilder out) {
            if (node instanceof POJONode pojo && pojo.getPojo() instanceof Raw raw) {
                out.append(raw.json());
            } else if (node instanceof ObjectNode object) {
                List<Duplicate> dups = duplicates.getOrDefault(object, List.of());
                List<String> members = new ArrayList<>();
                dups.stream().filter(d -> !d.after()).forEach(d -> members.add(quoted(d.name()) + ":" + d.value()));
                object.fields().forEachRemaining(f -> {
                    StringBuilder value = new StringBuilder();
                    write(f.getValue(), value);
                    members.add(quoted(f.getKey()) + ":" + value);
                });
                dups.stream().filter(Duplicate::after).forEach(d -> members.add(quoted(d.name()) + ":" + d.value()));
                out.append('{').append(String.join(",", members)).append('}');
            } else if (node instanceof ArrayNode array) {
                out.append('[');
                for (int i = 0; i < array.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(array.get(i), out);
                }
                out.append(']');
            } else {
                out.append(node);
            }
        }
    }

    private static List<String> pathsIn(JsonNode node, String prefix) {
        List<String> paths = new ArrayList<>();
        if (node instanceof ObjectNode object) {
            object.fieldNames().forEachRemaining(name -> {
                if (!name.contains("/")) {
                    paths.add(prefix + name);
                    paths.addAll(pathsIn(object.get(name), prefix + name + "/"));
                }
            });
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                paths.add(prefix + i);
                paths.addAll(pathsIn(array.get(i), prefix + i + "/"));
            }
        }
        return paths;
    }

    private record Outcome(JiraEvent event, String error) {}

    private static Outcome outcome(Function<byte[], JiraEvent> parser, byte[] body) {
        try {
            return new Outcome(parser.apply(body), null);
        } catch (MalformedEventException e) {
            return new Outcome(null, e.getMessage());
        }
    }

    private static Outcome assertSameOutcome(byte[] body) {
        Outcome expected = outcome(TREE::parse, body);
        assertThat(outcome(STREAMING::parse, body))
                .as("body: %s", new String(body, UTF_8))
                .isEqualTo(expected);
        return expected;
    }

    private static ObjectNode tree(byte[] json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String quoted(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<byte[]> capturedPayloads() {
        try (Stream<Path> files = Files.walk(TestData.file("webhook-payloads"))) {
            return files.filter(f -> f.toString().endsWith(".json"))
                    .sorted()
                    .map(f -> TestData.bytes(TestData.root().relativize(f).toString()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
