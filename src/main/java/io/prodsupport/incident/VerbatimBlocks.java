package io.prodsupport.incident;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stretches of a description that are shown verbatim — {@code {code}}…{@code {code}},
 * {@code {noformat}}…{@code {noformat}} and Markdown {@code ```} fences — so that a pasted stack trace or a
 * code sample containing "h2. Symptoms" never creates a section or a list item.
 *
 * <p>An opener without a matching closer is ordinary text. That matters for wrapping: the template adds no
 * such tags after the reporter's text, so the reporter's blocks are exactly the same inside the template
 * as on their own, and an unclosed {@code {code}} cannot swallow the template's headings.
 */
final class VerbatimBlocks {

    private static final Pattern WIKI_TAG =
            Pattern.compile("\\{(code|noformat)(?::[^}\\r\\n]*)?\\}", Pattern.CASE_INSENSITIVE);
    private static final Pattern CODE = Pattern.compile("\\{code(?::[^}\\r\\n]*)?\\}", Pattern.CASE_INSENSITIVE);
    private static final Pattern NOFORMAT =
            Pattern.compile("\\{noformat(?::[^}\\r\\n]*)?\\}", Pattern.CASE_INSENSITIVE);
    private static final Pattern FENCE = Pattern.compile("^[ \\t]*```.*");

    private record Region(int start, int end) {}

    private final List<Region> regions;

    private VerbatimBlocks(List<Region> regions) {
        this.regions = regions;
    }

    static VerbatimBlocks of(String text, List<TextLines.Line> lines) {
        List<Integer> fences = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (FENCE.matcher(lines.get(i).content(text)).matches()) {
                fences.add(i);
            }
        }
        List<Region> regions = new ArrayList<>();
        Matcher tag = WIKI_TAG.matcher(text);
        int pos = 0;
        int nextFence = 0;
        while (pos < text.length()) {
            int tagStart = tag.find(pos) ? tag.start() : -1;
            while (nextFence < fences.size() && lines.get(fences.get(nextFence)).start() < pos) {
                nextFence++;
            }
            int fenceStart =
                    nextFence < fences.size() ? lines.get(fences.get(nextFence)).start() : -1;
            if (tagStart < 0 && fenceStart < 0) {
                break;
            }
            if (tagStart >= 0 && (fenceStart < 0 || tagStart < fenceStart)) {
                Matcher closer = (tag.group(1).equalsIgnoreCase("code") ? CODE : NOFORMAT).matcher(text);
                if (closer.find(tag.end())) {
                    regions.add(new Region(tagStart, closer.end()));
                    pos = closer.end();
                } else {
                    pos = tag.end();
                }
            } else if (nextFence + 1 < fences.size()) {
                int end = lines.get(fences.get(nextFence + 1)).end();
                regions.add(new Region(fenceStart, end));
                pos = end;
            } else {
                pos = lines.get(fences.get(nextFence)).end();
            }
        }
        return new VerbatimBlocks(regions);
    }

    /** Whether a line starting at {@code offset} begins inside a verbatim block (not at its opener). */
    boolean protects(int offset) {
        // Regions are sorted and disjoint: find the last one starting before the offset.
        int low = 0;
        int high = regions.size() - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (regions.get(mid).start() < offset) {
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return high >= 0 && offset < regions.get(high).end();
    }
}
