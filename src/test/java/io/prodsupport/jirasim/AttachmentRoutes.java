package io.prodsupport.jirasim;

import static io.javalin.http.HandlerType.POST;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.javalin.config.RoutesConfig;
import java.util.List;

/**
 * {@code POST /rest/api/2/issue/{key}/attachments}, the way Jira answers it: multipart form data whose files are in
 * parts named {@code file}; refused with 403 without {@code X-Atlassian-Token: no-check} (Jira's XSRF guard); 413 for
 * a file over the site's attachment size limit; 200 with the list of attachments made. Attaching is an issue change:
 * its history gets an "Attachment" item and the issue_updated webhook fires.
 */
final class AttachmentRoutes {

    /** Jira's default attachment size limit (Data Center: 10 MB, the admin can raise it). */
    static final long DEFAULT_MAX_SIZE = 10L * 1024 * 1024;

    private final SimState state;
    private final JsonShapes shapes;
    private final IssueEditor editor;

    AttachmentRoutes(SimState state, JsonShapes shapes, IssueEditor editor) {
        this.state = state;
        this.shapes = shapes;
        this.editor = editor;
    }

    void register(RequestPipeline p, RoutesConfig r) {
        p.route(r, POST, "/rest/api/2/issue/{issueIdOrKey}/attachments", this::attach);
    }

    private void attach(SimCall c) {
        if (!"no-check".equalsIgnoreCase(c.ctx().header("X-Atlassian-Token"))) {
            c.ctx().status(403).contentType("text/plain;charset=UTF-8").result("XSRF check failed");
            return;
        }
        List<MultipartForm.Part> files = MultipartForm.parse(
                        c.ctx().contentType(), c.ctx().bodyAsBytes())
                .stream()
                .filter(part -> "file".equals(part.name()) && part.filename() != null)
                .toList();
        if (files.isEmpty()) {
            throw JiraError.messages(400, "No attachment found in the request: the form field must be named 'file'.");
        }
        synchronized (state) {
            IssueRecord r = state.issue(c.path("issueIdOrKey"));
            for (MultipartForm.Part file : files) {
                if (file.content().length > state.maxAttachmentSize) {
                    throw JiraError.messages(
                            413,
                            "The file '" + file.filename() + "' is too big to attach: the limit is "
                                    + state.maxAttachmentSize + " bytes.");
                }
            }
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            for (MultipartForm.Part file : files) {
                String type = file.contentType() != null ? file.contentType() : "application/octet-stream";
                SimAttachment a = editor.attach(r, file.filename(), type, file.content(), c.caller());
                out.add(shapes.attachment(a));
            }
            c.answer(200, out);
        }
    }
}
