package io.prodsupport.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${NAME}} and {@code ${NAME:-default}} in the YAML's string values from the environment.
 * Substitution happens after parsing, on values only, so an environment variable can never inject YAML structure.
 * {@code $${X}} stands for a literal {@code ${X}}.
 */
final class EnvSubstitution {

    private static final Pattern VAR = Pattern.compile("\\$(\\$?)\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

    private final Function<String, String> env;
    /** Paths whose value came (at least partly) from the environment; secrets must be among them. */
    private final Set<String> substituted = new HashSet<>();

    private final List<String> problems = new ArrayList<>();
    private final Set<String> unsetPaths = new HashSet<>();

    EnvSubstitution(Map<String, String> env) {
        this.env = env::get;
    }

    void apply(JsonNode node, String path) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String childPath = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                if (e.getValue().isTextual()) {
                    e.setValue(substitute(e.getValue().textValue(), childPath));
                } else {
                    apply(e.getValue(), childPath);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                String childPath = path + "[" + i + "]";
                if (array.get(i).isTextual()) {
                    array.set(i, substitute(array.get(i).textValue(), childPath));
                } else {
                    apply(array.get(i), childPath);
                }
            }
        }
    }

    Set<String> substitutedPaths() {
        return substituted;
    }

    /** Paths that named an unset variable; already reported, so the validator says nothing more of them. */
    Set<String> unsetPaths() {
        return unsetPaths;
    }

    List<String> problems() {
        return problems;
    }

    private TextNode substitute(String value, String path) {
        Matcher m = VAR.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (!m.group(1).isEmpty()) {
                replacement = m.group().substring(1);
            } else {
                substituted.add(path);
                String fromEnv = env.apply(m.group(2));
                if (fromEnv != null && !(fromEnv.isEmpty() && m.group(3) != null)) {
                    replacement = fromEnv;
                } else if (m.group(3) != null) {
                    replacement = m.group(3);
                } else {
                    problems.add(path + ": environment variable " + m.group(2) + " is not set");
                    unsetPaths.add(path);
                    replacement = "";
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return TextNode.valueOf(out.toString());
    }
}
