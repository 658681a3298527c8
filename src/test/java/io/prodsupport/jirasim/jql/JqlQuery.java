package io.prodsupport.jirasim.jql;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A parsed, validated JQL query. Immutable and thread-safe; parse once, evaluate against many issues.
 *
 * <p>Relative dates ("-15m", now()) are resolved against the {@code now} passed to {@link #matches}, so
 * tests and the simulator's clock decide what "now" is.
 */
public final class JqlQuery {

    private final String jql;
    private final JqlClause where;
    private final List<JqlParser.SortKey> orderBy;
    private final Comparator<JqlIssue> ordering;

    private JqlQuery(String jql, JqlParser.Parsed parsed) {
        this.jql = jql;
        this.where = parsed.where();
        this.orderBy = parsed.orderBy();
        this.ordering = JqlOrdering.of(orderBy);
    }

    /**
     * @throws JqlException with a Jira-like message, e.g. "Error in the JQL Query: Expecting operator but got
     *     'foo'. (line 1, character 9)" or "Field 'colour' does not exist or you do not have permission to
     *     view it."
     */
    public static JqlQuery parse(String jql) {
        String text = jql == null ? "" : jql;
        return new JqlQuery(text, JqlParser.parse(text));
    }

    /** A blank query, or one with only ORDER BY, matches every issue. */
    public boolean matches(JqlIssue issue, Instant now) {
        Objects.requireNonNull(issue, "issue");
        Objects.requireNonNull(now, "now");
        return where == null || JqlEvaluator.matches(where, issue, now);
    }

    /**
     * The ORDER BY ordering; without ORDER BY, created DESC. Always ends with the issue key (project, then
     * number; descending for the default order, ascending otherwise) so paging is deterministic.
     */
    public Comparator<JqlIssue> ordering() {
        return ordering;
    }

    /**
     * The labels one of which every matching issue has, when the query says so ({@code labels = x} or
     * {@code labels in (x, y)}, alone or ANDed with anything): a search can start from an index of labels.
     */
    public Optional<Set<String>> requiredLabels() {
        return required(where, JqlField.LABELS);
    }

    /** Like {@link #requiredLabels()}, for {@code project = x} (a key, name or id, as written). */
    public Optional<Set<String>> requiredProjects() {
        return required(where, JqlField.PROJECT);
    }

    private static Optional<Set<String>> required(JqlClause clause, JqlField field) {
        if (clause instanceof JqlClause.And and) {
            for (JqlClause child : and.children()) {
                Optional<Set<String>> values = required(child, field);
                if (values.isPresent()) {
                    return values;
                }
            }
            return Optional.empty();
        }
        if (!(clause instanceof JqlClause.Terminal t)
                || t.field().field() != field
                || t.field().propertyKey() != null) {
            return Optional.empty();
        }
        if (t.operator() == JqlClause.Operator.EQUALS && t.operand() instanceof JqlClause.Value v) {
            return Optional.of(Set.of(v.text()));
        }
        if (t.operator() == JqlClause.Operator.IN && t.operand() instanceof JqlClause.ValueList list) {
            Set<String> values = new HashSet<>();
            for (JqlClause.Operand item : list.items()) {
                if (!(item instanceof JqlClause.Value v)) {
                    return Optional.empty(); // EMPTY or a function in the list: no index for that
                }
                values.add(v.text());
            }
            return Optional.of(values);
        }
        return Optional.empty();
    }

    /** Whether the query is ordered by issue key ascending and nothing else: it can be paged by key. */
    public boolean orderedByKeyAscending() {
        return orderBy.size() == 1
                && orderBy.get(0).field() == JqlField.KEY
                && !orderBy.get(0).descending();
    }

    /** Whether the query had an ORDER BY clause. */
    public boolean hasOrderBy() {
        return !orderBy.isEmpty();
    }

    @Override
    public String toString() {
        return jql;
    }
}
