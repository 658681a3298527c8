package io.prodsupport.incident;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One list item of a section, with what was nested under it.
 *
 * @param text     the item's first line, wiki markup stripped, trimmed: a follow-up's summary
 * @param fullText the first line and the nested items and continuation lines, as written (wiki markup)
 * @param id       {@link #idOf}: stable across spacing, case, punctuation and markup fixes, not rewording
 */
public record Action(String text, String fullText, String id) {

    /** A Jira issue key as users write it. "UTF-8" and "SHA-256" look the same: see {@link #isTrackedIn}. */
    public static final Pattern ISSUE_KEY = Pattern.compile("(?<![A-Za-z0-9_-])[A-Z][A-Z0-9_]+-\\d+(?![A-Za-z0-9])");

    public Action {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(fullText, "fullText");
        Objects.requireNonNull(id, "id");
    }

    /**
     * The first 16 hex digits of the SHA-256 of the {@linkplain SectionText#normalise normalised} text
     * (lower-case, macros, mentions and link targets dropped, every run of punctuation and whitespace one
     * space, trimmed), so a follow-up is matched to its action after cosmetic edits.
     */
    public static String idOf(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(SectionText.normalise(text).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** The issue keys named anywhere in the action, in order of appearance, without repeats. */
    public List<String> issueKeys() {
        Set<String> keys = new LinkedHashSet<>();
        Matcher matcher = ISSUE_KEY.matcher(fullText);
        while (matcher.find()) {
            keys.add(matcher.group());
        }
        return new ArrayList<>(keys);
    }

    /**
     * Whether the action names an issue of one of these projects, and so is already tracked. Asking by
     * project keeps "Enforce UTF-8" from counting as tracked by an issue "UTF-8".
     */
    public boolean isTrackedIn(Collection<String> projectKeys) {
        return issueKeys().stream().anyMatch(key -> projectKeys.contains(key.substring(0, key.lastIndexOf('-'))));
    }
}
