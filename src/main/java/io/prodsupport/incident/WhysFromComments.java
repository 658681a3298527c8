package io.prodsupport.incident;

import io.prodsupport.jira.Comment;
import io.prodsupport.jira.Issue;
import io.prodsupport.jira.IssueEdit;
import io.prodsupport.jira.JiraClient;
import io.prodsupport.jira.JiraUser;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Copies the "why" questions people ask in comments into the Whys section (DESIGN.md §1, "in progress"): each new
 * question becomes a bullet with who asked it and a link to their comment.
 *
 * <p>Level-triggered over the comments the workflow read with the issue, so a redelivered, late or lost comment event
 * changes nothing or heals later. Each question is added once: not when the Whys section already holds it (typed by a
 * person, or added before), nor when prodsupport added it once and a person removed it since — the ids of the
 * questions it added are kept in the issue property {@value #PROPERTY}, written in the same edit as the text.
 *
 * <p>Nothing else in the description changes. The description is read again right before the edit and the questions
 * are worked out against that text, so a person's edit made since the workflow's read is kept (and a question they
 * typed meanwhile is not added twice). Jira has no conditional edit: an edit landing in the milliseconds between that
 * read and the write would be overwritten. Comments by prodsupport's own account never count.
 */
public final class WhysFromComments {

    static final String PROPERTY = "prodsupport.whys";

    private final JiraClient jira;
    private final boolean enabled;
    private volatile String self;

    public WhysFromComments(JiraClient jira, boolean enabled) {
        this.jira = jira;
        this.enabled = enabled;
    }

    /** What {@value #PROPERTY} says, for {@code explain}. */
    static Optional<String> describe(Issue issue) {
        return issue.properties()
                .get(PROPERTY, Record.class)
                .map(r -> "whys: " + r.added().size() + " question(s) copied from comments");
    }

    /** The value of {@value #PROPERTY}: the ids of the questions prodsupport added. */
    record Record(List<String> added) {
        Record {
            added = added == null ? List.of() : List.copyOf(added);
        }
    }

    /**
     * Adds the questions of {@code issue}'s comments that the Whys section lacks; the issue as read with the
     * workflow's fields (comments, description) and properties.
     *
     * @return the issue as it is afterwards, and what was done (empty when nothing was missing)
     */
    Result apply(Issue issue, boolean notifyUsers) {
        if (!enabled) {
            return new Result(issue, Optional.empty());
        }
        Set<String> added = new HashSet<>(issue.properties()
                .get(PROPERTY, Record.class)
                .map(Record::added)
                .orElse(List.of()));
        if (missing(asked(issue, added, false), issue.fields().description()).isEmpty()) {
            return new Result(issue, Optional.empty());
        }
        Map<String, Asked> asked = asked(issue, added, true);
        if (missing(asked, issue.fields().description()).isEmpty()) {
            return new Result(issue, Optional.empty()); // only prodsupport's own comments ask
        }
        String latest =
                jira.getIssue(issue.key(), List.of("description")).fields().description();
        List<Asked> missing = missing(asked, latest);
        if (missing.isEmpty()) {
            return new Result(issue.withDescription(latest), Optional.empty()); // a person typed them meanwhile
        }
        String url = jira.serverInfo().browseUrl(issue.key()) + "?focusedCommentId=";
        List<String> bullets = missing.stream()
                .map(a -> WhysSection.bullet(a.question().text(), a.askedBy(), url + a.commentId()))
                .toList();
        String text = WhysSection.withBullets(latest, bullets);
        List<String> ids = new ArrayList<>(added);
        missing.forEach(a -> ids.add(a.question().id()));
        Record record = new Record(ids);
        jira.editIssue(issue.key(), new IssueEdit().setDescription(text).setProperty(PROPERTY, record), notifyUsers);
        return new Result(
                issue.withDescription(text).withProperty(PROPERTY, record),
                Optional.of("whys: " + missing.size() + " question(s) from comments"));
    }

    /** The rule's effect: the issue as the next rule should see it, and what was done. */
    record Result(Issue issue, Optional<String> did) {}

    private record Asked(WhyQuestions.Question question, String askedBy, String commentId) {}

    /**
     * Each question asked in a comment by a person, first asker first, without those prodsupport added before. Who
     * prodsupport itself is, is asked of Jira only when a question is missing, so an event with nothing to copy costs
     * no call.
     */
    private Map<String, Asked> asked(Issue issue, Set<String> addedBefore, boolean withoutOwn) {
        Map<String, Asked> asked = new LinkedHashMap<>();
        for (Comment comment : issue.fields().comments()) {
            List<WhyQuestions.Question> questions = WhyQuestions.inComment(comment.body());
            JiraUser author = comment.author();
            if (questions.isEmpty() || withoutOwn && author != null && self().equals(author.ref(jira.flavour()))) {
                continue;
            }
            for (WhyQuestions.Question q : questions) {
                if (!addedBefore.contains(q.id())) {
                    asked.putIfAbsent(q.id(), new Asked(q, name(author), comment.id()));
                }
            }
        }
        return asked;
    }

    private static List<Asked> missing(Map<String, Asked> asked, String description) {
        if (asked.isEmpty()) {
            return List.of();
        }
        Set<String> present = new HashSet<>();
        IncidentDescription.parse(description)
                .section(Section.WHYS)
                .ifPresent(s -> present.addAll(WhyQuestions.idsInSection(s.body())));
        return asked.values().stream()
                .filter(a -> !present.contains(a.question().id()))
                .toList();
    }

    private static String name(JiraUser user) {
        if (user == null) {
            return "someone";
        }
        return Optional.ofNullable(user.displayName())
                .or(() -> Optional.ofNullable(user.name()))
                .orElse("someone");
    }

    /** prodsupport's own account, asked of Jira once, the first time a comment holds a question. */
    private String self() {
        String me = self;
        if (me == null) {
            me = Optional.ofNullable(jira.myself().ref(jira.flavour())).orElse("");
            self = me;
        }
        return me;
    }
}
