package io.prodsupport.mail;

import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * An HTML e-mail as plain text (jsoup): paragraphs, line breaks and list items kept as lines, links with their address,
 * and the quoted reply chain cut off at the first quote the mail program marked — a {@code blockquote}, Gmail's
 * {@code gmail_quote}, Outlook's reply header, Thunderbird's and Yahoo's — together with everything after it. A Gmail
 * forward uses the same markup as a quote but is kept: it is the content.
 */
final class HtmlText {

    /** The first element that starts a quoted reply, in the markup of the common mail programs. */
    private static final String QUOTE = "blockquote, div.gmail_quote, div#divRplyFwdMsg, div#appendonsend,"
            + " div.moz-cite-prefix, div.yahoo_quoted, div#mail-editor-reference-message-container";

    private static final Set<String> BLOCKS = Set.of(
            "p",
            "div",
            "section",
            "article",
            "header",
            "footer",
            "table",
            "tr",
            "ul",
            "ol",
            "li",
            "dl",
            "dt",
            "dd",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "pre",
            "hr",
            "blockquote",
            "address",
            "center");

    private HtmlText() {}

    /** The text of an HTML body: all of it, and with the quoted reply chain cut off. */
    record Read(String fullText, QuotedReply.Cut reply) {}

    static Read read(String html) {
        Document doc = Jsoup.parse(html);
        doc.select("head, style, script, title, template").remove();
        String full = text(doc);
        boolean cut = false;
        for (Element quote : doc.select(QUOTE)) {
            if (!isForward(quote)) {
                removeFromHereOn(quote);
                cut = true;
                break;
            }
        }
        // an attribution ("On …, Bob wrote:") standing just above the removed quote is cut by the plain-text rules
        QuotedReply.Cut plain = QuotedReply.strip(cut ? text(doc) : full);
        return new Read(full, new QuotedReply.Cut(plain.text(), cut || plain.quoteLeftOut()));
    }

    private static String text(Document doc) {
        TextCollector text = new TextCollector();
        NodeTraversor.traverse(text, doc.body());
        return text.result();
    }

    private static boolean isForward(Element quote) {
        String start = quote.text().strip();
        return start.startsWith("---------- Forwarded message") || start.startsWith("Begin forwarded message");
    }

    /** Removes {@code first} and everything after it in document order, up to the end of the body. */
    private static void removeFromHereOn(Element first) {
        Node parent = first.parent();
        removeWithFollowingSiblings(first);
        for (Node ancestor = parent;
                ancestor != null && !(ancestor instanceof Document) && !"body".equals(ancestor.nodeName());
                ancestor = ancestor.parent()) {
            Node next = ancestor.nextSibling();
            if (next != null) {
                removeWithFollowingSiblings(next);
            }
        }
    }

    private static void removeWithFollowingSiblings(Node node) {
        for (Node n = node; n != null; ) {
            Node next = n.nextSibling();
            n.remove();
            n = next;
        }
    }

    /** Text with a line per block and per {@code <br>}, whitespace collapsed as a browser would, links kept. */
    private static final class TextCollector implements NodeVisitor {
        private final StringBuilder out = new StringBuilder();
        private int pre;

        @Override
        public void head(Node node, int depth) {
            if (node instanceof TextNode t) {
                append(pre > 0 ? t.getWholeText() : t.text());
            } else if (node instanceof Element e) {
                String name = e.normalName();
                if (name.equals("pre")) {
                    pre++;
                }
                if (name.equals("br")) {
                    out.append('\n');
                } else if (BLOCKS.contains(name)) {
                    newLine();
                }
                if (name.equals("li")) {
                    out.append("- ");
                }
            }
        }

        @Override
        public void tail(Node node, int depth) {
            if (node instanceof Element e) {
                String name = e.normalName();
                if (name.equals("pre")) {
                    pre--;
                }
                if (BLOCKS.contains(name) || name.equals("p")) {
                    newLine();
                }
                String href = e.attr("href");
                if (name.equals("a")
                        && href.matches("(?i)https?:.*")
                        && !e.text().strip().equals(href)) {
                    append(" <" + href + ">");
                }
            }
        }

        private void append(String text) {
            if (text.isEmpty()) {
                return;
            }
            boolean atLineStart = out.isEmpty() || out.charAt(out.length() - 1) == '\n';
            if (atLineStart && pre == 0) {
                text = text.stripLeading();
            } else if (pre == 0 && !text.isEmpty() && text.charAt(0) == ' ' && out.charAt(out.length() - 1) == ' ') {
                text = text.substring(1);
            }
            out.append(text.replace('\u00a0', ' '));
        }

        private void newLine() {
            if (!out.isEmpty() && out.charAt(out.length() - 1) != '\n') {
                out.append('\n');
            }
        }

        String result() {
            StringBuilder lines = new StringBuilder();
            for (String line : out.toString().split("\n", -1)) {
                lines.append(line.stripTrailing()).append('\n');
            }
            return lines.toString().replaceAll("\n{3,}", "\n\n").strip();
        }
    }
}
