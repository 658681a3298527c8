package io.prodsupport.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTextTest {

    @Test
    void outlook_html_keeps_paragraphs_and_drops_the_reply_header_and_everything_after_it() {
        HtmlText.Read read = HtmlText.read("""
                <html><head><style>p.MsoNormal{margin:0}</style></head><body>
                <p class="MsoNormal">Pool raised to 32.&nbsp;Watching it.</p>
                <p class="MsoNormal">Dan</p>
                <div id="appendonsend"></div>
                <hr><div id="divRplyFwdMsg"><b>From:</b> Carol<br><b>Sent:</b> Monday</div>
                <div>Checkout is down.</div>
                </body></html>""");

        assertThat(read.reply().text()).isEqualTo("Pool raised to 32. Watching it.\nDan");
        assertThat(read.reply().quoteLeftOut()).isTrue();
        assertThat(read.fullText()).contains("Checkout is down.");
    }

    @Test
    void a_gmail_forward_is_content_not_a_quote() {
        HtmlText.Read read = HtmlText.read("""
                <div dir="ltr">See below.<br><br><div class="gmail_quote"><div class="gmail_attr">
                ---------- Forwarded message ---------<br>From: Grafana</div>pool exhausted on pay-7</div></div>""");

        assertThat(read.reply().text()).contains("See below.").contains("pool exhausted on pay-7");
        assertThat(read.reply().quoteLeftOut()).isFalse();
    }

    @Test
    void preformatted_text_keeps_its_lines_and_links_keep_their_address() {
        HtmlText.Read read = HtmlText.read(
                "<p>Trace:</p><pre>at a.B(B.java:1)\n  at c.D(D.java:2)</pre><p><a href=\"https://x.example/r/1\">run"
                        + " 1</a> and <a href=\"https://x.example/r/2\">https://x.example/r/2</a></p>");

        assertThat(read.reply().text())
                .isEqualTo("Trace:\nat a.B(B.java:1)\n  at c.D(D.java:2)\nrun 1 <https://x.example/r/1> and"
                        + " https://x.example/r/2");
    }
}
