package io.prodsupport.jirasim.jql;

/**
 * A JQL query that Jira would reject. The message mimics Jira's own wording so that the simulator
 * answers 400 with something a client (and a human reading logs) recognises.
 */
public final class JqlException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public JqlException(String message) {
        super(message);
    }

    /** A syntax error, prefixed and positioned the way Jira reports them. */
    static JqlException syntax(String detail, String jql, int offset) {
        if (offset < 0 || offset >= jql.length()) {
            return new JqlException("Error in the JQL Query: " + detail);
        }
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (jql.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new JqlException("Error in the JQL Query: " + detail + " (line " + line + ", character "
                + (offset - lineStart + 1) + ")");
    }
}
