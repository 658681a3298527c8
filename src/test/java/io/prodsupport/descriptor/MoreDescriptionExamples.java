package io.prodsupport.descriptor;

import static io.prodsupport.incident.Section.FIXES_FOR_ROOT_CAUSE;
import static io.prodsupport.incident.Section.ROOT_CAUSE;
import static io.prodsupport.incident.Section.SYMPTOMS;

import io.prodsupport.incident.DescriptionExamples.Example;
import io.prodsupport.incident.Section;
import io.prodsupport.incident.SectionTemplate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Shapes the shared fixture lacks that a port of the parser could get wrong: Markdown fences, mixed and unclosed
 * verbatim blocks, repeated and closing-hash headings, filler words in titles, numbered lists that read as Markdown
 * headings, nested lists, and characters Java and JavaScript classify differently (whitespace, line terminators).
 */
final class MoreDescriptionExamples {

    private static final Set<Section> NONE = EnumSet.noneOf(Section.class);

    private MoreDescriptionExamples() {}

    static List<Example> all() {
        return List.of(
                new Example(
                        "markdown fence quoting template headings in the root cause",
                        """
                        h2. Symptoms
                        Queue consumers stalled.

                        h2. Root Cause(s)
                        ```
                        h2. Fixes for the Root Cause
                        done
                        ```

                        h2. Fixes for the Root Cause
                        TBD
                        """,
                        EnumSet.of(FIXES_FOR_ROOT_CAUSE)),
                new Example("root cause answered only by a noformat log excerpt", """
                        h2. Symptoms
                        502s from the gateway.

                        h2. Root Cause(s)
                        {noformat}
                        upstream timed out (110: Connection timed out) while reading response header
                        {noformat}

                        h2. Fixes for the Root Cause
                        Raise proxy_read_timeout to 30s.
                        """, NONE),
                new Example("numbered fixes written as wiki # items that start with Fix", """
                        h2. Symptoms
                        Checkout slow.

                        h2. Root Cause(s)
                        N+1 query in the basket service.

                        h2. Fixes for the Root Cause
                        # Fix the query with a join
                        # Fix the missing index on basket_items
                        """, NONE),
                new Example("nested lists with only TBD leaves", """
                        h2. Symptoms
                        * TBD
                        ** TBD
                        *** todo

                        h2. Root Cause(s)
                        * Certificate expired
                        ** nobody renewed it

                        h2. Fixes for the Root Cause
                        * Automate renewal
                        """, EnumSet.of(SYMPTOMS)),
                new Example("titles with filler words and odd punctuation", """
                        h2. The Original Request
                        Emails not sent.

                        h2. The Symptoms!
                        No emails since 02:00.

                        h3. The Root Cause — and the analysis
                        TBD

                        h2. Fixes for the root cause(s):
                        SMTP credentials rotated.
                        """, EnumSet.of(ROOT_CAUSE)),
                new Example(
                        "fresh wrap of a report with a table and a code block",
                        SectionTemplate.wrap(
                                "||step||result||\n|login|ok|\n|pay|500|\n{code:json}\n{\"error\": \"h2. oops\"}\n{code}",
                                "[~alice]"),
                        EnumSet.of(SYMPTOMS, ROOT_CAUSE, FIXES_FOR_ROOT_CAUSE)),
                new Example(
                        "a later sub-heading repeating a section is body text: the first heading wins",
                        """
                        h2. Symptoms
                        Logins fail.

                        h2. Root Cause(s)
                        TBD

                        h2. Fixes for the Root Cause
                        Rotated the key.
                        h3. Root Cause
                        The signing key expired.
                        """,
                        EnumSet.of(ROOT_CAUSE)),
                new Example(
                        "an unclosed code tag is text, so the headings after it count", """
                        h2. Symptoms
                        Build broken since {code} was pasted half

                        h2. Root Cause(s)
                        TBD

                        h2. Fixes for the Root Cause
                        Revert.
                        """, EnumSet.of(ROOT_CAUSE)),
                new Example(
                        "noformat inside code is closed by the code tag, not by the noformat",
                        """
                        h2. Symptoms
                        Crash.

                        h2. Root Cause(s)
                        {code}
                        {noformat}
                        {code}
                        h2. Fixes for the Root Cause
                        Patched.
                        {noformat}
                        """,
                        EnumSet.of(ROOT_CAUSE)),
                new Example("upper-case CODE tags hide a heading", """
                        h2. Symptoms
                        Crash.

                        h2. Root Cause(s)
                        {CODE:java}
                        h2. Fixes for the Root Cause
                        {Code}

                        h2. Fixes for the Root Cause
                        TBD.
                        """, EnumSet.of(FIXES_FOR_ROOT_CAUSE)),
                new Example("an unclosed fence is text", """
                        h2. Symptoms
                        ```
                        Crash.

                        h2. Root Cause(s)
                        Null config.

                        h2. Fixes for the Root Cause
                        TBD
                        """, EnumSet.of(FIXES_FOR_ROOT_CAUSE)),
                new Example(
                        "a fence line with a line separator in it is no fence",
                        "h2. Symptoms\nCrash.\n```\u2028\nh2. Root Cause(s)\nTBD\n```\nh2. Fixes for the Root Cause\nx\n",
                        EnumSet.of(ROOT_CAUSE)),
                new Example(
                        "markdown closing hashes; a numbered item reading as a heading cuts the fixes short",
                        """
                        ## Symptoms ##
                        Slow pages.

                        ## Root Cause(s) ###
                        Cache cold after deploy.

                        ## Fixes for the Root Cause
                        # Warm the cache before switching traffic
                        # Workaround
                        # Alert on hit rate
                        """,
                        NONE),
                new Example("a root cause of TBD, full stop, in a table cell and bold", """
                        h2. Symptoms
                        Queue full.

                        h2. Root Cause(s)
                        |*TBD.*|
                        | todo |

                        h2. Fixes for the Root Cause
                        Bigger queue.
                        """, EnumSet.of(ROOT_CAUSE)),
                new Example(
                        "Java strips U+001C after TBD, keeps an Ogham space mark inside a word and a BOM",
                        "h2. Symptoms\nTBD\u1680TBD\nh2. Root Cause(s)\nTBD\u001c\nh2. Fixes for the Root Cause\n\ufeff\n",
                        EnumSet.of(ROOT_CAUSE)),
                new Example(
                        "headings named like Object properties are not sections",
                        "h2. constructor\nx\nh2. __proto__\ny\nh2. hasOwnProperty\nz\nh2. Symptoms\nCrash\n"
                                + "h2. Root Cause(s)\nBug\nh2. Fixes for the Root Cause\nFix\n",
                        NONE),
                new Example(
                        "old Mac line breaks and a heading without a space",
                        "h2. Symptoms\rCrash\rh2.Root Cause(s)\rBug\rh2. Fixes for the Root Cause\rFix\r",
                        EnumSet.of(ROOT_CAUSE)),
                new Example("a heading marker glued to a non-ASCII letter", """
                        h2. Symptoms
                        Crash.

                        h2. Root Cause(s)
                        éh2. TBD

                        h2. Fixes for the Root Cause
                        Ωh3.
                        """, NONE));
    }
}
