package io.prodsupport.descriptor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.Scriptable;

/**
 * Runs a generated Jira expression in Rhino with the context a {@code jira:workflowValidator} gets: an
 * {@code issue} with {@code description}, {@code project.key} and {@code issueType.name}.
 *
 * <p>The one built-in plain JavaScript lacks is Jira's {@code typeof}, which names types ("String", "RichText")
 * where JavaScript says "string"/"object"; {@code typeof x} is rewritten into a call of a function that answers
 * as Jira does. Everything else the expression uses (let, arrow functions, regex literals, {@code replace},
 * {@code split}, {@code match}, {@code startsWith}, list {@code map}/{@code filter}/{@code includes}/{@code join})
 * is evaluated by Rhino's own ES6 implementation.
 */
final class JiraExpressionShim {

    /** How Jira hands over the description: REST v2 wiki text, or a RichText whose plainText is that text. */
    enum DescriptionShape { STRING, RICH_TEXT }

    private static final String JIRA_TYPEOF = "function jiraTypeOf(v) {"
            + " if (v === null || v === undefined) return 'Null';"
            + " if (typeof v === 'string') return 'String';"
            + " if (typeof v === 'object' && 'plainText' in v) return 'RichText';"
            + " return typeof v; }";

    private final ObjectMapper json = new ObjectMapper();

    /** The expression's value: {@code Boolean.TRUE} or the message string. */
    Object evaluate(String expression, String description, DescriptionShape shape, String projectKey,
                    String issueType) {
        ObjectNode issue = json.createObjectNode();
        if (description == null) {
            issue.putNull("description");
        } else if (shape == DescriptionShape.STRING) {
            issue.put("description", description);
        } else {
            issue.putObject("description").put("plainText", description);
        }
        issue.putObject("project").put("key", projectKey);
        issue.putObject("issueType").put("name", issueType);
        Context cx = Context.enter();
        try {
            cx.setLanguageVersion(Context.VERSION_ES6);
            cx.setInterpretedMode(true);
            Scriptable scope = cx.initStandardObjects();
            cx.evaluateString(scope, JIRA_TYPEOF + "\nvar issue = " + issue + ";", "shim", 1, null);
            Object result = cx.evaluateString(scope, expression.replaceAll("typeof (\\w+)", "jiraTypeOf($1)"),
                    "expression", 1, null);
            return result instanceof CharSequence ? result.toString() : Context.jsToJava(result, Object.class);
        } finally {
            Context.exit();
        }
    }
}
