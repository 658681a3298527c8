package io.prodsupport.jirasim.jql;

import io.prodsupport.jirasim.jql.JqlClause.And;
import io.prodsupport.jirasim.jql.JqlClause.Empty;
import io.prodsupport.jirasim.jql.JqlClause.FunctionCall;
import io.prodsupport.jirasim.jql.JqlClause.Not;
import io.prodsupport.jirasim.jql.JqlClause.Operand;
import io.prodsupport.jirasim.jql.JqlClause.Operator;
import io.prodsupport.jirasim.jql.JqlClause.Or;
import io.prodsupport.jirasim.jql.JqlClause.Terminal;
import io.prodsupport.jirasim.jql.JqlClause.Value;
import io.prodsupport.jirasim.jql.JqlClause.ValueList;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Jira's second pass after the grammar: operator/field compatibility and value formats. Done once at
 * parse time so that evaluation never throws halfway through a search.
 */
final class JqlValidator {

    private static final List<String> STATUS_CATEGORIES =
            List.of("new", "indeterminate", "done", "to do", "in progress", "2", "3", "4");

    private JqlValidator() {}

    static void validate(JqlClause clause, String jql) {
        if (clause == null) {
            return;
        }
        if (clause instanceof And and) {
            and.children().forEach(c -> validate(c, jql));
        } else if (clause instanceof Or or) {
            or.children().forEach(c -> validate(c, jql));
        } else if (clause instanceof Not not) {
            validate(not.child(), jql);
        } else {
            terminal((Terminal) clause);
        }
    }

    private static void terminal(Terminal t) {
        JqlField field = t.field().field();
        String name = t.field().written();
        Operator op = t.operator();
        if (!field.supports(op)) {
            throw new JqlException("The operator '" + op.symbol + "' is not supported by the '" + name + "' field.");
        }
        Operand operand = t.operand();
        switch (op) {
            case IS, IS_NOT -> {
                if (!(operand instanceof Empty)) {
                    throw new JqlException("The operator '" + op.symbol + "' only supports the 'EMPTY' or 'null' values"
                            + " for field '" + name + "'.");
                }
            }
            case IN, NOT_IN -> {
                if (!(operand instanceof ValueList)) {
                    throw new JqlException(
                            "The operator '" + op.symbol + "' only supports list values for field '" + name + "'.");
                }
            }
            default -> {
                if (operand instanceof ValueList) {
                    throw new JqlException(
                            "The operator '" + op.symbol + "' does not support list values for field '" + name + "'.");
                }
                if (operand instanceof Empty && op != Operator.EQUALS && op != Operator.NOT_EQUALS) {
                    throw new JqlException("The operator '" + op.symbol
                            + "' does not support searching for EMPTY values" + " for field '" + name + "'.");
                }
            }
        }
        List<Operand> items = operand instanceof ValueList list ? list.items() : List.of(operand);
        for (Operand item : items) {
            single(field, name, item);
        }
    }

    private static void single(JqlField field, String name, Operand operand) {
        if (operand instanceof Empty) {
            if (!field.emptiable) {
                throw new JqlException("The field '" + name + "' does not support searching for EMPTY values.");
            }
        } else if (operand instanceof FunctionCall call) {
            if (!JqlValues.isDateFunction(call.name())) {
                throw new JqlException("Unable to find JQL function '" + call.name() + "()'.");
            }
            if (field.kind != JqlField.Kind.DATE) {
                throw new JqlException(
                        "The function '" + call.name() + "' is not supported by the '" + name + "' field.");
            }
            JqlValues.checkFunction(call);
        } else if (operand instanceof Value value) {
            value(field, name, value);
        } else {
            throw new JqlException("Nested lists are not supported for field '" + name + "'.");
        }
    }

    private static void value(JqlField field, String name, Value value) {
        switch (field) {
            case CREATED, UPDATED, RESOLUTION_DATE -> JqlValues.date(value, Instant.EPOCH, name);
            case KEY -> {
                if (JqlValues.parseKey(value.text()) == null) {
                    if (value.text().trim().matches("\\d+")) {
                        // The JqlIssue view has no numeric id, so silently matching nothing would mislead.
                        throw new JqlException("The Jira simulator does not support searching by issue id '"
                                + value.text() + "'; use the issue key.");
                    }
                    throw new JqlException("The issue key '" + value.text() + "' for field '" + name + "' is invalid.");
                }
            }
            case STATUS_CATEGORY -> {
                if (!STATUS_CATEGORIES.contains(value.text().trim().toLowerCase(Locale.ROOT))) {
                    throw new JqlException(
                            "The value '" + value.text() + "' does not exist for the field '" + name + "'.");
                }
            }
            default -> {
                // Projects, statuses, users etc. are not known here; Jira would reject unknown ones, the
                // simulator simply matches nothing.
            }
        }
    }
}
