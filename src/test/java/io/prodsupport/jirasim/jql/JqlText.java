package io.prodsupport.jirasim.jql;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code ~} operator, simplified: Jira runs Lucene with stemming and stop words; here every term of
 * the query must occur as a whole word (case-insensitive) in the field, a trailing '*' makes a term a
 * prefix, and a query wrapped in double quotes must occur as a contiguous phrase.
 */
final class JqlText {

    private JqlText() {}

    static boolean contains(String fieldText, String query) {
        if (fieldText == null) {
            return false;
        }
        List<String> words = words(fieldText, false);
        String trimmed = query.trim();
        if (trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")) {
            return containsPhrase(words, words(trimmed.substring(1, trimmed.length() - 1), false));
        }
        List<String> terms = words(trimmed, true);
        if (terms.isEmpty()) {
            return false;
        }
        for (String term : terms) {
            boolean prefix = term.endsWith("*");
            String stem = prefix ? term.substring(0, term.length() - 1) : term;
            boolean found = words.stream().anyMatch(w -> prefix ? w.startsWith(stem) : w.equals(stem));
            if (!found) {
                return false;
            }
        }
        return true;
    }

    private static boolean containsPhrase(List<String> words, List<String> phrase) {
        if (phrase.isEmpty()) {
            return false;
        }
        for (int i = 0; i + phrase.size() <= words.size(); i++) {
            if (words.subList(i, i + phrase.size()).equals(phrase)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> words(String text, boolean keepWildcard) {
        List<String> words = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLetterOrDigit(c) || (keepWildcard && c == '*' && current.length() > 0)) {
                current.append(Character.toLowerCase(c));
            } else if (current.length() > 0) {
                words.add(current.toString());
                current.setLength(0);
            }
        }
        if (current.length() > 0) {
            words.add(current.toString());
        }
        return words;
    }
}
