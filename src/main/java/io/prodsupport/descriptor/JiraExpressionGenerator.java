package io.prodsupport.descriptor;

import io.prodsupport.incident.Section;
import io.prodsupport.incident.SectionText;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The close gate as a Jira expression for the Forge workflow validator, generated from the same data the Java
 * gate uses: {@link Section} titles and aliases (through {@link Section#titleKey}), {@link SectionText#REWRITES}
 * and {@link SectionText#EMPTY}. It evaluates to {@code true} (allow) or to a message naming the required
 * sections that are empty (block; Forge shows a returned string as the error).
 *
 * <p>How the expression reads a description, step by step (each step is one {@code replace} over the whole text,
 * so the expression stays short):
 * <ol>
 *   <li>lower-case, line breaks to {@code \n};</li>
 *   <li>each line inside a verbatim block gets a leading {@code ¶}: a line is inside one when an odd number of
 *       {@code {code}}/{@code {noformat}} tags and {@code ```} fences follows it, so a quoted "h2. Root Cause(s)"
 *       can never be a heading;</li>
 *   <li>every other line start becomes {@code § }, swallowing a heading marker ({@code h1.}–{@code h6.},
 *       {@code #}–{@code ######}) if there is one;</li>
 *   <li>{@link SectionText#REWRITES} in order, with the line breaks turned into {@code ¶} just before the
 *       punctuation rewrite, and the filler words "the"/"and" dropped from lines — so a line reads
 *       {@code § <title key> ¶} exactly when its title is a section's;</li>
 *   <li>per required section: everything up to its <em>last</em> heading line is cut off, the rest up to the
 *       next heading line of any section is the body, and the body is empty when nothing is left but
 *       {@link SectionText#EMPTY} after the markers are dropped.</li>
 * </ol>
 * Where this differs from {@code DescriptionParser} is listed in {@code plugin-descriptor/README.md}; the tests
 * prove both agree on every example description.
 */
public final class JiraExpressionGenerator {

    /**
     * The size this generator keeps the default expression under, guarded by a test. It is NOT Jira's limit:
     * third-party guides quoting the Jira expressions restrictions, and the example error of the analyse endpoint
     * ("Jira expression is too long (1040), limit: 1000 characters"), give 1,000 characters; the faithful
     * expression is about 2,300. plugin-descriptor/README.md says how to check the real limit before deploying.
     */
    public static final int LENGTH_BUDGET = 2500;

    /** The limit third-party documentation gives for one Jira expression; see {@link #LENGTH_BUDGET}. */
    public static final int DOCUMENTED_LIMIT = 1000;

    private static final String HEADING = "§";
    private static final String LINE_END = "¶";

    private JiraExpressionGenerator() {
    }

    /**
     * The expression for these required sections, limited to issues in {@code projects} (and of one of
     * {@code issueTypes}, when any are given); other issues always pass.
     */
    public static String generate(List<Section> required, List<String> projects, List<String> issueTypes) {
        if (required.isEmpty()) {
            return "true";
        }
        String all = keyAlternation(List.of(Section.values()));
        StringBuilder x = new StringBuilder();
        x.append("let d=issue.description;");
        x.append("let t=(d==null?'':typeof d=='String'?d:d.plainText).toLowerCase()");
        x.append(".replace(/\\r\\n?/g,'\\n')");
        x.append(".replace(").append(literal(verbatimLine(), "g")).append(",'\\n" + LINE_END + "')");
        // The markers go before the line break, so the rewrites still see line starts where Java sees them.
        x.append(".replace(/(^|\\n)[ \\t]*(?:(?:h[1-6]\\.|#{1,6})[ \\t])?/g,' " + LINE_END + " " + HEADING
                + " $1')");
        for (SectionText.Rewrite rewrite : SectionText.REWRITES) {
            x.append(".replace(").append(literal(rewrite.regex(), "g")).append(",'")
                    .append(rewrite.replacement()).append("')");
        }
        String filler = ".replace(/(" + HEADING + "[^" + LINE_END + "]*? )(?:the|and) /g,'$1')";
        x.append(filler).append(filler).append(';');
        x.append("let m=[");
        x.append(required.stream().distinct().sorted()
                .map(s -> "['" + s.title().replace("'", "\\'") + "',/[\\s\\S]*" + HEADING + " (?:"
                        + keyAlternation(List.of(s)) + ") " + LINE_END + "/," + literal(emptyRule(s), "") + "]")
                .collect(Collectors.joining(",")));
        x.append("].map(s=>[s[0],t.replace(s[1],'" + LINE_END + LINE_END + "').split(/" + HEADING + " (?:" + all
                + ") " + LINE_END + "/)[0],s[2]])");
        x.append(".filter(s=>!s[1].startsWith('" + LINE_END + LINE_END + "')||s[1].replace(/[" + HEADING
                + LINE_END + " ]+/g,' ').trim().match(s[2])!=null).map(s=>s[0]);");
        x.append(scope(projects, issueTypes)).append("&&m.length>0?'Fill in before closing: '+m.join(', '):true");
        return x.toString();
    }

    /** A line start inside a verbatim block: an odd number of block tags and fences follows it. */
    static String verbatimLine() {
        String tag = "(?:\\{(?:code|noformat)(?::[^}\\n]*)?\\}|```)";
        String other = "(?:(?!" + tag + ")[\\s\\S])*";
        return "\\n(?=" + other + tag + "(?:" + other + tag + other + tag + ")*" + other + "$)";
    }

    /**
     * The emptiness rule of one section over its normalised body: {@link SectionText#EMPTY}, or the normalised
     * placeholder when that is not already empty by {@code EMPTY}.
     */
    static String emptyRule(Section section) {
        // The expression drops "the"/"and" from every line (it cannot tell titles from body lines before
        // matching), so the placeholder is compared in that form too.
        String placeholder = Section.titleKey(section.placeholder());
        boolean placeholderIsEmpty = placeholder.isEmpty()
                || java.util.regex.Pattern.matches(SectionText.EMPTY, placeholder);
        return placeholderIsEmpty ? SectionText.EMPTY : SectionText.EMPTY + "|^" + quote(placeholder) + "$";
    }

    /** The title keys of these sections as one alternation, longest first so no key shadows a longer one. */
    static String keyAlternation(List<Section> sections) {
        Set<String> keys = new LinkedHashSet<>();
        for (Section section : sections) {
            section.names().forEach(name -> keys.add(Section.titleKey(name)));
        }
        List<String> sorted = new ArrayList<>(keys);
        sorted.sort((a, b) -> b.length() != a.length() ? b.length() - a.length() : a.compareTo(b));
        return sorted.stream().map(JiraExpressionGenerator::quote).collect(Collectors.joining("|"));
    }

    /** Whether the issue is an incident: project in the configured set, issue type too when configured. */
    static String scope(List<String> projects, List<String> issueTypes) {
        String inProject = "[" + projects.stream().map(p -> "'" + p.toUpperCase(Locale.ROOT) + "'")
                .collect(Collectors.joining(",")) + "].includes(issue.project.key)";
        if (issueTypes.isEmpty()) {
            return inProject;
        }
        return inProject + "&&[" + issueTypes.stream().map(t -> "'" + t.toLowerCase(Locale.ROOT).replace("'", "\\'")
                + "'").collect(Collectors.joining(",")) + "].includes(issue.issueType.name.toLowerCase())";
    }

    /** A JavaScript regex literal for a pattern that java.util.regex and JavaScript read alike. */
    static String literal(String regex, String flags) {
        StringBuilder out = new StringBuilder("/");
        boolean escaped = false;
        for (char c : regex.toCharArray()) {
            if (c == '/' && !escaped) {
                out.append('\\');
            }
            out.append(c);
            escaped = !escaped && c == '\\';
        }
        return out.append('/').append(flags).toString();
    }

    private static String quote(String text) {
        return text.replaceAll("[\\\\^$.|?*+()\\[\\]{}/]", "\\\\$0");
    }
}
