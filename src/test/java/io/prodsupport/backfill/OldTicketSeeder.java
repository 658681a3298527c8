package io.prodsupport.backfill;

import io.prodsupport.jirasim.JiraSimulator;
import io.prodsupport.jirasim.SimSite;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Years of old incident tickets in the shapes a team adopting prodsupport really has, created in a seeded simulator
 * round-robin by {@link Shape}: blank descriptions, plain reports, Markdown-headed ones, tickets someone already wrote
 * in the template, open and closed, with and without prevention actions, closed with a root cause and without one.
 * Plus a few non-incidents (bugs in OPS) that the JQL leaves out. No webhook is registered, so seeding is quick.
 */
public final class OldTicketSeeder {

    public enum Shape {
        /** The reporter left the description blank; still open. */
        EMPTY_OPEN("", false),
        /** A plain report, in progress. */
        PLAIN_IN_PROGRESS("Payments time out for EU cards since 02:10.\nh3. Steps\n# pay with a EU card", false),
        /** Markdown headings that are not the template's sections: wrapped like any text. */
        MARKDOWN_NOT_SECTIONS("## What happened\nLogin page blank.\n\n## Steps to reproduce\n1. open /login", false),
        /** Markdown headings naming three template sections: already has the sections, left alone; closed, no fix. */
        MARKDOWN_SECTIONS("# Symptoms\nQueue backs up\n\n# Root cause\nA stuck consumer\n\n# Scope\nAll regions", true),
        /** Written in the template and filled in, closed. */
        TEMPLATED_CLOSED(
                "h2. The Original Request\nDisk full on db-3\n\nh2. Symptoms\nWrites fail\n\nh2. Root Cause(s)\n"
                        + "Log rotation off\n\nh2. Fixes for the Root Cause\nRotation on, alert at 80%\n\nh2. Prevention / Mitigation\n"
                        + "* Add disk alerts to every db host\n* Review rotation configs",
                true),
        /** A plain report, closed: wrapped, then reported as closed without a root cause. */
        PLAIN_CLOSED_WITH_ACTIONS("Search is slow.\nPrevention: add an index\n* index on customer_id", true),
        /** Templated, closed, root cause still TBD: history reported, not rewritten. */
        TEMPLATED_CLOSED_TBD(
                "h2. The Original Request\nCron did not run\n\nh2. Symptoms\nNo nightly export\n\n"
                        + "h2. Root Cause(s)\nTBD\n\nh2. Fixes for the Root Cause\nTBD\n\nh2. Prevention / Mitigation\nTBD",
                true),
        /** Blank and closed. */
        EMPTY_CLOSED("", true);

        final String description;
        final boolean closed;

        Shape(String description, boolean closed) {
            this.description = description;
            this.closed = closed;
        }
    }

    /** What was seeded: incident keys in creation order, and how many of each shape. */
    public record Seeded(List<String> incidents, List<String> notIncidents, Map<Shape, Integer> shapes) {

        public int count(Shape shape) {
            return shapes.getOrDefault(shape, 0);
        }
    }

    private OldTicketSeeder() {}

    /** {@code count} incidents in OPS, and one bug in OPS for every 50 of them. */
    /**
     * The clock of a simulated Jira whose tickets are old: it runs 400 days behind, so none of them counts as a new
     * incident (one that would be staffed and announced).
     */
    public static Clock longAgo() {
        return Clock.offset(Clock.systemUTC(), Duration.ofDays(-400));
    }

    public static Seeded seed(SimSite site, int count) {
        JiraSimulator sim = site.sim();
        Shape[] shapes = Shape.values();
        List<String> incidents = new ArrayList<>(count);
        List<String> bugs = new ArrayList<>();
        Map<Shape, Integer> counts = new EnumMap<>(Shape.class);
        for (int i = 0; i < count; i++) {
            Shape shape = shapes[i % shapes.length];
            String key = sim.createIssue(
                    "OPS", "Incident", shape.name().toLowerCase() + " " + i, shape.description, site.carol());
            if (shape == Shape.PLAIN_IN_PROGRESS) {
                sim.transition(key, "In Progress", site.alice());
            } else if (shape.closed) {
                sim.transition(key, "Done", site.alice());
            }
            incidents.add(key);
            counts.merge(shape, 1, Integer::sum);
            if (i % 50 == 49) {
                bugs.add(sim.createIssue("OPS", "Bug", "Typo " + i, "not an incident", site.carol()));
            }
        }
        return new Seeded(List.copyOf(incidents), List.copyOf(bugs), Map.copyOf(counts));
    }
}
