package io.prodsupport.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuotedReplyTest {

    @Test
    void everything_from_a_gmail_attribution_on_is_left_out() {
        QuotedReply.Cut cut = QuotedReply.strip("""
                Restarted pay-7, it is back.

                On Mon, 23 Nov 2026 at 09:50, Carol Reporter <carol@example.com> wrote:
                > Checkout is down.
                > Customers get 500s.
                """);

        assertThat(cut.text()).isEqualTo("Restarted pay-7, it is back.");
        assertThat(cut.quoteLeftOut()).isTrue();
    }

    @Test
    void an_attribution_wrapped_over_two_lines_is_still_one() {
        assertThat(QuotedReply.strip("""
                        Fixed.

                        On Mon, 23 Nov 2026 at 09:50, Carol Reporter <carol@example.com>
                        wrote:
                        > Checkout is down.""").text()).isEqualTo("Fixed.");
    }

    @Test
    void outlook_headers_and_original_message_markers_end_the_reply() {
        assertThat(QuotedReply.strip("""
                        Looking now.

                        ________________________________
                        From: Carol Reporter <carol@example.com>
                        Sent: Monday, November 23, 2026 09:50
                        To: incidents
                        Subject: Checkout is down""").text()).isEqualTo("Looking now.");
        assertThat(QuotedReply.strip("Ack.\n-----Original Message-----\nFrom: x\n")
                        .text())
                .isEqualTo("Ack.");
        assertThat(QuotedReply.strip("Gesehen.\n\nAm 23.11.2026 um 09:50 schrieb Carol <c@example.com>:\n> Hallo")
                        .text())
                .isEqualTo("Gesehen.");
    }

    @Test
    void a_reply_written_below_the_quote_is_kept_without_the_quote() {
        QuotedReply.Cut cut = QuotedReply.strip("""
                On Mon, 23 Nov 2026 at 09:50, Carol <carol@example.com> wrote:
                > Is it the pool?

                Yes, the pool: size 8 since the deploy.
                """);

        assertThat(cut.text()).isEqualTo("Yes, the pool: size 8 since the deploy.");
        assertThat(cut.quoteLeftOut()).isTrue();
    }

    @Test
    void text_without_quotes_is_kept_whole_and_a_forward_is_not_a_quote() {
        String forward = """
                FYI, the alert:

                ---------- Forwarded message ---------
                From: Grafana <alerts@example.com>
                Subject: [FIRING] pay pool exhausted""";

        assertThat(QuotedReply.strip(forward).text()).isEqualTo(forward);
        assertThat(QuotedReply.strip(forward).quoteLeftOut()).isFalse();
        assertThat(QuotedReply.strip("Onward: the fix is deployed.\nWe wrote: nothing.")
                        .quoteLeftOut())
                .isFalse();
    }
}
