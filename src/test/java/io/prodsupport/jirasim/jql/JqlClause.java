package io.prodsupport.jirasim.jql;

import java.util.List;

/** The parsed query tree. Kept free of evaluation logic so the parser can be tested on shape alone. */
sealed interface JqlClause {

    record And(List<JqlClause> children) implements JqlClause {}

    record Or(List<JqlClause> children) implements JqlClause {}

    record Not(JqlClause child) implements JqlClause {}

    record Terminal(FieldRef field, Operator operator, Operand operand) implements JqlClause {}

    /** {@code written} is kept for error messages, which Jira phrases with the user's spelling. */
    record FieldRef(JqlField field, String written, String propertyKey, List<String> propertyPath) {
        static FieldRef of(JqlField field, String written) {
            return new FieldRef(field, written, null, List.of());
        }
    }

    enum Operator {
        EQUALS("="),
        NOT_EQUALS("!="),
        GREATER(">"),
        GREATER_OR_EQUAL(">="),
        LESS("<"),
        LESS_OR_EQUAL("<="),
        LIKE("~"),
        NOT_LIKE("!~"),
        IN("in"),
        NOT_IN("not in"),
        IS("is"),
        IS_NOT("is not");

        final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        /** Jira's negative operators never match an issue whose field is empty. */
        boolean negative() {
            return this == NOT_EQUALS || this == NOT_IN || this == NOT_LIKE;
        }

        boolean ordering() {
            return this == GREATER || this == GREATER_OR_EQUAL || this == LESS || this == LESS_OR_EQUAL;
        }

        static Operator fromSymbol(String symbol) {
            for (Operator op : values()) {
                if (op.symbol.equals(symbol)) {
                    return op;
                }
            }
            throw new IllegalArgumentException(symbol);
        }
    }

    sealed interface Operand {}

    /** {@code quoted} matters: {@code "EMPTY"} is the text EMPTY, not the keyword. */
    record Value(String text, boolean quoted, int offset) implements Operand {}

    record ValueList(List<Operand> items) implements Operand {}

    record Empty() implements Operand {}

    record FunctionCall(String name, List<String> args, int offset) implements Operand {}
}
