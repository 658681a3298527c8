package io.prodsupport.analytics;

import io.prodsupport.incident.SectionText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.shingle.ShingleAnalyzerWrapper;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * The terms and two-word phrases that recur across the incidents' Root Cause(s) sections, by document frequency.
 *
 * <p>Each section (markup stripped by {@link SectionText#normalise}) goes through Lucene's {@link EnglishAnalyzer}:
 * standard tokenising, lower case, English stop words (plus words every root cause uses, such as "cause" and "due"),
 * possessives and Porter stemming, so "timeouts" and "timed out" meet at "time". Shingles of two give the phrases
 * ("disk full"). Words that are numbers (host and release numbers) are left out. A term recurs when it appears in at least two incidents; a single word is left out when a recurring
 * phrase containing it appears in exactly the same incidents, so "log rotation" is shown once, not three times. Each
 * term is shown as the words most often written for it. Ordered by the number of incidents, phrases first on a tie.
 */
public final class RecurringCauses {

    /** At most this many terms are reported. */
    public static final int LIMIT = 15;

    private static final Set<String> ROOT_CAUSE_WORDS = Set.of(
            "cause", "caused", "causes", "causing", "root", "due", "because", "issue", "issues", "problem", "tbd",
            "todo", "we", "our", "was", "were", "has", "had", "been", "which", "when", "after");

    private RecurringCauses() {}

    static List<Figures.RecurringCause> find(List<IncidentTimeline> incidents) {
        Map<String, Set<String>> incidentsByTerm = new HashMap<>();
        Map<String, Map<String, Integer>> surfaceForms = new HashMap<>();
        try (Analyzer analyzer = analyzer()) {
            for (IncidentTimeline incident : incidents) {
                String text = SectionText.normalise(incident.rootCause());
                if (text.isEmpty()) {
                    continue;
                }
                for (Map.Entry<String, String> term : terms(analyzer, text).entrySet()) {
                    incidentsByTerm
                            .computeIfAbsent(term.getKey(), t -> new TreeSet<>(RecurringCauses::byKeyNumber))
                            .add(incident.key());
                    surfaceForms
                            .computeIfAbsent(term.getKey(), t -> new HashMap<>())
                            .merge(term.getValue(), 1, Integer::sum);
                }
            }
        }
        Map<String, Set<String>> recurring = new LinkedHashMap<>();
        incidentsByTerm.forEach((term, keys) -> {
            if (keys.size() >= 2) {
                recurring.put(term, keys);
            }
        });
        List<String> kept = recurring.keySet().stream()
                .filter(term -> term.contains(" ") || !coveredByPhrase(term, recurring))
                .sorted(Comparator.comparing((String t) -> -recurring.get(t).size())
                        .thenComparing(t -> t.contains(" ") ? 0 : 1)
                        .thenComparing(Comparator.naturalOrder()))
                .limit(LIMIT)
                .toList();
        List<Figures.RecurringCause> out = new ArrayList<>();
        for (String term : kept) {
            out.add(new Figures.RecurringCause(mostWritten(surfaceForms.get(term)), List.copyOf(recurring.get(term))));
        }
        return out;
    }

    private static boolean coveredByPhrase(String word, Map<String, Set<String>> recurring) {
        Set<String> keys = recurring.get(word);
        return recurring.entrySet().stream()
                .anyMatch(e -> e.getKey().contains(" ")
                        && List.of(e.getKey().split(" ")).contains(word)
                        && e.getValue().equals(keys));
    }

    private static Analyzer analyzer() {
        CharArraySet stop = new CharArraySet(EnglishAnalyzer.getDefaultStopSet(), true);
        stop.addAll(ROOT_CAUSE_WORDS);
        // bigrams and unigrams; "_" fills the place of a removed stop word, and phrases with one are dropped
        return new ShingleAnalyzerWrapper(new EnglishAnalyzer(stop), 2, 2, " ", true, false, "_");
    }

    /** Each distinct analysed term of {@code text} and the text it came from (its first occurrence). */
    private static Map<String, String> terms(Analyzer analyzer, String text) {
        Map<String, String> terms = new LinkedHashMap<>();
        try (TokenStream tokens = analyzer.tokenStream("rootCause", text)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = tokens.addAttribute(OffsetAttribute.class);
            tokens.reset();
            while (tokens.incrementToken()) {
                String t = term.toString();
                if (t.contains("_") || t.length() < 3 || hasNumber(t)) {
                    continue;
                }
                terms.putIfAbsent(t, text.substring(offset.startOffset(), offset.endOffset()));
            }
            tokens.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringReader does not fail
        }
        return terms;
    }

    /** Host and release numbers ("db-3", "release 42") say which, not why: terms with a number are left out. */
    private static boolean hasNumber(String term) {
        for (String word : term.split(" ")) {
            if (word.chars().allMatch(Character::isDigit)) {
                return true;
            }
        }
        return false;
    }

    private static String mostWritten(Map<String, Integer> forms) {
        return forms.entrySet().stream()
                .max(Map.Entry.<String, Integer>comparingByValue()
                        .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                .orElseThrow()
                .getKey();
    }

    /** OPS-2 before OPS-10. */
    static int byKeyNumber(String a, String b) {
        int dashA = a.lastIndexOf('-');
        int dashB = b.lastIndexOf('-');
        int project = a.substring(0, Math.max(0, dashA)).compareTo(b.substring(0, Math.max(0, dashB)));
        if (project != 0) {
            return project;
        }
        try {
            return Long.compare(Long.parseLong(a.substring(dashA + 1)), Long.parseLong(b.substring(dashB + 1)));
        } catch (NumberFormatException e) {
            return a.compareTo(b);
        }
    }
}
