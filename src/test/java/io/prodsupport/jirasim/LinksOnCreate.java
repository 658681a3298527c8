package io.prodsupport.jirasim;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Links asked for by a create: {@code update.issuelinks: [{add: {type: {name|id}, outwardIssue|inwardIssue:
 * {key|id}}}]}, the documented way to create an issue already linked. Each add names the other issue; the new
 * issue fills the side left empty, as it does when Jira shows the link on the new issue ({@code outwardIssue: X}
 * means "new issue &lt;outward&gt; X", the new issue being the link's inward end here, as in POST /issueLink).
 *
 * <p>All of it is read and checked before the issue exists, so a refused link creates nothing and burns no
 * issue number. The links are then made through {@link IssueEditor#link}, the same as POST /issueLink: same
 * storage, and the same "Link" history and jira:issue_updated on both issues, after the new issue's
 * jira:issue_created.
 */
final class LinksOnCreate {
    static final String FIELD = "issuelinks";

    /** A checked link: the type and the existing issue at the other end. */
    record Pending(SimLinkType type, IssueRecord other, boolean newIssueIsInward) {}

    private final SimState state;
    private final IssueEditor editor;

    LinksOnCreate(SimState state, IssueEditor editor) {
        this.state = state;
        this.editor = editor;
    }

    /** The links of a create body; refuses the create (400, Jira's error shape) when any cannot be made. */
    List<Pending> read(SimProject project, JsonNode fields, JsonNode update) {
        if (!fields.has(FIELD) && !update.has(FIELD)) {
            return List.of();
        }
        if (!project.linksOnCreateScreen()) {
            throw JiraError.field(
                    400,
                    FIELD,
                    "Field '" + FIELD + "' cannot be set. It is not on the appropriate screen, or unknown.");
        }
        if (fields.has(FIELD)) {
            // Links are made by an operation, never by setting the field (reported from Jira by go-jira #210).
            throw JiraError.field(400, FIELD, "Field does not support update '" + FIELD + "'");
        }
        List<Pending> out = new ArrayList<>();
        for (JsonNode operation : update.get(FIELD)) {
            var it = operation.fields();
            while (it.hasNext()) {
                var op = it.next();
                if (!op.getKey().equals("add")) {
                    throw JiraError.field(
                            400, FIELD, "Field '" + FIELD + "' does not support operation '" + op.getKey() + "'");
                }
                out.add(pending(op.getValue()));
            }
        }
        return out;
    }

    /** Makes the links once the issue exists; {@link #read} has checked them all. */
    void make(IssueRecord created, List<Pending> links, SimUser actor) {
        for (Pending p : links) {
            if (p.newIssueIsInward()) {
                editor.link(p.type(), created, p.other(), actor);
            } else {
                editor.link(p.type(), p.other(), created, actor);
            }
        }
    }

    private Pending pending(JsonNode add) {
        JsonNode typeRef = add.path("type");
        boolean byId = typeRef.hasNonNull("id");
        String ref = byId ? typeRef.get("id").asText() : typeRef.path("name").asText("");
        SimLinkType type = SimLinkType.find(ref)
                .orElseThrow(() -> JiraError.field(
                        400, FIELD, "No issue link type with " + (byId ? "id" : "name") + " '" + ref + "' found."));
        boolean outward = add.has("outwardIssue");
        if (outward == add.has("inwardIssue")) {
            // Not from Jira's documentation: the simulator's own refusal of a link that names no other issue, or two.
            throw JiraError.field(400, FIELD, "Name the other issue in exactly one of inwardIssue and outwardIssue.");
        }
        JsonNode issueRef = add.path(outward ? "outwardIssue" : "inwardIssue");
        String key = issueRef.hasNonNull("key")
                ? issueRef.get("key").asText()
                : issueRef.path("id").asText("");
        IssueRecord other = (key.isEmpty() ? Optional.<IssueRecord>empty() : state.findIssue(key))
                .orElseThrow(() ->
                        JiraError.field(400, FIELD, "Issue does not exist or you do not have permission to see it."));
        return new Pending(type, other, outward);
    }
}
