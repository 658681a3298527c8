package io.prodsupport.backfill;

import java.util.Comparator;

/** Issue keys in the order {@code ORDER BY key ASC} gives them: by project key, then by number (OPS-9 before OPS-10). */
final class IssueKeys {

    static final Comparator<String> ORDER = Comparator.comparing(IssueKeys::project)
            .thenComparingLong(IssueKeys::number)
            .thenComparing(Comparator.naturalOrder());

    private IssueKeys() {}

    private static String project(String key) {
        int dash = key.lastIndexOf('-');
        return dash < 0 ? key : key.substring(0, dash);
    }

    private static long number(String key) {
        int dash = key.lastIndexOf('-');
        try {
            return dash < 0 ? 0 : Long.parseLong(key.substring(dash + 1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
