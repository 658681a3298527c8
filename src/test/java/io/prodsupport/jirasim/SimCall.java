package io.prodsupport.jirasim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.javalin.http.Context;
import java.util.List;

/** One authenticated REST call as the route handlers see it: the caller, the parsed body, the Javalin context. */
record SimCall(Context ctx, SimUser caller, JsonNode body) {

    String path(String name) {
        return ctx.pathParam(name);
    }

    String query(String name) {
        return ctx.queryParam(name);
    }

    List<String> queries(String name) {
        return ctx.queryParams(name);
    }

    /** The body, or a missing node so that {@code path(...)} chains work on empty bodies. */
    JsonNode json() {
        return body == null ? MissingNode.getInstance() : body;
    }

    void answer(int status, JsonNode node) {
        ctx.status(status).contentType("application/json;charset=UTF-8").result(node.toString());
    }

    void noContent() {
        ctx.status(204);
    }
}
