package io.prodsupport.app;

import io.prodsupport.jira.JiraClient;
import io.prodsupport.jira.JiraException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * People by name in what prodsupport says (logs, the activity record, {@code explain}): the config and the rules name
 * people by Jira reference (a Cloud accountId, a Data Center username), which nobody reads fluently. The configured
 * people are looked up once; a reference Jira does not know stays as it is.
 */
final class PeopleNames {

    private final Map<String, String> names;
    private final Pattern refs;

    PeopleNames(Map<String, String> names) {
        this.names = Map.copyOf(names);
        this.refs = names.isEmpty()
                ? null
                : Pattern.compile("(?<![\\w.@-])("
                        + String.join(
                                "|", names.keySet().stream().map(Pattern::quote).toList())
                        + ")(?![\\w.@-])");
    }

    static PeopleNames none() {
        return new PeopleNames(Map.of());
    }

    /** Looks each reference up in Jira; one that cannot be looked up (unknown, Jira down) keeps its reference. */
    static PeopleNames lookUp(JiraClient jira, Collection<String> refs) {
        Map<String, String> names = new LinkedHashMap<>();
        for (String ref : refs) {
            try {
                jira.user(ref).ifPresent(user -> {
                    if (user.displayName() != null && !user.displayName().isBlank()) {
                        names.put(ref, user.displayName());
                    }
                });
            } catch (JiraException e) {
                // a name is a courtesy: the reference still says who it is
            }
        }
        return new PeopleNames(names);
    }

    String named(String text) {
        if (refs == null || text == null) {
            return text;
        }
        Matcher m = refs.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(names.get(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }

    List<String> named(List<String> lines) {
        return lines.stream().map(this::named).toList();
    }
}
