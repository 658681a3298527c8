package io.prodsupport.jirasim.jql;

import com.fasterxml.jackson.databind.JsonNode;
import io.prodsupport.jirasim.jql.JqlClause.And;
import io.prodsupport.jirasim.jql.JqlClause.Empty;
import io.prodsupport.jirasim.jql.JqlClause.FieldRef;
import io.prodsupport.jirasim.jql.JqlClause.Not;
import io.prodsupport.jirasim.jql.JqlClause.Operand;
import io.prodsupport.jirasim.jql.JqlClause.Operator;
import io.prodsupport.jirasim.jql.JqlClause.Or;
import io.prodsupport.jirasim.jql.JqlClause.Terminal;
import io.prodsupport.jirasim.jql.JqlClause.Value;
import io.prodsupport.jirasim.jql.JqlClause.ValueList;
import io.prodsupport.jirasim.jql.JqlValues.IssueKey;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Evaluates a validated clause tree against one issue. Every field is seen as a list of values (empty
 * when the field is empty) so that single- and multi-valued fields share Jira's rules: '=' means
 * "some value equals", and the negative operators never match an empty field.
 */
final class JqlEvaluator {

    private static final Map<String, String> STATUS_CATEGORY_ALIASES =
            Map.of("to do", "new", "2", "new", "in progress", "indeterminate", "4", "indeterminate", "3", "done");

    private JqlEvaluator() {}

    static boolean matches(JqlClause clause, JqlIssue issue, Instant now) {
        if (clause instanceof And and) {
            return and.children().stream().allMatch(c -> matches(c, issue, now));
        }
        if (clause instanceof Or or) {
            return or.children().stream().anyMatch(c -> matches(c, issue, now));
        }
        if (clause instanceof Not not) {
            return !matches(not.child(), issue, now);
        }
        return terminal((Terminal) clause, issue, now);
    }

    private static boolean terminal(Terminal t, JqlIssue issue, Instant now) {
        FieldRef field = t.field();
        List<Object> values = values(field, issue);
        boolean empty = values.isEmpty();
        Operator op = t.operator();
        List<Operand> operands = t.operand() instanceof ValueList list ? list.items() : List.of(t.operand());
        return switch (op) {
            case IS -> empty;
            case IS_NOT -> !empty;
            case EQUALS, IN -> anyEquals(field, values, operands, issue, now);
            case NOT_EQUALS, NOT_IN -> !empty && !anyEquals(field, values, operands, issue, now);
            case LIKE -> values.stream().anyMatch(v -> JqlText.contains(text(v), ((Value) t.operand()).text()));
            case NOT_LIKE ->
                !empty && values.stream().noneMatch(v -> JqlText.contains(text(v), ((Value) t.operand()).text()));
            default -> !empty && values.stream().anyMatch(v -> compares(field, v, op, t.operand(), now));
        };
    }

    private static boolean anyEquals(
            FieldRef field, List<Object> values, List<Operand> operands, JqlIssue issue, Instant now) {
        for (Operand operand : operands) {
            if (isEmptyOperand(field, operand)) {
                if (values.isEmpty()) {
                    return true;
                }
            } else if (values.stream().anyMatch(v -> equal(field, v, operand, issue, now))) {
                return true;
            }
        }
        return false;
    }

    /** {@code resolution = Unresolved} is Jira's spelling of "resolution is EMPTY". */
    private static boolean isEmptyOperand(FieldRef field, Operand operand) {
        return operand instanceof Empty
                || (field.field() == JqlField.RESOLUTION
                        && operand instanceof Value v
                        && v.text().trim().equalsIgnoreCase("unresolved"));
    }

    private static List<Object> values(FieldRef field, JqlIssue issue) {
        List<Object> values = new ArrayList<>();
        switch (field.field()) {
            case PROJECT -> add(values, issue.projectKey());
            case ISSUETYPE -> add(values, issue.issueType());
            case KEY -> add(values, JqlValues.parseKey(issue.key()));
            case LABELS -> nullSafe(issue.labels()).forEach(v -> add(values, v));
            case FIX_VERSION -> nullSafe(issue.fixVersions()).forEach(v -> add(values, v));
            case STATUS -> add(values, issue.status());
            case STATUS_CATEGORY -> add(values, issue.statusCategoryKey());
            case RESOLUTION -> add(values, issue.resolution());
            case ASSIGNEE -> add(values, issue.assignee());
            case REPORTER -> add(values, issue.reporter());
            case SUMMARY -> add(values, issue.summary());
            case DESCRIPTION -> add(values, issue.description());
            // Jira's text field also covers comments and environment; the simulator view has neither.
            case TEXT -> add(values, String.join("\n", nullToEmpty(issue.summary()), nullToEmpty(issue.description())));
            case CREATED -> add(values, issue.created());
            case UPDATED -> add(values, issue.updated());
            case RESOLUTION_DATE -> add(values, issue.resolutionDate());
            case PROPERTY -> addProperty(values, property(field, issue));
        }
        return values;
    }

    private static JsonNode property(FieldRef field, JqlIssue issue) {
        JsonNode node = issue.property(field.propertyKey());
        for (String step : field.propertyPath()) {
            if (node == null) {
                return null;
            }
            node = node.get(step);
        }
        return node;
    }

    /** Arrays are indexed element by element in Jira, so {@code = x} means "some element is x". */
    private static void addProperty(List<Object> values, JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return;
        }
        if (node.isArray()) {
            node.forEach(element -> addProperty(values, element));
        } else {
            values.add(node);
        }
    }

    private static void add(List<Object> values, Object value) {
        if (value != null && !(value instanceof String s && s.isEmpty())) {
            values.add(value);
        }
    }

    private static <T> List<T> nullSafe(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String text(Object value) {
        return value instanceof JsonNode node ? node.asText() : String.valueOf(value);
    }

    private static boolean equal(FieldRef field, Object value, Operand operand, JqlIssue issue, Instant now) {
        if (field.field().kind == JqlField.Kind.DATE) {
            // JQL cannot express seconds, so '=' compares at minute resolution.
            return ((Instant) value)
                    .truncatedTo(ChronoUnit.MINUTES)
                    .equals(JqlValues.date(operand, now, field.written()).truncatedTo(ChronoUnit.MINUTES));
        }
        String wanted = ((Value) operand).text();
        return switch (field.field()) {
            case KEY -> value.equals(JqlValues.parseKey(wanted));
            // Labels and entity-property strings are case-sensitive in Jira; names of things are not.
            case LABELS -> value.equals(wanted);
            case PROPERTY -> text(value).equals(wanted);
            case PROJECT -> wanted.equalsIgnoreCase((String) value) || wanted.equalsIgnoreCase(issue.projectName());
            case STATUS_CATEGORY -> {
                String lower = wanted.trim().toLowerCase(Locale.ROOT);
                yield STATUS_CATEGORY_ALIASES.getOrDefault(lower, lower).equalsIgnoreCase((String) value);
            }
            default -> wanted.equalsIgnoreCase((String) value);
        };
    }

    private static boolean compares(FieldRef field, Object value, Operator op, Operand operand, Instant now) {
        Integer cmp = compare(field, value, operand, now);
        if (cmp == null) {
            return false;
        }
        return switch (op) {
            case GREATER -> cmp > 0;
            case GREATER_OR_EQUAL -> cmp >= 0;
            case LESS -> cmp < 0;
            default -> cmp <= 0;
        };
    }

    /** Null when the two cannot be ordered (keys of different projects): such issues never match. */
    private static Integer compare(FieldRef field, Object value, Operand operand, Instant now) {
        switch (field.field().kind) {
            case DATE:
                return ((Instant) value).compareTo(JqlValues.date(operand, now, field.written()));
            case KEY:
                IssueKey have = (IssueKey) value;
                IssueKey wanted = JqlValues.parseKey(((Value) operand).text());
                return have.project().equals(wanted.project()) ? Long.compare(have.number(), wanted.number()) : null;
            default:
                String text = ((Value) operand).text();
                JsonNode node = (JsonNode) value;
                if (node.isNumber()) {
                    try {
                        return node.decimalValue().compareTo(new BigDecimal(text.trim()));
                    } catch (NumberFormatException e) {
                        return null;
                    }
                }
                return node.asText().compareTo(text);
        }
    }
}
