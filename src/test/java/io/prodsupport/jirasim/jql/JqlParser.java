package io.prodsupport.jirasim.jql;

import io.prodsupport.jirasim.jql.JqlClause.And;
import io.prodsupport.jirasim.jql.JqlClause.Empty;
import io.prodsupport.jirasim.jql.JqlClause.FieldRef;
import io.prodsupport.jirasim.jql.JqlClause.FunctionCall;
import io.prodsupport.jirasim.jql.JqlClause.Not;
import io.prodsupport.jirasim.jql.JqlClause.Operand;
import io.prodsupport.jirasim.jql.JqlClause.Operator;
import io.prodsupport.jirasim.jql.JqlClause.Or;
import io.prodsupport.jirasim.jql.JqlClause.Terminal;
import io.prodsupport.jirasim.jql.JqlClause.Value;
import io.prodsupport.jirasim.jql.JqlClause.ValueList;
import io.prodsupport.jirasim.jql.JqlLexer.Token;
import io.prodsupport.jirasim.jql.JqlLexer.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Recursive descent over the token list: query := [or] [ORDER BY sort] ; or := and (OR and)* ;
 * and := not (AND not)* ; not := NOT not | '(' or ')' | terminal. AND binds tighter than OR, as in Jira.
 */
final class JqlParser {

    record SortKey(JqlField field, boolean descending) {}

    record Parsed(JqlClause where, List<SortKey> orderBy) {}

    // Unquoted, these would make the query ambiguous, so Jira insists on quotes.
    private static final Set<String> RESERVED_VALUES = Set.of("and", "or", "not", "in", "is", "order", "by");

    private final String jql;
    private final List<Token> tokens;
    private int index;

    private JqlParser(String jql) {
        this.jql = jql;
        this.tokens = JqlLexer.tokenize(jql);
    }

    static Parsed parse(String jql) {
        return new JqlParser(jql).query();
    }

    private Parsed query() {
        JqlClause where = null;
        if (!atEnd() && !atOrderBy()) {
            where = or();
        }
        List<SortKey> orderBy = List.of();
        if (atOrderBy()) {
            index++;
            expectWord("by");
            orderBy = sortKeys();
        }
        if (!atEnd()) {
            throw error("Expecting either 'OR' or 'AND' but got '" + peek().text() + "'.", peek());
        }
        JqlValidator.validate(where, jql);
        return new Parsed(where, orderBy);
    }

    private JqlClause or() {
        List<JqlClause> children = new ArrayList<>(List.of(and()));
        while (peek().type() == Type.OR || peek().isWord("or")) {
            index++;
            children.add(and());
        }
        return children.size() == 1 ? children.get(0) : new Or(List.copyOf(children));
    }

    private JqlClause and() {
        List<JqlClause> children = new ArrayList<>(List.of(not()));
        while (peek().type() == Type.AND || peek().isWord("and")) {
            index++;
            children.add(not());
        }
        return children.size() == 1 ? children.get(0) : new And(List.copyOf(children));
    }

    private JqlClause not() {
        Token t = peek();
        if (t.type() == Type.NOT || t.isWord("not")) {
            index++;
            return new Not(not());
        }
        if (t.type() == Type.LPAREN) {
            index++;
            JqlClause inner = or();
            expect(Type.RPAREN, "')'");
            return inner;
        }
        return terminal();
    }

    private JqlClause terminal() {
        FieldRef field = field();
        Operator op = operator();
        Operand operand = operand();
        return new Terminal(field, op, operand);
    }

    private FieldRef field() {
        Token t = next();
        if (t.type() != Type.WORD && t.type() != Type.STRING) {
            throw unexpected("Expecting a field name", t);
        }
        JqlField field = JqlField.byName(t.text());
        if (field == null) {
            throw new JqlException("Field '" + t.text() + "' does not exist or you do not have permission to view it.");
        }
        if (field != JqlField.PROPERTY) {
            return FieldRef.of(field, t.text());
        }
        expect(Type.LBRACKET, "'['");
        Token key = next();
        if (key.type() != Type.WORD && key.type() != Type.STRING) {
            throw unexpected("Expecting a property key", key);
        }
        expect(Type.RBRACKET, "']'");
        List<String> path = new ArrayList<>();
        // The path is lexed as one word such as ".incidentKey.id" because '.' is a word character.
        if (peek().type() == Type.WORD && peek().text().startsWith(".")) {
            for (String part : next().text().substring(1).split("\\.", -1)) {
                if (part.isEmpty()) {
                    throw error("The property path for '" + key.text() + "' is invalid.", tokens.get(index - 1));
                }
                path.add(part);
            }
        }
        String written = "issue.property[" + key.text() + "]" + (path.isEmpty() ? "" : "." + String.join(".", path));
        return new FieldRef(field, written, key.text(), List.copyOf(path));
    }

    private Operator operator() {
        Token t = next();
        if (t.type() == Type.OPERATOR) {
            return Operator.fromSymbol(t.text());
        }
        if (t.isWord("in")) {
            return Operator.IN;
        }
        if (t.isWord("not") && peek().isWord("in")) {
            index++;
            return Operator.NOT_IN;
        }
        if (t.isWord("is")) {
            if (peek().isWord("not")) {
                index++;
                return Operator.IS_NOT;
            }
            return Operator.IS;
        }
        throw unexpected("Expecting operator", t);
    }

    private Operand operand() {
        Token t = next();
        if (t.type() == Type.LPAREN) {
            List<Operand> items = new ArrayList<>();
            items.add(operand());
            while (peek().type() == Type.COMMA) {
                index++;
                items.add(operand());
            }
            expect(Type.RPAREN, "')'");
            return new ValueList(List.copyOf(items));
        }
        if (t.type() == Type.STRING) {
            return new Value(t.text(), true, t.offset());
        }
        if (t.type() != Type.WORD) {
            throw unexpected("Expecting either a value, list or function", t);
        }
        if (t.isWord("empty") || t.isWord("null")) {
            return new Empty();
        }
        if (peek().type() == Type.LPAREN) {
            return functionCall(t);
        }
        if (RESERVED_VALUES.contains(t.text().toLowerCase(java.util.Locale.ROOT))) {
            throw error(
                    "'" + t.text() + "' is a reserved JQL word. You must surround it in quotation marks"
                            + " to use it in a query.",
                    t);
        }
        return new Value(t.text(), false, t.offset());
    }

    private FunctionCall functionCall(Token name) {
        index++;
        List<String> args = new ArrayList<>();
        if (peek().type() != Type.RPAREN) {
            do {
                Token arg = next();
                if (arg.type() != Type.WORD && arg.type() != Type.STRING) {
                    throw unexpected("Expecting a function argument", arg);
                }
                args.add(arg.text());
            } while (skip(Type.COMMA));
        }
        expect(Type.RPAREN, "')'");
        return new FunctionCall(name.text(), List.copyOf(args), name.offset());
    }

    private List<SortKey> sortKeys() {
        List<SortKey> keys = new ArrayList<>();
        do {
            Token t = next();
            if (t.type() != Type.WORD && t.type() != Type.STRING) {
                throw unexpected("Expecting a field name", t);
            }
            JqlField field = JqlField.byName(t.text());
            if (field == null) {
                throw new JqlException(
                        "Field '" + t.text() + "' does not exist or you do not have permission to view it.");
            }
            if (!field.sortable) {
                throw new JqlException("Field '" + t.text() + "' does not support sorting.");
            }
            if (keys.stream().anyMatch(k -> k.field() == field)) {
                throw new JqlException(
                        "The sort field '" + t.text() + "' is referenced multiple times in the JQL sort.");
            }
            boolean descending = false;
            if (peek().isWord("asc") || peek().isWord("desc")) {
                descending = next().isWord("desc");
            }
            keys.add(new SortKey(field, descending));
        } while (skip(Type.COMMA));
        return List.copyOf(keys);
    }

    private boolean atOrderBy() {
        return peek().isWord("order");
    }

    private boolean atEnd() {
        return peek().type() == Type.EOF;
    }

    private Token peek() {
        return tokens.get(index);
    }

    private Token next() {
        Token t = tokens.get(index);
        if (t.type() != Type.EOF) {
            index++;
        }
        return t;
    }

    private boolean skip(Type type) {
        if (peek().type() != type) {
            return false;
        }
        index++;
        return true;
    }

    private void expect(Type type, String shown) {
        Token t = next();
        if (t.type() != type) {
            throw unexpected("Expecting " + shown, t);
        }
    }

    private void expectWord(String word) {
        Token t = next();
        if (!t.isWord(word)) {
            throw unexpected("Expecting '" + word.toUpperCase(java.util.Locale.ROOT) + "'", t);
        }
    }

    private JqlException unexpected(String expecting, Token got) {
        if (got.type() == Type.EOF) {
            return JqlException.syntax(expecting + " before the end of the query.", jql, -1);
        }
        return error(expecting + " but got '" + got.text() + "'.", got);
    }

    private JqlException error(String detail, Token at) {
        return JqlException.syntax(detail, jql, at.offset());
    }
}
