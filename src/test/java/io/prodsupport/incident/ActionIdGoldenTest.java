package io.prodsupport.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pins the literal ids of realistic Prevention / Mitigation actions, as the current code computes them.
 *
 * <p>Why literals: an action's id ({@link Action#idOf}, SHA-256 of the {@linkplain SectionText#normalise
 * normalised} first line) is what ties an action to its follow-up, in the follow-up ledger and in the origin
 * property every follow-up carries in Jira. Those ids are stored, so they must never drift. A change to the
 * normaliser (a new rewrite, a changed punctuation class, a different hash or length) or to how
 * {@link ActionList} picks an item's first line would silently give every existing action a new id; the next
 * reconcile of every resolved incident would then see only "new" actions and create a duplicate follow-up
 * for each of them. Tests that compare ids computed by the same code on both sides cannot catch that.
 *
 * <p>If this test fails, the change is not cosmetic: make it deliberate, and ship it with a migration that
 * maps old ids to new ones (ledger rows and follow-up origin properties) before the new ids are used.
 * Never update the expected values just to make the test pass.
 */
public class ActionIdGoldenTest {

    /**
     * One description with a dozen actions in the ways people write them, wiki and Markdown mixed; the Forge panel's
     * rules are checked against the same text.
     */
    public static final String DESCRIPTION = "h2. The Original Request\n"
            + "Checkout returns 502 since 09:40.\n"
            + "\n"
            + "h2. Root Cause(s)\n"
            + "The connection pool ran dry.\n"
            + "\n"
            + "h2. Prevention / Mitigation\n"
            + "* Add an alert on connection-pool usage above 80%\n"
            + "- Load-test checkout weekly\n"
            + "# Review *all* HTTP client timeouts\n"
            + "1. Document the _failover_ runbook in [Confluence|https://wiki.example.com/x/AbC]\n"
            + "* Rotate the {{db-admin}} credentials every 90 days\n"
            + "*   ADD   a  Canary   STAGE  before prod!!   \r\n"
            + "* Raise pool size\n"
            + "** to 40\n"
            + "** after a load test\n"
            + "* Fehlermeldungen für Kunden in 日本 übersetzen — Überprüfung durch QA\n"
            + "* Track the disk alarm fix in OPS-123\n"
            + "- **Alert** on `queue depth` > 1,000 (see [runbook](https://runbooks.example.com/q))\n"
            + "* Ask [~accountid:5b10ac8d82e05b22cc7d4ef5] to add {color:red}rate limiting{color} to the login API\n"
            + "2) Add retries with back-off to the _payment_ client\n"
            + "* *add an ALERT on connection pool usage above 80 %*\n"
            + "\n"
            + "h2. Whys\n"
            + "* Why did the pool run dry?\n";

    @Test
    void the_ids_of_existing_actions_never_change() {
        List<Action> actions = IncidentDescription.parse(DESCRIPTION).actions(Section.PREVENTION);

        assertThat(actions)
                .extracting(Action::id)
                .containsExactly(
                        "1e4409a633c2ff00", // wiki bullet, hyphen and percent sign
                        "b54e2c2709f8214c", // Markdown dash bullet
                        "8ccc6e5eae3d139f", // wiki numbered item with *bold*
                        "c2961457fef2d647", // Markdown number, _italic_, wiki link (counts by its text)
                        "f507141c2060bfb8", // {{monospace}}
                        "b0684e74f049021d", // odd spacing and case, "!!", a CRLF line end
                        "1881c510d6fa15be", // the first line only: nested ** items do not count
                        "14616161ccca8f5f", // German, Japanese and an em dash
                        "79b8d13dc8039ac3", // names an issue key (tracked, but it still has an id)
                        "7c882ee3769829c9", // Markdown **bold**, `code` and a Markdown link (URL words count)
                        "6b6613f19cb4e6c0", // a mention and a {color} macro (both dropped)
                        "f5f98294da414501", // Markdown "2)" number
                        "1e4409a633c2ff00"); // the first action again, other case, spacing and markup
    }

    @Test
    void an_id_is_sixteen_hex_digits_of_the_normalised_text() {
        assertThat(Action.idOf("Add an alert on connection-pool usage above 80%"))
                .isEqualTo("1e4409a633c2ff00")
                .isEqualTo(Action.idOf("  ADD an *alert* on connection pool usage — above 80 %"));
        assertThat(Action.idOf("")).isEqualTo("e3b0c44298fc1c14");
    }
}
