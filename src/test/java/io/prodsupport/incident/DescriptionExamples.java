package io.prodsupport.incident;

import static io.prodsupport.incident.Section.FIXES_FOR_ROOT_CAUSE;
import static io.prodsupport.incident.Section.ROOT_CAUSE;
import static io.prodsupport.incident.Section.SYMPTOMS;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Realistic incident descriptions and, for each, which of the default required-on-close sections
 * (Symptoms, Root Cause(s), Fixes for the Root Cause) are empty. The Java close gate is tested against
 * them here; the generated Forge validator rules (rules.js) must agree on every one of them too.
 */
public final class DescriptionExamples {

    public static final Set<Section> REQUIRED = EnumSet.of(SYMPTOMS, ROOT_CAUSE, FIXES_FOR_ROOT_CAUSE);

    public record Example(String name, String description, Set<Section> expectedEmpty) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final String CLOUD_MENTION = "[~accountid:5b10ac8d82e05b22cc7d4ef5]";
    static final String DC_MENTION = "[~alice]";

    static final String STACK_TRACE = """
            java.lang.IllegalStateException: Connection pool exhausted
            \tat com.zaxxer.hikari.pool.HikariPool.createTimeoutException(HikariPool.java:696)
            \tat com.zaxxer.hikari.pool.HikariPool.getConnection(HikariPool.java:181)
            \tat shop.checkout.OrderRepository.save(OrderRepository.java:88)
            Caused by: java.sql.SQLTransientConnectionException: checkout-pool - Connection is not available
            \t... 42 more""";

    static final String FILLED_SYMPTOMS = """
            From 10:05 UTC about 30% of POST /checkout requests returned HTTP 500.
            Grafana "checkout-api" shows p99 latency at 12s (normally 400ms).""";

    static final String FILLED_ROOT_CAUSE = """
            The 2.14 release added a synchronous call to the fraud service inside the order transaction.
            When the fraud service slowed down, transactions held their connections for up to 10s and the
            Hikari pool (size 20) ran dry.""";

    static final String FILLED_FIX = """
            * Move the fraud check before the transaction (PR #4411)
            * Give the fraud client a 500ms timeout with a circuit breaker""";

    private DescriptionExamples() {}

    public static List<Example> all() {
        List<Example> examples = new ArrayList<>();
        Set<Section> all = REQUIRED;
        Set<Section> none = EnumSet.noneOf(Section.class);

        examples.add(new Example(
                "fresh wrap of a one-line report",
                SectionTemplate.wrap("Checkout returns 500 since 10:05", CLOUD_MENTION),
                all));
        examples.add(new Example("fresh wrap of an empty description", SectionTemplate.wrap("", null), all));
        examples.add(new Example(
                "fresh wrap on Data Center with a stack trace",
                SectionTemplate.wrap("Orders fail:\n{code:java}\n" + STACK_TRACE + "\n{code}\n", DC_MENTION),
                all));
        examples.add(new Example(
                "fully filled in by the engineer",
                filled(Map.of(
                        SYMPTOMS, FILLED_SYMPTOMS, ROOT_CAUSE, FILLED_ROOT_CAUSE, FIXES_FOR_ROOT_CAUSE, FILLED_FIX)),
                none));
        examples.add(new Example(
                "only symptoms filled",
                filled(Map.of(SYMPTOMS, FILLED_SYMPTOMS)),
                EnumSet.of(ROOT_CAUSE, FIXES_FOR_ROOT_CAUSE)));
        for (String tbd : List.of(
                "TBD.",
                "*TBD*",
                "_tbd_",
                "TBD!",
                "- TBD",
                "{color:red}TBD{color}",
                "?",
                "TODO",
                "  tbd  ",
                "TBD?",
                "* TBD",
                "# TBD",
                "1. TBD",
                "{noformat}TBD{noformat}",
                "\n\n   \n",
                "TBD\nTBD",
                "*_TBD_*",
                "…",
                "TBD —",
                "[~alice]")) {
            examples.add(new Example(
                    "root cause written as '" + tbd.replace("\n", "\\n") + "'",
                    filled(Map.of(SYMPTOMS, FILLED_SYMPTOMS, ROOT_CAUSE, tbd, FIXES_FOR_ROOT_CAUSE, FILLED_FIX)),
                    EnumSet.of(ROOT_CAUSE)));
        }
        for (String answer : List.of(
                "N/A",
                "TBC",
                "TBD - waiting for the vendor's report",
                "[postmortem|https://wiki.example.com/pm/2041]",
                "Истёк сертификат на балансировщике",
                "証明書の期限切れ",
                "Disk full on db-3")) {
            examples.add(new Example(
                    "root cause answered with '" + answer + "'",
                    filled(Map.of(SYMPTOMS, FILLED_SYMPTOMS, ROOT_CAUSE, answer, FIXES_FOR_ROOT_CAUSE, FILLED_FIX)),
                    none));
        }
        examples.add(new Example(
                "fixes for the root cause left as the empty bullet",
                filled(Map.of(SYMPTOMS, FILLED_SYMPTOMS, ROOT_CAUSE, FILLED_ROOT_CAUSE, FIXES_FOR_ROOT_CAUSE, "* ")),
                EnumSet.of(FIXES_FOR_ROOT_CAUSE)));
        examples.add(new Example("reordered sections", """
                h2. Root Cause(s)
                Expired TLS certificate on the internal load balancer.

                h2. The Original Request
                Payments are down!!

                h2. Fixes for the Root Cause
                TBD

                h2. Symptoms
                All card payments fail with "PKIX path building failed".
                """, EnumSet.of(FIXES_FOR_ROOT_CAUSE)));
        examples.add(new Example("renamed sections", """
                h2. Original request
                VPN drops every 10 minutes.

                h2. Symptom
                Sessions reset at :00, :10, :20 for all users in Berlin.

                h2. Root causes
                DHCP lease time set to 600s by the new router config.

                h2. Fix for root cause
                TBD.
                """, EnumSet.of(FIXES_FOR_ROOT_CAUSE)));
        examples.add(new Example("markdown headings, filled", """
                ## The Original Request
                Search is slow.

                ## Symptoms
                Search p95 went from 300ms to 4s at 14:00.

                ## Root Cause(s)
                Elasticsearch shard relocation after node es-7 died.

                ## Fixes for the Root Cause
                - Replace es-7
                - Set `cluster.routing.allocation.node_concurrent_recoveries` back to 2
                """, none));
        examples.add(new Example("markdown headings, untouched", """
                # Original Request
                Search is slow.

                # Symptoms
                TBD

                # Root Cause
                TBD

                # Fixes for Root Cause
                TBD
                """, all));
        examples.add(new Example("root cause section deleted", """
                h2. The Original Request
                Nightly export missing.

                h2. Symptoms
                export-2024-05-02.csv was not written to the SFTP share.

                h2. Fixes for the Root Cause
                Re-ran the job by hand.
                """, EnumSet.of(ROOT_CAUSE)));
        examples.add(new Example(
                "root cause explains with a code block that quotes template headings",
                filled(Map.of(
                        SYMPTOMS,
                        FILLED_SYMPTOMS,
                        ROOT_CAUSE,
                        "A bad merge left a template in the config:\n{code}\nh2. Fixes for the Root Cause\n"
                                + "Done\n{code}",
                        FIXES_FOR_ROOT_CAUSE,
                        "TBD")),
                EnumSet.of(FIXES_FOR_ROOT_CAUSE)));
        examples.add(new Example(
                "reporter pasted a template in a code block",
                SectionTemplate.wrap(
                        "Our wiki page says:\n{code}\nh2. Root Cause(s)\nDNS\n\nh2. Symptoms\nEverything\n{code}\n",
                        null),
                all));
        examples.add(new Example(
                "reporter wrote their own Symptoms heading",
                SectionTemplate.wrap(
                        "h2. Symptoms\nThe app crashes on start.\n\nh3. Steps\n# open app\n# crash", CLOUD_MENTION),
                all));
        examples.add(new Example(
                "stack trace and wiki tables in filled sections",
                filled(Map.of(
                        SYMPTOMS,
                        "||host||errors/min||\n|web-1|120|\n|web-2|98|\n{code}\n" + STACK_TRACE + "\n{code}",
                        ROOT_CAUSE,
                        FILLED_ROOT_CAUSE,
                        FIXES_FOR_ROOT_CAUSE,
                        "# Timeout on the fraud client\n## 500ms, see OPS-812\n# Pool size 40")),
                none));
        examples.add(new Example(
                "windows line endings, filled",
                filled(Map.of(
                                SYMPTOMS,
                                "Login page blank",
                                ROOT_CAUSE,
                                "CDN purge removed app.js",
                                FIXES_FOR_ROOT_CAUSE,
                                "Purge by tag only"))
                        .replace("\n", "\r\n"),
                none));
        examples.add(new Example(
                "windows line endings, untouched",
                SectionTemplate.wrap("Login page blank", DC_MENTION).replace("\n", "\r\n"),
                all));
        examples.add(new Example("bold and mixed-level headings", """
                h1. *The Original Request*
                Kafka consumer lag alarm.

                h3. Symptoms:
                Lag on topic orders reached 2M messages.

                h4. {color:#de350b}Root Cause(s){color}
                TBD

                h2. Fixes for the root cause
                TODO
                """, EnumSet.of(ROOT_CAUSE, FIXES_FOR_ROOT_CAUSE)));
        return examples;
    }

    /** The wrapped template with some sections' bodies replaced, as an engineer would edit it. */
    static String filled(Map<Section, String> bodies) {
        Map<Section, String> all = new EnumMap<>(Section.class);
        all.put(Section.ORIGINAL_REQUEST, "Checkout is failing for many customers, please help!");
        all.putAll(bodies);
        IncidentDescription template =
                IncidentDescription.parse(SectionTemplate.wrap(all.get(Section.ORIGINAL_REQUEST), CLOUD_MENTION));
        List<ParsedSection> sections = new ArrayList<>();
        for (ParsedSection section : template.sections()) {
            String body = all.containsKey(section.section()) && section.section() != Section.ORIGINAL_REQUEST
                    ? all.get(section.section()) + (section.section() == Section.PREVENTION ? "" : "\n\n")
                    : section.body();
            sections.add(new ParsedSection(
                    section.section(), section.headingLine(), section.level(), section.title(), body));
        }
        return IncidentDescription.render(sections);
    }
}
