package io.prodsupport.jirasim.jql;

import java.util.ArrayList;
import java.util.List;

/** Splits JQL into tokens. Keywords stay plain words: whether AND is a keyword depends on where it is. */
final class JqlLexer {

    enum Type {
        WORD,
        STRING,
        LPAREN,
        RPAREN,
        LBRACKET,
        RBRACKET,
        COMMA,
        OPERATOR,
        AND,
        OR,
        NOT,
        EOF
    }

    /** STRING vs WORD keeps {@code "EMPTY"} (a value) apart from {@code EMPTY} (a keyword). */
    record Token(Type type, String text, int offset) {
        boolean isWord(String keyword) {
            return type == Type.WORD && text.equalsIgnoreCase(keyword);
        }
    }

    // Jira rejects these in unquoted strings; everything else (including - . / : + @) is a word char.
    private static final String RESERVED = "=!<>()~,\"'[]&|";

    private final String jql;
    private int pos;

    private JqlLexer(String jql) {
        this.jql = jql;
    }

    static List<Token> tokenize(String jql) {
        return new JqlLexer(jql).run();
    }

    private List<Token> run() {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            while (pos < jql.length() && Character.isWhitespace(jql.charAt(pos))) {
                pos++;
            }
            if (pos >= jql.length()) {
                tokens.add(new Token(Type.EOF, "", jql.length()));
                return tokens;
            }
            tokens.add(next());
        }
    }

    private Token next() {
        int start = pos;
        char c = jql.charAt(pos);
        switch (c) {
            case '(':
                pos++;
                return new Token(Type.LPAREN, "(", start);
            case ')':
                pos++;
                return new Token(Type.RPAREN, ")", start);
            case '[':
                pos++;
                return new Token(Type.LBRACKET, "[", start);
            case ']':
                pos++;
                return new Token(Type.RBRACKET, "]", start);
            case ',':
                pos++;
                return new Token(Type.COMMA, ",", start);
            case '"':
            case '\'':
                return quoted(c);
            case '=':
            case '~':
                pos++;
                return new Token(Type.OPERATOR, String.valueOf(c), start);
            case '<':
            case '>':
                pos++;
                if (peek('=')) {
                    pos++;
                    return new Token(Type.OPERATOR, c + "=", start);
                }
                return new Token(Type.OPERATOR, String.valueOf(c), start);
            case '!':
                pos++;
                if (peek('=') || peek('~')) {
                    return new Token(Type.OPERATOR, "!" + jql.charAt(pos++), start);
                }
                return new Token(Type.NOT, "!", start);
            case '&':
            case '|':
                pos++;
                if (peek(c)) {
                    pos++;
                }
                return new Token(c == '&' ? Type.AND : Type.OR, jql.substring(start, pos), start);
            default:
                while (pos < jql.length() && isWordChar(jql.charAt(pos))) {
                    pos++;
                }
                return new Token(Type.WORD, jql.substring(start, pos), start);
        }
    }

    private boolean peek(char c) {
        return pos < jql.length() && jql.charAt(pos) == c;
    }

    private static boolean isWordChar(char c) {
        return !Character.isWhitespace(c) && RESERVED.indexOf(c) < 0;
    }

    private Token quoted(char quote) {
        int start = pos++;
        StringBuilder text = new StringBuilder();
        while (pos < jql.length()) {
            char c = jql.charAt(pos++);
            if (c == quote) {
                return new Token(Type.STRING, text.toString(), start);
            }
            if (c == '\\') {
                text.append(escape(pos - 1));
            } else {
                text.append(c);
            }
        }
        throw JqlException.syntax("The quoted string '" + text + "' has not been completed.", jql, start);
    }

    private char escape(int backslash) {
        if (pos >= jql.length()) {
            throw JqlException.syntax("The quoted string has not been completed.", jql, backslash);
        }
        char c = jql.charAt(pos++);
        switch (c) {
            case '"':
            case '\'':
            case '\\':
            case ' ':
                return c;
            case 't':
                return '\t';
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 'u':
                if (pos + 4 <= jql.length()) {
                    try {
                        char decoded = (char) Integer.parseInt(jql.substring(pos, pos + 4), 16);
                        pos += 4;
                        return decoded;
                    } catch (NumberFormatException ignored) {
                        // fall through to the illegal-escape error
                    }
                }
                break;
            default:
                break;
        }
        throw JqlException.syntax(
                "'\\" + c + "' is an illegal JQL escape sequence. The valid escape sequences"
                        + " are \\', \\\", \\t, \\n, \\r, \\\\, '\\ ' and \\uXXXX.",
                jql,
                backslash);
    }
}
