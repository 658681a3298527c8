package io.prodsupport.jirasim.jql;

import io.prodsupport.jirasim.jql.JqlParser.SortKey;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** Builds the ORDER BY comparator. Every ordering ends on the issue key so paging is deterministic. */
final class JqlOrdering {

    private static final List<String> CATEGORY_ORDER = List.of("new", "indeterminate", "done");

    /** Project, then number: OPS-9 before OPS-10, unlike a string sort. */
    static final Comparator<JqlIssue> BY_KEY = Comparator.comparing(
                    (JqlIssue i) -> JqlValues.parseKey(i.key()), Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(JqlIssue::key, Comparator.nullsLast(Comparator.naturalOrder()));

    private JqlOrdering() {}

    /** Without ORDER BY: newest first, as Jira's issue search shows them. */
    static Comparator<JqlIssue> of(List<SortKey> keys) {
        if (keys.isEmpty()) {
            return comparator(new SortKey(JqlField.CREATED, true)).thenComparing(BY_KEY.reversed());
        }
        Comparator<JqlIssue> result = null;
        for (SortKey key : keys) {
            Comparator<JqlIssue> next = comparator(key);
            result = result == null ? next : result.thenComparing(next);
        }
        return result.thenComparing(BY_KEY);
    }

    /** Empty values sort last ascending and first descending, as in Jira. */
    private static Comparator<JqlIssue> comparator(SortKey key) {
        Comparator<JqlIssue> ascending = key.field() == JqlField.KEY
                ? BY_KEY
                : Comparator.comparing(extractor(key.field()), Comparator.nullsLast(Comparator.naturalOrder()));
        return key.descending() ? ascending.reversed() : ascending;
    }

    private static Function<JqlIssue, Comparable<Object>> extractor(JqlField field) {
        return issue -> {
            @SuppressWarnings("unchecked")
            Comparable<Object> value = (Comparable<Object>) (Comparable<?>) sortValue(field, issue);
            return value;
        };
    }

    private static Comparable<?> sortValue(JqlField field, JqlIssue issue) {
        return switch (field) {
            case PROJECT -> lower(issue.projectName() != null ? issue.projectName() : issue.projectKey());
            case ISSUETYPE -> lower(issue.issueType());
            case STATUS -> lower(issue.status());
            case STATUS_CATEGORY -> {
                int index = issue.statusCategoryKey() == null
                        ? -1
                        : CATEGORY_ORDER.indexOf(issue.statusCategoryKey().toLowerCase(Locale.ROOT));
                yield index < 0 ? null : index;
            }
            case RESOLUTION -> lower(issue.resolution());
            case ASSIGNEE -> lower(issue.assignee());
            case REPORTER -> lower(issue.reporter());
            case SUMMARY -> lower(issue.summary());
            case CREATED -> issue.created();
            case UPDATED -> issue.updated();
            case RESOLUTION_DATE -> issue.resolutionDate();
            default -> throw new IllegalStateException("not sortable: " + field);
        };
    }

    private static String lower(String s) {
        return s == null || s.isEmpty() ? null : s.toLowerCase(Locale.ROOT);
    }
}
