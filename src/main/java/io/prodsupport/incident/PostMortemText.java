package io.prodsupport.incident;

import io.prodsupport.jira.Issue;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The post-mortem task's summary and description, in Jira wiki markup (REST v2 text, which Cloud and Data Center both
 * take, as the follow-ups' descriptions): a ready start for the review. The incident's timeline from its changelog
 * and comments, times in UTC with the time since it was reported; the durations that matter (to an owner, to the root
 * cause, to resolution); then the incident's Whys, root cause and fixes copied as written, and a section for the
 * review's own findings. No I/O.
 */
public final class PostMortemText {

    static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
    /** Characters that would start wiki markup in a line of the timeline (a comment's excerpt, a name). */
    private static final Pattern MARKUP = Pattern.compile("([\\[\\]{}|*_^~+!\\\\])");

    static final List<Section> COPIED = List.of(
            Section.WHYS,
            Section.ROOT_CAUSE,
            Section.FIXES_FOR_SYMPTOMS,
            Section.FIXES_FOR_ROOT_CAUSE,
            Section.PREVENTION);

    private PostMortemText() {}

    public static String summary(Issue incident) {
        String title = incident.fields().summary() == null
                ? ""
                : WikiText.plain(incident.fields().summary());
        return FollowUpPlanner.cut("Post-mortem: " + incident.key() + (title.isBlank() ? "" : " " + title));
    }

    public static String description(Issue incident, IncidentChronology chronology, String incidentUrl) {
        var fields = incident.fields();
        StringBuilder text = new StringBuilder();
        text.append("Post-mortem review of [")
                .append(incident.key())
                .append('|')
                .append(incidentUrl)
                .append("]: ")
                .append(escape(fields.summary() == null ? "" : fields.summary()))
                .append("\nPriority: ")
                .append(fields.priority() == null ? "none" : escape(fields.priority()));
        if (chronology.firstResolved() != null) {
            text.append(". Resolved: ")
                    .append(WHEN.format(chronology.firstResolved()))
                    .append(" UTC");
        }
        if (fields.resolution() != null) {
            text.append(" (").append(escape(fields.resolution())).append(')');
        }
        text.append(".\nMade by prodsupport from the incident's history as a start for the review: edit freely.\n\n");

        text.append("h2. Timeline\nTimes in UTC; (+…) is the time since the incident was reported.\n");
        for (IncidentChronology.Moment moment : chronology.moments()) {
            text.append("* ")
                    .append(WHEN.format(moment.at()))
                    .append(" (+")
                    .append(duration(Duration.between(chronology.reported(), moment.at())))
                    .append(") \u2014 ")
                    .append(escape(moment.what()))
                    .append('\n');
        }

        text.append("\nh2. Durations\n")
                .append("* Reported \u2192 owner assigned: ")
                .append(span(chronology.timeToOwner()))
                .append('\n')
                .append("* Reported \u2192 root cause first written: ")
                .append(span(chronology.timeToRootCause()))
                .append('\n')
                .append("* Reported \u2192 resolved: ")
                .append(span(chronology.timeToResolve()))
                .append('\n');

        IncidentDescription sections = IncidentDescription.parse(fields.description());
        for (Section section : COPIED) {
            text.append("\nh2. ").append(section.title()).append('\n');
            text.append(sections.section(section)
                    .filter(s -> !s.isEmpty())
                    .map(s -> s.body().strip())
                    .orElse("(not written in " + incident.key() + ")"));
            text.append('\n');
        }
        text.append("\nh2. Review\nWhat went well, what did not, and what we change. TBD\n");
        return text.toString();
    }

    /** "2d 3h 5m", "45m", "0m": minutes are the finest a review needs (and JQL's precision). */
    public static String duration(Duration d) {
        long minutes = Math.max(0, d.toMinutes());
        long days = minutes / (24 * 60);
        long hours = minutes / 60 % 24;
        long mins = minutes % 60;
        StringBuilder out = new StringBuilder();
        if (days > 0) {
            out.append(days).append("d ");
        }
        if (days > 0 || hours > 0) {
            out.append(hours).append("h ");
        }
        return out.append(mins).append('m').toString();
    }

    private static String span(Optional<Duration> d) {
        return d.map(PostMortemText::duration).orElse("not recorded");
    }

    static String at(Instant instant) {
        return WHEN.format(instant) + " UTC";
    }

    private static String escape(String text) {
        return MARKUP.matcher(text).replaceAll("\\\\$1");
    }
}
