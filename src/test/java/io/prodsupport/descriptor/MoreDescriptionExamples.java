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
 * Shapes the shared fixture lacks that the expression's own rules must get right: verbatim blocks found by tag
 * parity, Markdown fences, filler words in titles, numbered lists that look like Markdown headings, nested lists.
 */
final class MoreDescriptionExamples {

    private static final Set<Section> NONE = EnumSet.noneOf(Section.class);

    private MoreDescriptionExamples() {
    }

    static List<Example> all() {
        return List.of(
                new Example("markdown fence quoting template headings in the root cause", """
                        h2. Symptoms
                        Queue consumers stalled.

                        h2. Root Cause(s)
                        ```
                        h2. Fixes for the Root Cause
                        done
                        ```

                        h2. Fixes for the Root Cause
                        TBD
                        """, EnumSet.of(FIXES_FOR_ROOT_CAUSE)),
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
                new Example("fresh wrap of a report with a table and a code block", SectionTemplate.wrap(
                        "||step||result||\n|login|ok|\n|pay|500|\n{code:json}\n{\"error\": \"h2. oops\"}\n{code}",
                        "[~alice]"), EnumSet.of(SYMPTOMS, ROOT_CAUSE, FIXES_FOR_ROOT_CAUSE)));
    }
}
