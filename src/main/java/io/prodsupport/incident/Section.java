package io.prodsupport.incident;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The nine sections of the incident template (DESIGN.md §1), in template order.
 *
 * <p>Matching a heading is forgiving and driven by data so it can be re-expressed outside Java: the title
 * and every alias go through {@link #titleKey(String)} (the {@link SectionText#normalise normalisation},
 * then the words "the" and "and" dropped) and are compared for equality. Accepted titles, besides case,
 * punctuation, markup and spacing variants of them:
 * <ul>
 *   <li>{@link #ORIGINAL_REQUEST}: The Original Request, Original Request, Original Description</li>
 *   <li>{@link #SYMPTOMS}: Symptoms, Symptom</li>
 *   <li>{@link #SCOPE}: Scope, Scope / Impact, Scope and Impact, Impact / Scope</li>
 *   <li>{@link #ROOT_CAUSE}: Root Cause(s), Root Cause, Root Causes, Root Cause Analysis, RCA</li>
 *   <li>{@link #NEXT_ACTIONS}: Next Actions, Next Action, Next Steps, Next Step</li>
 *   <li>{@link #FIXES_FOR_SYMPTOMS}: Fixes for Symptoms, Fix for Symptoms, Fixes for the Symptoms,
 *       Symptom Fixes, Workaround(s)</li>
 *   <li>{@link #FIXES_FOR_ROOT_CAUSE}: Fixes for the Root Cause, Fixes for Root Cause, Fix for the Root
 *       Cause, Fixes for the Root Cause(s), Fixes for Root Causes, Root Cause Fix(es), Permanent Fix</li>
 *   <li>{@link #WHYS}: Whys, Why, 5 Whys, Five Whys</li>
 *   <li>{@link #PREVENTION}: Prevention / Mitigation, Prevention &amp; Mitigation, Prevention and
 *       Mitigation, Mitigation / Prevention, Prevention, Mitigation, Preventive Actions</li>
 * </ul>
 * Because punctuation becomes a space, "Root Cause(s)" has the key "root cause s", listed as its own alias.
 */
public enum Section {
    ORIGINAL_REQUEST(
            "The Original Request", SectionTemplate.EMPTY_ORIGINAL, "Original Request", "Original Description"),
    SYMPTOMS("Symptoms", "TBD", "Symptom"),
    SCOPE("Scope", "TBD", "Scope / Impact", "Impact / Scope"),
    ROOT_CAUSE("Root Cause(s)", "TBD", "Root Cause", "Root Causes", "Root Cause Analysis", "RCA"),
    NEXT_ACTIONS("Next Actions", "* Look into the problem", "Next Action", "Next Steps", "Next Step"),
    FIXES_FOR_SYMPTOMS(
            "Fixes for Symptoms",
            "TBD",
            "Fix for Symptoms",
            "Fixes for the Symptoms",
            "Fix for the Symptoms",
            "Symptom Fixes",
            "Symptom Fix",
            "Workaround",
            "Workarounds"),
    FIXES_FOR_ROOT_CAUSE(
            "Fixes for the Root Cause",
            "TBD",
            "Fix for the Root Cause",
            "Fixes for the Root Cause(s)",
            "Fixes for the Root Causes",
            "Fix for the Root Causes",
            "Root Cause Fix",
            "Root Cause Fixes",
            "Permanent Fix",
            "Permanent Fixes"),
    WHYS("Whys", "* ", "Why", "5 Whys", "Five Whys"),
    PREVENTION(
            "Prevention / Mitigation",
            "TBD",
            "Mitigation / Prevention",
            "Prevention",
            "Mitigation",
            "Preventive Actions",
            "Prevention Actions");

    private static final Map<String, Section> BY_KEY = new HashMap<>();

    static {
        for (Section section : values()) {
            for (String name : section.names()) {
                Section previous = BY_KEY.put(titleKey(name), section);
                if (previous != null && previous != section) {
                    throw new IllegalStateException("alias '" + name + "' names both " + previous + " and " + section);
                }
            }
        }
    }

    private final String title;
    private final String placeholder;
    private final List<String> aliases;

    Section(String title, String placeholder, String... aliases) {
        this.title = title;
        this.placeholder = placeholder;
        this.aliases = List.of(aliases);
    }

    /** The heading title the template writes. */
    public String title() {
        return title;
    }

    /**
     * The template's body for this section, which still counts as empty. Next Actions gets the on-duty
     * mention appended by {@link SectionTemplate}; the mention is dropped by normalisation, so the
     * placeholder with any mention is still empty.
     */
    public String placeholder() {
        return placeholder;
    }

    /** Further accepted titles; see the class comment. */
    public List<String> aliases() {
        return aliases;
    }

    /** The title followed by the aliases. */
    public List<String> names() {
        return Stream.concat(Stream.of(title), aliases.stream()).toList();
    }

    /** The section a heading title names, if any. */
    public static Optional<Section> match(String headingTitle) {
        return Optional.ofNullable(BY_KEY.get(titleKey(headingTitle)));
    }

    /**
     * What titles are compared by: the normalised text without the filler words "the" and "and", so
     * "Prevention & Mitigation" and "Prevention and Mitigation" are one key.
     */
    public static String titleKey(String headingTitle) {
        return Arrays.stream(SectionText.normalise(headingTitle).split(" "))
                .filter(word -> !word.isEmpty() && !word.equals("the") && !word.equals("and"))
                .collect(Collectors.joining(" "));
    }
}
