package io.prodsupport.jirasim.jql;

import io.prodsupport.jirasim.jql.JqlClause.Operator;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The fields this JQL subset knows, with what Jira allows on each. */
enum JqlField {
    PROJECT(Kind.CHOICE, false, true, "project"),
    ISSUETYPE(Kind.CHOICE, false, true, "issuetype", "type"),
    KEY(Kind.KEY, false, true, "key", "issuekey", "id"),
    LABELS(Kind.CHOICE, true, false, "labels"),
    FIX_VERSION(Kind.CHOICE, true, false, "fixVersion"),
    STATUS(Kind.CHOICE, false, true, "status"),
    STATUS_CATEGORY(Kind.CHOICE, false, true, "statusCategory"),
    RESOLUTION(Kind.CHOICE, true, true, "resolution"),
    ASSIGNEE(Kind.CHOICE, true, true, "assignee"),
    REPORTER(Kind.CHOICE, true, true, "reporter"),
    SUMMARY(Kind.TEXT, false, true, "summary"),
    DESCRIPTION(Kind.TEXT, true, false, "description"),
    TEXT(Kind.TEXT_ONLY, false, false, "text"),
    CREATED(Kind.DATE, false, true, "created", "createdDate"),
    UPDATED(Kind.DATE, false, true, "updated", "updatedDate"),
    RESOLUTION_DATE(Kind.DATE, true, true, "resolutiondate", "resolved"),
    PROPERTY(Kind.PROPERTY, true, false, "issue.property");

    enum Kind {
        CHOICE,
        KEY,
        TEXT,
        TEXT_ONLY,
        DATE,
        PROPERTY
    }

    private static final Set<Operator> EQUALITY =
            EnumSet.of(Operator.EQUALS, Operator.NOT_EQUALS, Operator.IN, Operator.NOT_IN);
    private static final Set<Operator> EMPTINESS = EnumSet.of(Operator.IS, Operator.IS_NOT);

    final Kind kind;
    final boolean emptiable;
    final boolean sortable;
    final String canonical;
    private final String[] names;

    JqlField(Kind kind, boolean emptiable, boolean sortable, String... names) {
        this.kind = kind;
        this.emptiable = emptiable;
        this.sortable = sortable;
        this.canonical = names[0];
        this.names = names;
    }

    /** Null when unknown; the caller owns the error message because it knows the spelling used. */
    static JqlField byName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (JqlField field : values()) {
            for (String candidate : field.names) {
                if (candidate.toLowerCase(Locale.ROOT).equals(lower)) {
                    return field;
                }
            }
        }
        return null;
    }

    /** Mirrors Jira: text fields have no '=', choice fields no '>' or '~'. */
    boolean supports(Operator op) {
        Set<Operator> allowed = EnumSet.noneOf(Operator.class);
        switch (kind) {
            case CHOICE -> allowed.addAll(EQUALITY);
            case KEY -> {
                allowed.addAll(EQUALITY);
                allowed.addAll(
                        EnumSet.of(Operator.GREATER, Operator.GREATER_OR_EQUAL, Operator.LESS, Operator.LESS_OR_EQUAL));
            }
            case TEXT -> allowed.addAll(EnumSet.of(Operator.LIKE, Operator.NOT_LIKE));
            case TEXT_ONLY -> allowed.add(Operator.LIKE);
            case DATE, PROPERTY -> allowed.addAll(EnumSet.allOf(Operator.class));
        }
        if (kind == Kind.DATE) {
            allowed.removeAll(EnumSet.of(Operator.LIKE, Operator.NOT_LIKE));
        }
        if (kind != Kind.TEXT_ONLY) {
            allowed.addAll(EMPTINESS);
        }
        return allowed.contains(op);
    }
}
