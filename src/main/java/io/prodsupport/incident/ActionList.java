package io.prodsupport.incident;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the list items of a section body as actions.
 *
 * <ul>
 *   <li>An item is a line starting (after optional indentation) with wiki markers {@code *}, {@code -},
 *       {@code #} or combinations ({@code **}, {@code *#}), or a Markdown number {@code 1.} / {@code 1)},
 *       followed by whitespace.</li>
 *   <li>Depth = indentation (a tab counts 4) + number of markers. The first item sets the top depth; an
 *       item no deeper than that starts a new action, a deeper one is nested: its line is appended to the
 *       current action's full text.</li>
 *   <li>A text line right after an item continues it. A blank line ends the item for text (what follows is
 *       prose, as in Jira), but a deeper item after it still nests.</li>
 *   <li>Lines inside {@code {code}}/{@code {noformat}}/{@code ```} belong to the current item, if any.</li>
 *   <li>Items that are placeholders — {@code TBD}, blank, or the section's template text — are dropped.</li>
 * </ul>
 */
final class ActionList {

    private static final Pattern ITEM = Pattern.compile("^([ \\t]*)([*#-]+|\\d{1,3}[.)])[ \\t]+(.*)$", Pattern.DOTALL);
    private static final Pattern BARE_ITEM = Pattern.compile("^([ \\t]*)([*#-]+|\\d{1,3}[.)])[ \\t]*$");

    private ActionList() {}

    static List<Action> parse(Section section, String body) {
        List<TextLines.Line> lines = TextLines.of(body);
        VerbatimBlocks verbatim = VerbatimBlocks.of(body, lines);
        List<List<String>> items = new ArrayList<>();
        List<String> current = null;
        boolean continuesText = false;
        int topDepth = Integer.MAX_VALUE;
        for (TextLines.Line line : lines) {
            String content = line.content(body).stripTrailing();
            if (verbatim.protects(line.start())) {
                if (current != null) {
                    current.add(content);
                }
                continue;
            }
            Matcher item = ITEM.matcher(content);
            Matcher bare = BARE_ITEM.matcher(content);
            Matcher marker = item.matches() ? item : bare.matches() ? bare : null;
            if (marker != null) {
                int depth = indentWidth(marker.group(1)) + markerDepth(marker.group(2));
                if (current == null || depth <= topDepth) {
                    topDepth = Math.min(topDepth, depth);
                    current = new ArrayList<>();
                    current.add(marker == item ? item.group(3) : "");
                    items.add(current);
                } else {
                    current.add(content);
                }
                continuesText = true;
            } else if (content.isBlank()) {
                continuesText = false;
            } else if (current != null && continuesText) {
                current.add(content);
            }
        }
        List<Action> actions = new ArrayList<>();
        for (List<String> itemLines : items) {
            String fullText = String.join("\n", itemLines).strip();
            if (SectionText.isEmpty(section, fullText)) {
                continue;
            }
            String first =
                    itemLines.stream().filter(l -> !l.isBlank()).findFirst().orElse("");
            Matcher nested = ITEM.matcher(first);
            if (nested.matches()) {
                first = nested.group(3);
            }
            String text = WikiText.plain(first);
            actions.add(new Action(text, fullText, Action.idOf(first)));
        }
        return actions;
    }

    private static int indentWidth(String indent) {
        int width = 0;
        for (char c : indent.toCharArray()) {
            width += c == '\t' ? 4 : 1;
        }
        return width;
    }

    private static int markerDepth(String marker) {
        return Character.isDigit(marker.charAt(0)) ? 1 : marker.length();
    }
}
