package io.prodsupport.incident;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A heading line: Jira wiki {@code h1.}–{@code h6.} or Markdown {@code #}–{@code ######}, each at the line
 * start (leading spaces allowed) and followed by whitespace. {@code h2.Symptoms} (no space) is not a
 * heading, in Jira either. A Jira numbered list item ({@code # step}) reads like a Markdown heading; it only
 * matters if its text is a section title, because unknown headings are body text anyway.
 */
record Heading(int level, String title) {

    private static final Pattern WIKI = Pattern.compile("^[ \\t]*[hH]([1-6])\\.(?:[ \\t]+(.*))?$", Pattern.DOTALL);
    private static final Pattern MARKDOWN = Pattern.compile("^[ \\t]*(#{1,6})[ \\t]+(.*)$", Pattern.DOTALL);
    private static final Pattern MARKDOWN_CLOSING = Pattern.compile("(?:^|[ \\t]+)#+[ \\t]*$");

    static Optional<Heading> parse(String line) {
        Matcher wiki = WIKI.matcher(line);
        if (wiki.matches()) {
            String title = wiki.group(2) == null ? "" : wiki.group(2);
            return Optional.of(new Heading(Integer.parseInt(wiki.group(1)), title.strip()));
        }
        Matcher markdown = MARKDOWN.matcher(line);
        if (markdown.matches()) {
            String title = MARKDOWN_CLOSING.matcher(markdown.group(2).strip()).replaceFirst("");
            return Optional.of(new Heading(markdown.group(1).length(), title.strip()));
        }
        return Optional.empty();
    }
}
